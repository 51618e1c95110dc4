package reconcile

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hexform/hexform/schema"
)

// Export turns a snapshot into the canonical workspace file that describes
// it: planning that file against the same snapshot plans nothing. Kinds the
// target cannot read are left out (unmanaged). Secrets become references to
// environment variables named after the connection and field, since values
// are never read back.
func Export(s *Snapshot, workspace string) *schema.Workspace {
	ws := &schema.Workspace{Version: 1, Workspace: workspace}
	for _, spec := range kindTable {
		if spec.export != nil && !slices.Contains(s.Unreadable, spec.Kind) {
			spec.export(s, ws)
		}
	}
	return ws
}

func exportConnection(c ConnectionState) schema.Connection {
	out := schema.Connection{Name: c.Name, Type: c.Type, Protect: onlyTrue(c.Protected), SchemaRefresh: c.SchemaRefresh}
	if c.Description != "" {
		d := c.Description
		out.Description = &d
	}
	if len(c.Config) > 0 {
		out.Config = map[string]any{}
		for k, v := range c.Config {
			out.Config[k] = v
		}
	}
	if len(c.Secrets) > 0 {
		required := map[string]bool{}
		for _, f := range schema.ConnectionFields(c.Type) {
			required[f.Name] = f.Secret && f.Required
		}
		out.Secrets = map[string]schema.SecretRef{}
		for k, fp := range c.Secrets {
			// A target that can only say "a field of this type may be set"
			// (fingerprint "") reports every secret field: export the
			// required ones, not optional ones nobody may use.
			if fp == "" && !required[k] {
				continue
			}
			if ref, ok := schema.ParseSecretRef(c.SecretRefs[k]); ok {
				out.Secrets[k] = ref // the reference it was set from
				continue
			}
			out.Secrets[k] = schema.SecretRef{Env: EnvName(c.Name, k)}
		}
	}
	members, guests, public := c.Sharing.Members, c.Sharing.Guests, c.Sharing.Public
	out.Sharing = &schema.Sharing{Workspace: &schema.WorkspaceSharing{
		Members: orNone(members), Guests: orNone(guests), Public: orNone(public)}}
	out.Sharing.Groups = map[string]string{}
	for g, a := range c.Sharing.Groups {
		out.Sharing.Groups[g] = a
	}
	im, aw := c.IncludeMagic, c.AllowWritebackCells
	out.IncludeMagic, out.AllowWritebackCells = &im, &aw
	return out
}

func orNone(s string) *string {
	if s == "" {
		s = schema.AccessNone
	}
	return &s
}

// EnvName is the environment variable an exported secret reference names:
// HEX_<CONNECTION>_<FIELD>, upper-case, other characters as underscores.
func EnvName(connection, field string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(fmt.Sprintf("HEX_%s_%s", connection, field)) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// onlyTrue exports a protect flag: true when set, else left out (unmanaged),
// so the exported file never lifts a protection by itself.
func onlyTrue(b bool) *bool {
	if !b {
		return nil
	}
	return &b
}

package reconcile

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hexform/hexform/schema"
)

// Export turns a snapshot into the canonical workspace file that describes
// it: planning that file against the same snapshot plans nothing. Kinds the
// target cannot read are left out (unmanaged). Secrets become references to
// environment variables named after the connection and field, since values
// are never read back.
func Export(s *Snapshot, workspace string) *schema.Workspace {
	unreadable := map[Kind]bool{}
	for _, k := range s.Unreadable {
		unreadable[k] = true
	}
	ws := &schema.Workspace{Version: 1, Workspace: workspace}
	if !unreadable[KindDomain] && !unreadable[KindSetting] {
		ws.Domains = &schema.Domains{Allowed: append([]string{}, s.Domains.Allowed...), DefaultRole: s.Domains.DefaultRole}
		if len(ws.Domains.Allowed) == 0 && ws.Domains.DefaultRole == "" {
			ws.Domains = nil
		}
	}
	if !unreadable[KindUser] {
		ws.Users = exportUsers(s)
	}
	if !unreadable[KindGroup] {
		ws.Groups = []schema.Group{}
		for _, g := range s.Groups {
			ws.Groups = append(ws.Groups, schema.Group{Name: g.Name, Members: append([]string{}, g.Members...), Protect: onlyTrue(g.Protected)})
		}
	}
	if !unreadable[KindConnection] {
		ws.Connections = []schema.Connection{}
		for _, c := range s.Connections {
			ws.Connections = append(ws.Connections, exportConnection(c))
		}
	}
	if !unreadable[KindPackage] {
		ws.Packages = []schema.Package{}
		for _, p := range s.Packages {
			ws.Packages = append(ws.Packages, schema.Package{Name: p.Name, Repository: p.Repository, Ref: p.Ref,
				Install: append([]string{}, p.Install...), Protect: onlyTrue(p.Protected)})
		}
	}
	ws.Tags = exportTags(s, unreadable)
	return ws
}

func exportUsers(s *Snapshot) []schema.User {
	users := []schema.User{}
	for _, u := range s.Users {
		if !u.Active {
			continue
		}
		su := schema.User{Email: u.Email, Role: u.Role}
		if u.Name != "" {
			name := u.Name
			su.Name = &name
		}
		users = append(users, su)
	}
	sort.Slice(users, func(i, j int) bool { return strings.ToLower(users[i].Email) < strings.ToLower(users[j].Email) })
	return users
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

func exportTags(s *Snapshot, unreadable map[Kind]bool) *schema.Tags {
	t := &schema.Tags{}
	if !unreadable[KindStatus] {
		t.Statuses = []schema.Status{}
		for _, st := range s.Statuses {
			e := st.Endorsed
			t.Statuses = append(t.Statuses, schema.Status{Name: st.Name, Endorsed: &e, Protect: onlyTrue(st.Protected)})
		}
	}
	if !unreadable[KindCategory] {
		t.Categories = []schema.Category{}
		for _, c := range s.Categories {
			d := c.Description
			t.Categories = append(t.Categories, schema.Category{Name: c.Name, Description: &d, Protect: onlyTrue(c.Protected)})
		}
	}
	if t.Statuses == nil && t.Categories == nil {
		return nil
	}
	return t
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

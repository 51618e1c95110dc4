package reconcile

import (
	"errors"
	"fmt"
	"maps"
	"strings"

	"github.com/hexform/hexform/schema"
)

// KindConnection is the kind of shared data connections.
const KindConnection Kind = "connection"

var connectionItems = items[ConnectionState]{
	kind:  KindConnection,
	of:    func(s *Snapshot) *[]ConnectionState { return &s.Connections },
	id:    func(c *ConnectionState) *string { return &c.ID },
	name:  func(c *ConnectionState) *string { return &c.Name },
	canon: func(c *ConnectionState) { normalizeSharing(&c.Sharing) },
	deep:  deepConnection,
	init: func(c *ConnectionState, _ *Snapshot) {
		c.Sharing = SharingState{Members: schema.AccessNone, Guests: schema.AccessNone, Public: schema.AccessNone}
	},
	set: setConnection,
}

var connectionSpec = &KindSpec{
	Kind:      KindConnection,
	Title:     "Connections",
	managed:   func(w *schema.Workspace) bool { return w.Connections != nil },
	diff:      func(d *differ) { d.diffConnections() },
	part:      connectionItems.part,
	normalize: connectionItems.normalize,
	clone:     connectionItems.clone,
	count:     connectionItems.count,
	idents:    connectionItems.idents,
	typed:     connectionItems,
	named: func(w *schema.Workspace, f func(string, []string, bool)) {
		for _, c := range w.Connections {
			f(c.Name, c.Previously, schema.On(c.Protect))
		}
	},
	protected: func(s *Snapshot, f func(string)) {
		for _, c := range s.Connections {
			if c.Protected {
				f(c.Name)
			}
		}
	},
	export: func(s *Snapshot, w *schema.Workspace) {
		w.Connections = []schema.Connection{}
		for _, c := range s.Connections {
			w.Connections = append(w.Connections, unmanagedQueryPublic(exportConnection(c)))
		}
	},
	fromFile:  connectionsFromFile,
	fieldRisk: connectionFieldRisk,
	access:    &accessKind{grants: connectionGrants, rank: func(level string) int { return levelRank(level) }},
	needs: func(c Change) []string {
		var out []string
		for _, f := range c.Fields {
			if g, ok := strings.CutPrefix(f.Path, "sharing.groups."); ok {
				out = append(out, "group/"+g) // shared with a group being made
			}
		}
		return out
	},
}

// unmanagedQueryPublic leaves out of an exported connection a public level
// of query: the API reads it but takes only none or view_results, and a
// file cannot give it, so the export leaves it unmanaged.
func unmanagedQueryPublic(c schema.Connection) schema.Connection {
	if ws := c.Sharing.Workspace; ws != nil && ws.Public != nil && *ws.Public == schema.AccessQuery {
		ws.Public = nil
	}
	return c
}

// connectionGrants: a connection is shared with the workspace's members,
// its guests and groups. Public sharing reaches viewers of published apps,
// not users, and is left out.
func connectionGrants(s *Snapshot, add func(Grant)) {
	for _, c := range s.Connections {
		g := Grant{Kind: KindConnection, ID: c.ID, Name: c.Name}
		for _, x := range []struct {
			level string
			to    Audience
		}{{c.Sharing.Members, Audience{Members: true}}, {c.Sharing.Guests, Audience{Guests: true}}} {
			g.Level, g.To = x.level, x.to
			add(g)
		}
		for _, name := range sortedKeys(c.Sharing.Groups) {
			g.Level, g.To = c.Sharing.Groups[name], Audience{Group: name}
			add(g)
		}
	}
}

func deepConnection(c *ConnectionState) {
	c.Config = cloneMap(c.Config)
	c.Secrets = maps.Clone(c.Secrets)
	c.SecretRefs = maps.Clone(c.SecretRefs)
	c.Sharing.Groups = maps.Clone(c.Sharing.Groups)
	if c.SchemaRefresh != nil {
		sr := *c.SchemaRefresh
		c.SchemaRefresh = &sr
	}
}

// connectionFieldRisk: taking a secret from another reference, and lowering
// a sharing level, are medium.
func connectionFieldRisk(f Field) Risk {
	switch {
	case strings.HasPrefix(f.Path, "secrets."):
		if refChanged(f) {
			return RiskMedium
		}
	case strings.HasPrefix(f.Path, "sharing."):
		if f.Before != nil && levelRank(f.After) < levelRank(f.Before) {
			return RiskMedium
		}
	}
	return RiskLow
}

func connectionsFromFile(w *schema.Workspace, s *Snapshot) bool {
	for _, c := range w.Connections {
		cs := ConnectionState{ID: c.Name, Name: c.Name, Type: c.Type, Config: c.Config, SchemaRefresh: c.SchemaRefresh, Protected: schema.On(c.Protect)}
		if c.Description != nil {
			cs.Description = *c.Description
		}
		if len(c.Secrets) > 0 {
			cs.Secrets, cs.SecretRefs = map[string]string{}, map[string]string{}
			for k, ref := range c.Secrets {
				cs.Secrets[k] = ref.String()
				cs.SecretRefs[k] = ref.String()
			}
		}
		if c.Sharing != nil {
			if ws := c.Sharing.Workspace; ws != nil {
				cs.Sharing.Members, cs.Sharing.Guests, cs.Sharing.Public = deref(ws.Members), deref(ws.Guests), deref(ws.Public)
			}
			cs.Sharing.Groups = c.Sharing.Groups
		}
		if c.IncludeMagic != nil {
			cs.IncludeMagic = *c.IncludeMagic
		}
		if c.AllowWritebackCells != nil {
			cs.AllowWritebackCells = *c.AllowWritebackCells
		}
		s.Connections = append(s.Connections, cs)
	}
	return w.Connections != nil
}

// setConnection is the connection's field table. A secret field's After is
// the reference to read it from: the item keeps the reference in SecretRefs
// and "" in Secrets, for the target to replace with what it keeps of the
// value it sends (the file target: a keyed fingerprint).
func setConnection(c *ConnectionState, f Field, _ bool) (err error) {
	p := f.Path
	switch {
	case p == "name":
		c.Name, err = FieldString(f.After)
	case p == "type":
		c.Type, err = asConnectionType(f.After)
	case p == "description":
		c.Description, err = FieldString(f.After)
	case strings.HasPrefix(p, "config.") && len(p) > len("config."):
		return setConfig(c, strings.TrimPrefix(p, "config."), f.After)
	case strings.HasPrefix(p, "secrets.") && len(p) > len("secrets."):
		return setSecretRef(c, strings.TrimPrefix(p, "secrets."), f.After)
	case strings.HasPrefix(p, "sharing."):
		return setSharing(&c.Sharing, strings.TrimPrefix(p, "sharing."), f.After)
	case p == "schema_refresh":
		c.SchemaRefresh, err = FieldSchemaRefresh(f.After)
	case p == "include_magic":
		c.IncludeMagic, err = FieldBool(f.After)
	case p == "allow_writeback_cells":
		c.AllowWritebackCells, err = FieldBool(f.After)
	case p == "protected":
		c.Protected, err = FieldBool(f.After)
	default:
		return unknownField("name", "type", "description", "config.<key>", "secrets.<key>",
			"sharing.members", "sharing.guests", "sharing.public", "sharing.groups.<group>",
			"schema_refresh", "include_magic", "allow_writeback_cells", "protected")
	}
	return err
}

func asConnectionType(v any) (string, error) {
	s, err := FieldString(v)
	if err != nil {
		return "", err
	}
	for _, t := range schema.ConnectionTypes {
		if s == t {
			return s, nil
		}
	}
	return "", fmt.Errorf("unknown connection type %q (want one of %s)", s, strings.Join(schema.ConnectionTypes, ", "))
}

func setConfig(c *ConnectionState, key string, after any) error {
	if FieldValue(after) == nil {
		delete(c.Config, key)
		return nil
	}
	v, err := configValue(after)
	if err != nil {
		return err
	}
	if c.Config == nil {
		c.Config = map[string]any{}
	}
	c.Config[key] = v
	return nil
}

func setSecretRef(c *ConnectionState, key string, after any) error {
	if FieldValue(after) == nil {
		delete(c.Secrets, key)
		delete(c.SecretRefs, key)
		return nil
	}
	ref, err := asSecretRef(after)
	if err != nil {
		return err
	}
	if c.Secrets == nil {
		c.Secrets = map[string]string{}
	}
	c.Secrets[key] = ""
	if c.SecretRefs == nil {
		c.SecretRefs = map[string]string{}
	}
	c.SecretRefs[key] = ref.String()
	return nil
}

func setSharing(s *SharingState, path string, after any) (err error) {
	switch {
	case path == "members":
		s.Members, err = asAccess(after)
	case path == "guests":
		s.Guests, err = asAccess(after)
	case path == "public":
		s.Public, err = asAccess(after)
		if err == nil && s.Public == schema.AccessQuery {
			err = errors.New("public access is none or view_results")
		}
	case strings.HasPrefix(path, "groups.") && len(path) > len("groups."):
		group := strings.TrimPrefix(path, "groups.")
		if FieldValue(after) == nil {
			delete(s.Groups, group)
			return nil
		}
		var a string
		if a, err = asAccess(after); err == nil {
			if s.Groups == nil {
				s.Groups = map[string]string{}
			}
			s.Groups[group] = a
		}
	default:
		return unknownField("sharing.members", "sharing.guests", "sharing.public", "sharing.groups.<group>")
	}
	return err
}

// ConnectionState is a shared data connection. Secret values are never held:
// Secrets maps each secret field to a keyed fingerprint of its value, or to ""
// when the target can say only that the field is set (Hex). SecretRefs maps
// each secret field to the reference it was last set from (env:NAME or
// file:PATH), where the target keeps it (the file target; Hex cannot).
type ConnectionState struct {
	ID                  string                `json:"id"`
	Name                string                `json:"name"`
	Type                string                `json:"type"`
	Description         string                `json:"description,omitempty"`
	Config              map[string]any        `json:"config,omitempty"`
	Secrets             map[string]string     `json:"secrets,omitempty"`
	SecretRefs          map[string]string     `json:"secret_refs,omitempty"`
	Sharing             SharingState          `json:"sharing"`
	SchemaRefresh       *schema.SchemaRefresh `json:"schema_refresh,omitempty"`
	IncludeMagic        bool                  `json:"include_magic,omitempty"`
	AllowWritebackCells bool                  `json:"allow_writeback_cells,omitempty"`
	Protected           bool                  `json:"protected,omitempty"`
}

// SharingState is a connection's sharing. Access levels use the schema.Access* names.
type SharingState struct {
	Members string            `json:"members"`
	Guests  string            `json:"guests"`
	Public  string            `json:"public"`
	Groups  map[string]string `json:"groups,omitempty"` // group name -> access
}

package reconcile

import (
	"encoding/json"
	"maps"
	"slices"

	"github.com/hexform/hexform/schema"
)

// secretSet is what a Field shows as the Before of a secret that is set.
const secretSet = "(set)"

func (d *differ) diffConnections() {
	diffNamed(d, namedKind[schema.Connection, ConnectionState]{
		kind: KindConnection, want: d.want.Connections, have: d.have.Connections,
		wantName: func(c schema.Connection) string { return c.Name },
		prev:     func(c schema.Connection) []string { return c.Previously },
		haveName: func(c ConnectionState) string { return c.Name },
		haveID:   func(c ConnectionState) string { return c.ID },
		create:   d.connectionCreate,
		update:   d.connectionUpdate,
		remove: func(h ConnectionState) fieldSet {
			return fieldSet{{Path: "name", Before: h.Name}, {Path: "type", Before: h.Type}}
		},
	})
}

func (d *differ) connectionCreate(c schema.Connection) fieldSet {
	var fs fieldSet
	fs.put("name", nil, c.Name)
	fs.put("type", nil, c.Type)
	if c.Description != nil {
		fs.put("description", nil, *c.Description)
	}
	for _, k := range sortedKeys(c.Config) {
		fs.put("config."+k, nil, c.Config[k])
	}
	for _, k := range sortedKeys(c.Secrets) {
		fs = append(fs, Field{Path: "secrets." + k, After: c.Secrets[k].String(), Sensitive: true})
	}
	if c.Sharing != nil {
		if ws := c.Sharing.Workspace; ws != nil {
			putLevel(&fs, "sharing.members", ws.Members)
			putLevel(&fs, "sharing.guests", ws.Guests)
			putLevel(&fs, "sharing.public", ws.Public)
		}
		for _, g := range sortedKeys(c.Sharing.Groups) {
			fs.put("sharing.groups."+g, nil, c.Sharing.Groups[g])
		}
	}
	if c.SchemaRefresh != nil {
		fs.put("schema_refresh", nil, refreshValue(c.SchemaRefresh))
	}
	if c.IncludeMagic != nil {
		fs.put("include_magic", nil, *c.IncludeMagic)
	}
	if c.AllowWritebackCells != nil {
		fs.put("allow_writeback_cells", nil, *c.AllowWritebackCells)
	}
	putProtected(&fs, schema.On(c.Protect))
	return fs
}

func putLevel(fs *fieldSet, path string, level *string) {
	if level != nil {
		fs.put(path, nil, *level)
	}
}

func (d *differ) connectionUpdate(c schema.Connection, h ConnectionState) fieldSet {
	var fs fieldSet
	if c.Type != "" {
		fs.set("type", h.Type, c.Type)
	}
	if c.Description != nil {
		fs.set("description", h.Description, *c.Description)
	}
	configFields(&fs, c, h)
	d.secretFields(&fs, c.Secrets, h.Secrets, h.SecretRefs)
	if c.Sharing != nil {
		d.sharingFields(&fs, c.Sharing, h.Sharing)
	}
	if c.SchemaRefresh != nil {
		var before any
		if h.SchemaRefresh != nil {
			before = refreshValue(h.SchemaRefresh)
		}
		fs.set("schema_refresh", before, refreshValue(c.SchemaRefresh))
	}
	if c.IncludeMagic != nil {
		fs.set("include_magic", h.IncludeMagic, *c.IncludeMagic)
	}
	if c.AllowWritebackCells != nil {
		fs.set("allow_writeback_cells", h.AllowWritebackCells, *c.AllowWritebackCells)
	}
	if c.Protect != nil {
		fs.set("protected", h.Protected, *c.Protect)
	}
	return fs
}

// configFields sets the settings the file's config gives, and removes
// those the target has and the file leaves out, of the settings a
// connection can have cleared (the Hex API takes null for them); any other
// setting the file leaves out is not managed.
func configFields(fs *fieldSet, c schema.Connection, h ConnectionState) {
	typ := c.Type
	if typ == "" {
		typ = h.Type
	}
	keys := maps.Clone(c.Config)
	for k := range h.Config {
		if _, given := c.Config[k]; !given && c.Config != nil && schema.ConnectionFieldNullable(typ, k) {
			keys[k] = nil
		}
	}
	for _, k := range sortedKeys(keys) {
		var before any
		if v, ok := h.Config[k]; ok {
			before = v
		}
		fs.set("config."+k, before, keys[k])
	}
}

// secretFields sends a secret when it is not set yet, when it is to come
// from another reference than the one it was set from (Before is then that
// reference), when the target's fingerprint shows its value changed, or on
// RotateSecrets; otherwise it leaves it alone, so that secrets never show
// as a perpetual diff.
func (d *differ) secretFields(fs *fieldSet, want map[string]schema.SecretRef, have, haveRefs map[string]string) {
	for _, k := range sortedKeys(want) {
		ref := want[k]
		f := Field{Path: "secrets." + k, After: ref.String(), Sensitive: true}
		fp, set := have[k]
		switch {
		case !set:
		case haveRefs[k] != "" && haveRefs[k] != ref.String():
			f.Before = haveRefs[k]
		case d.opts.RotateSecrets:
			f.Before = secretSet
		case fp != "" && d.opts.SecretFingerprint != nil:
			now, ok := d.opts.SecretFingerprint(ref)
			if !ok || now == fp {
				continue
			}
			f.Before = secretSet
		default:
			continue
		}
		*fs = append(*fs, f)
	}
}

// sharingFields compares sharing levels. Group entries of the current state
// are looked up under the group's name after this plan's renames; a group
// missing from a present `groups:` map is to have no access.
func (d *differ) sharingFields(fs *fieldSet, want *schema.Sharing, have SharingState) {
	if ws := want.Workspace; ws != nil {
		setLevel(fs, "sharing.members", have.Members, ws.Members)
		setLevel(fs, "sharing.guests", have.Guests, ws.Guests)
		setLevel(fs, "sharing.public", have.Public, ws.Public)
	}
	if want.Groups == nil {
		return
	}
	current := map[string]string{}
	for g, level := range have.Groups {
		if renamed, ok := d.renames[KindGroup][g]; ok {
			g = renamed
		}
		current[g] = level
	}
	names := sortedKeys(want.Groups)
	for g := range current {
		if _, ok := want.Groups[g]; !ok {
			names = append(names, g)
		}
	}
	slices.Sort(names)
	for _, g := range names {
		before, after := levelOrNone(current[g]), schema.AccessNone
		if w, ok := want.Groups[g]; ok {
			after = w
		}
		fs.set("sharing.groups."+g, before, after)
	}
}

func setLevel(fs *fieldSet, path, have string, want *string) {
	if want != nil {
		fs.set(path, levelOrNone(have), *want)
	}
}

func levelOrNone(s string) string {
	if s == "" {
		return schema.AccessNone
	}
	return s
}

// refreshValue is a schema refresh schedule as a JSON-like map, with the
// defaults a target fills in made explicit (enabled, hour and minute 0, UTC),
// so a file that leaves them out does not differ from what is read back.
func refreshValue(r *schema.SchemaRefresh) map[string]any {
	n := *r
	if n.Enabled != nil && *n.Enabled {
		n.Enabled = nil
	}
	switch n.Cadence {
	case "daily", "weekly", "monthly":
		if n.Hour == nil {
			n.Hour = new(int)
		}
		if n.Minute == nil {
			n.Minute = new(int)
		}
		fallthrough
	case "custom":
		if n.Timezone == "" {
			n.Timezone = "UTC"
		}
	}
	b, err := json.Marshal(&n)
	if err != nil {
		return nil
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	return m
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

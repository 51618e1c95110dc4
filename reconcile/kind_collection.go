package reconcile

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hexform/hexform/schema"
)

// KindCollection is the kind of collections of projects.
const KindCollection Kind = "collection"

var collectionItems = items[CollectionState]{
	kind:  KindCollection,
	of:    func(s *Snapshot) *[]CollectionState { return &s.Collections },
	id:    func(c *CollectionState) *string { return &c.ID },
	name:  func(c *CollectionState) *string { return &c.Name },
	canon: func(c *CollectionState) { normalizeCollectionSharing(&c.Sharing) },
	deep: func(c *CollectionState) {
		c.Sharing.Groups, c.Sharing.Users = maps.Clone(c.Sharing.Groups), maps.Clone(c.Sharing.Users)
	},
	init: func(c *CollectionState, _ *Snapshot) { c.Sharing.Members = schema.AccessNone },
	set:  setCollection,
}

var collectionSpec = &KindSpec{
	Kind:      KindCollection,
	Title:     "Collections",
	managed:   func(w *schema.Workspace) bool { return w.Collections != nil },
	diff:      diffCollections,
	part:      collectionItems.part,
	normalize: collectionItems.normalize,
	clone:     collectionItems.clone,
	count:     collectionItems.count,
	idents:    collectionItems.idents,
	typed:     collectionItems,
	named: func(w *schema.Workspace, f func(string, []string, bool)) {
		for _, c := range w.Collections {
			f(c.Name, c.Previously, schema.On(c.Protect))
		}
	},
	protected: func(s *Snapshot, f func(string)) {
		for _, c := range s.Collections {
			if c.Protected {
				f(c.Name)
			}
		}
	},
	export: func(s *Snapshot, w *schema.Workspace) {
		w.Collections = []schema.Collection{}
		for _, c := range s.Collections {
			w.Collections = append(w.Collections, exportCollection(c))
		}
	},
	fromFile: collectionsFromFile,
	fieldRisk: func(f Field) Risk {
		if strings.HasPrefix(f.Path, "sharing.") && collectionRank(f.After) < collectionRank(f.Before) {
			return RiskMedium // someone loses access, or managing
		}
		return RiskLow
	},
	needs: func(c Change) []string {
		var out []string
		for _, f := range c.Fields {
			if collectionRank(f.After) == 0 {
				continue
			}
			if g, ok := strings.CutPrefix(f.Path, "sharing.groups."); ok {
				out = append(out, "group/"+g) // shared with a group being made or renamed
			} else if u, ok := strings.CutPrefix(f.Path, "sharing.users."); ok {
				out = append(out, "user/"+u) // shared with a user being invited
			}
		}
		return out
	},
}

// collectionRank orders collection levels: none (or absent) < member < manager.
func collectionRank(v any) int {
	s, _ := FieldValue(v).(string)
	return max(slices.Index(schema.CollectionLevels, s), 0)
}

// normalizeCollectionSharing spells no access of the workspace's members
// "none", lower-cases user emails and drops the entries that give no access.
func normalizeCollectionSharing(sh *CollectionSharing) {
	if sh.Members == "" {
		sh.Members = schema.AccessNone
	}
	sh.Groups = withAccess(sh.Groups, func(g string) string { return g })
	sh.Users = withAccess(sh.Users, strings.ToLower)
}

// withAccess is levels without the entries that give no access, keys
// through key; nil when none is left.
func withAccess(levels map[string]string, key func(string) string) map[string]string {
	var out map[string]string
	for k, a := range levels {
		if a == "" || a == schema.AccessNone {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[key(k)] = a
	}
	return out
}

func diffCollections(d *differ) {
	diffNamed(d, namedKind[schema.Collection, CollectionState]{
		kind: KindCollection, want: d.want.Collections, have: d.have.Collections,
		wantName: func(c schema.Collection) string { return c.Name },
		prev:     func(c schema.Collection) []string { return c.Previously },
		haveName: func(c CollectionState) string { return c.Name },
		haveID:   func(c CollectionState) string { return c.ID },
		create:   collectionCreate,
		update:   d.collectionUpdate,
		remove: func(h CollectionState) fieldSet {
			return fieldSet{{Path: "name", Before: h.Name}}
		},
	})
}

// collectionCreate lists a new collection's fields; sharing entries that
// give no access are left out, as a new collection has none.
func collectionCreate(c schema.Collection) fieldSet {
	var fs fieldSet
	fs.put("name", nil, c.Name)
	if c.Description != nil {
		fs.put("description", nil, *c.Description)
	}
	if s := c.Sharing; s != nil {
		if s.Workspace != nil && collectionRank(deref(s.Workspace.Members)) > 0 {
			fs.put("sharing.members", nil, *s.Workspace.Members)
		}
		for _, prefix := range []string{"groups", "users"} {
			levels := withAccess(wantLevels(s, prefix), func(k string) string { return k })
			for _, k := range sortedKeys(levels) {
				fs.put("sharing."+prefix+"."+k, nil, levels[k])
			}
		}
	}
	putProtected(&fs, schema.On(c.Protect))
	return fs
}

// wantLevels is the file's groups: or users: map of a collection's sharing
// (emails lower-case), nil when absent.
func wantLevels(s *schema.CollectionSharing, which string) map[string]string {
	if which == "groups" {
		return s.Groups
	}
	if s.Users == nil {
		return nil
	}
	out := make(map[string]string, len(s.Users))
	for u, a := range s.Users {
		out[strings.ToLower(u)] = a
	}
	return out
}

func (d *differ) collectionUpdate(c schema.Collection, h CollectionState) fieldSet {
	var fs fieldSet
	if c.Description != nil {
		fs.set("description", h.Description, *c.Description)
	}
	if s := c.Sharing; s != nil {
		if s.Workspace != nil && s.Workspace.Members != nil {
			fs.set("sharing.members", levelOrNone(h.Sharing.Members), *s.Workspace.Members)
		}
		groups := map[string]string{}
		for g, level := range h.Sharing.Groups {
			if renamed, ok := d.renames[KindGroup][g]; ok {
				g = renamed
			}
			groups[g] = level
		}
		levelFields(&fs, "sharing.groups.", wantLevels(s, "groups"), groups)
		levelFields(&fs, "sharing.users.", wantLevels(s, "users"), h.Sharing.Users)
	}
	if c.Protect != nil {
		fs.set("protected", h.Protected, *c.Protect)
	}
	return fs
}

// levelFields compares a present map of levels (want) with the current one:
// an entry want leaves out is to have no access. A nil want is unmanaged.
func levelFields(fs *fieldSet, prefix string, want, have map[string]string) {
	if want == nil {
		return
	}
	names := sortedKeys(want)
	for k := range have {
		if _, ok := want[k]; !ok {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	for _, k := range names {
		after := schema.AccessNone
		if w, ok := want[k]; ok {
			after = w
		}
		fs.set(prefix+k, levelOrNone(have[k]), after)
	}
}

func collectionsFromFile(w *schema.Workspace, s *Snapshot) bool {
	for _, c := range w.Collections {
		cs := CollectionState{ID: c.Name, Name: c.Name, Description: deref(c.Description), Protected: schema.On(c.Protect)}
		if sh := c.Sharing; sh != nil {
			if sh.Workspace != nil {
				cs.Sharing.Members = deref(sh.Workspace.Members)
			}
			cs.Sharing.Groups, cs.Sharing.Users = maps.Clone(sh.Groups), wantLevels(sh, "users")
		}
		s.Collections = append(s.Collections, cs)
	}
	return w.Collections != nil
}

// exportCollection writes every part of the collection's sharing, so the
// exported file manages it whole.
func exportCollection(c CollectionState) schema.Collection {
	out := schema.Collection{Name: c.Name, Protect: onlyTrue(c.Protected), Sharing: &schema.CollectionSharing{
		Workspace: &schema.CollectionWorkspace{Members: orNone(c.Sharing.Members)},
		Groups:    withAccess(c.Sharing.Groups, func(g string) string { return g }),
		Users:     withAccess(c.Sharing.Users, strings.ToLower),
	}}
	if out.Sharing.Groups == nil {
		out.Sharing.Groups = map[string]string{}
	}
	if out.Sharing.Users == nil {
		out.Sharing.Users = map[string]string{}
	}
	if c.Description != "" {
		d := c.Description
		out.Description = &d
	}
	return out
}

// setCollection is the collection's field table.
func setCollection(c *CollectionState, f Field, _ bool) (err error) {
	p := f.Path
	switch {
	case p == "name":
		c.Name, err = FieldString(f.After)
	case p == "description":
		c.Description, err = FieldString(f.After)
	case p == "sharing.members":
		c.Sharing.Members, err = asCollectionLevel(f.After)
	case strings.HasPrefix(p, "sharing.groups.") && len(p) > len("sharing.groups."):
		return setCollectionLevel(&c.Sharing.Groups, strings.TrimPrefix(p, "sharing.groups."), f.After)
	case strings.HasPrefix(p, "sharing.users.") && len(p) > len("sharing.users."):
		return setCollectionLevel(&c.Sharing.Users, strings.ToLower(strings.TrimPrefix(p, "sharing.users.")), f.After)
	case p == "protected":
		c.Protected, err = FieldBool(f.After)
	default:
		return unknownField("name", "description", "sharing.members", "sharing.groups.<group>", "sharing.users.<email>", "protected")
	}
	return err
}

// setCollectionLevel sets one entry of a map of levels; no access removes it.
func setCollectionLevel(levels *map[string]string, key string, after any) error {
	a, err := asCollectionLevel(after)
	if err != nil {
		return err
	}
	if a == schema.AccessNone {
		delete(*levels, key)
		return nil
	}
	if *levels == nil {
		*levels = map[string]string{}
	}
	(*levels)[key] = a
	return nil
}

func asCollectionLevel(v any) (string, error) {
	if FieldValue(v) == nil {
		return schema.AccessNone, nil
	}
	s, err := FieldString(v)
	if err != nil {
		return "", err
	}
	if !slices.Contains(schema.CollectionLevels, s) {
		return "", fmt.Errorf("unknown collection level %q (want %s)", s, strings.Join(schema.CollectionLevels, ", "))
	}
	return s, nil
}

// CollectionState is a collection. Access levels use the schema's collection
// level names (schema.CollectionLevels).
type CollectionState struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Description string            `json:"description,omitempty"`
	Sharing     CollectionSharing `json:"sharing"`
	Protected   bool              `json:"protected,omitempty"`
}

// CollectionSharing is a collection's sharing: "" (or none) is no access.
type CollectionSharing struct {
	// Members is the level of every workspace member.
	Members string `json:"members"`
	// Groups maps a group's name to its level.
	Groups map[string]string `json:"groups,omitempty"`
	// Users maps a user's lower-case email to their level.
	Users map[string]string `json:"users,omitempty"`
}

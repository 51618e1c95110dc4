package reconcile

import (
	"slices"

	"github.com/hexform/hexform/schema"
)

// KindGroup is the kind of groups.
const KindGroup Kind = "group"

var groupItems = items[GroupState]{
	kind:  KindGroup,
	of:    func(s *Snapshot) *[]GroupState { return &s.Groups },
	id:    func(g *GroupState) *string { return &g.ID },
	name:  func(g *GroupState) *string { return &g.Name },
	canon: func(g *GroupState) { g.Members = lowerSet(g.Members) },
	deep:  func(g *GroupState) { g.Members = slices.Clone(g.Members) },
	init:  func(g *GroupState, _ *Snapshot) { g.Members = []string{} },
	set:   setGroup,
}

var groupSpec = &KindSpec{
	Kind:      KindGroup,
	Title:     "Groups",
	managed:   func(w *schema.Workspace) bool { return w.Groups != nil },
	diff:      diffGroups,
	part:      groupItems.part,
	normalize: groupItems.normalize,
	clone:     groupItems.clone,
	count:     groupItems.count,
	idents:    groupItems.idents,
	typed:     groupItems,
	named: func(w *schema.Workspace, f func(string, []string, bool)) {
		for _, g := range w.Groups {
			f(g.Name, g.Previously, schema.On(g.Protect))
		}
	},
	protected: func(s *Snapshot, f func(string)) {
		for _, g := range s.Groups {
			if g.Protected {
				f(g.Name)
			}
		}
	},
	export: func(s *Snapshot, w *schema.Workspace) {
		w.Groups = []schema.Group{}
		for _, g := range s.Groups {
			w.Groups = append(w.Groups, schema.Group{Name: g.Name, Members: append([]string{}, g.Members...), Protect: onlyTrue(g.Protected)})
		}
	},
	fromFile: func(w *schema.Workspace, s *Snapshot) bool {
		for _, g := range w.Groups {
			s.Groups = append(s.Groups, GroupState{ID: g.Name, Name: g.Name, Members: lowerAll(g.Members), Protected: schema.On(g.Protect)})
		}
		return w.Groups != nil
	},
	fieldRisk: func(f Field) Risk {
		if f.Path == "members" && len(SetMinus(StringList(f.Before), StringList(f.After))) > 0 {
			return RiskMedium // someone loses the group's access
		}
		return RiskLow
	},
	provides: func(c Change, d *differ) string {
		switch c.Action {
		case ActionCreate:
			return "group/" + c.Name
		case ActionRename:
			return "group/" + d.renames[KindGroup][c.Name]
		}
		return ""
	},
	needs: func(c Change) []string {
		var out []string
		for _, f := range c.Fields {
			if f.Path == "members" {
				for _, m := range SetMinus(StringList(f.After), StringList(f.Before)) {
					out = append(out, "user/"+m) // a new member must be invited first
				}
			}
		}
		return out
	},
}

func diffGroups(d *differ) {
	diffNamed(d, namedKind[schema.Group, GroupState]{
		kind: KindGroup, want: d.want.Groups, have: d.have.Groups,
		wantName: func(g schema.Group) string { return g.Name },
		prev:     func(g schema.Group) []string { return g.Previously },
		haveName: func(g GroupState) string { return g.Name },
		haveID:   func(g GroupState) string { return g.ID },
		create: func(g schema.Group) fieldSet {
			var fs fieldSet
			fs.put("name", nil, g.Name)
			if g.Members != nil {
				fs.put("members", nil, lowerSet(g.Members))
			}
			putProtected(&fs, schema.On(g.Protect))
			return fs
		},
		update: func(g schema.Group, h GroupState) fieldSet {
			var fs fieldSet
			if g.Members != nil {
				fs.set("members", h.Members, lowerSet(g.Members))
			}
			if g.Protect != nil {
				fs.set("protected", h.Protected, *g.Protect)
			}
			return fs
		},
		remove: func(h GroupState) fieldSet { return fieldSet{{Path: "name", Before: h.Name}} },
	})
}

// setGroup is the group's field table.
func setGroup(g *GroupState, f Field, _ bool) (err error) {
	switch f.Path {
	case "name":
		g.Name, err = FieldString(f.After)
	case "members":
		var m []string
		if m, err = FieldStrings(f.After); err == nil {
			g.Members = lowerSet(m)
		}
	case "protected":
		g.Protected, err = FieldBool(f.After)
	default:
		return unknownField("name", "members", "protected")
	}
	return err
}

// GroupState is a group and its members (lower-case emails, sorted).
type GroupState struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Members   []string `json:"members"`
	Protected bool     `json:"protected,omitempty"`
}

package reconcile

import "github.com/hexform/hexform/schema"

// KindStatus is the kind of project statuses.
const KindStatus Kind = "status"

var statusItems = items[StatusState]{
	kind: KindStatus,
	of:   func(s *Snapshot) *[]StatusState { return &s.Statuses },
	id:   func(s *StatusState) *string { return &s.ID },
	name: func(s *StatusState) *string { return &s.Name },
	set:  setStatus,
}

var statusSpec = &KindSpec{
	Kind:      KindStatus,
	Title:     "Statuses",
	managed:   func(w *schema.Workspace) bool { return w.Tags != nil && w.Tags.Statuses != nil },
	diff:      diffStatuses,
	part:      statusItems.part,
	normalize: statusItems.normalize,
	clone:     statusItems.clone,
	count:     statusItems.count,
	idents:    statusItems.idents,
	typed:     statusItems,
	named: func(w *schema.Workspace, f func(string, []string, bool)) {
		if w.Tags != nil {
			for _, s := range w.Tags.Statuses {
				f(s.Name, s.Previously, schema.On(s.Protect))
			}
		}
	},
	protected: func(s *Snapshot, f func(string)) {
		for _, st := range s.Statuses {
			if st.Protected {
				f(st.Name)
			}
		}
	},
	export: func(s *Snapshot, w *schema.Workspace) {
		t := tagsOf(w)
		t.Statuses = []schema.Status{}
		for _, st := range s.Statuses {
			e := st.Endorsed
			t.Statuses = append(t.Statuses, schema.Status{Name: st.Name, Endorsed: &e, Protect: onlyTrue(st.Protected)})
		}
	},
	fromFile: func(w *schema.Workspace, s *Snapshot) bool {
		if w.Tags == nil || w.Tags.Statuses == nil {
			return false
		}
		for _, st := range w.Tags.Statuses {
			s.Statuses = append(s.Statuses, StatusState{ID: st.Name, Name: st.Name, Endorsed: st.Endorsed != nil && *st.Endorsed, Protected: schema.On(st.Protect)})
		}
		return true
	},
}

func diffStatuses(d *differ) {
	diffNamed(d, namedKind[schema.Status, StatusState]{
		kind: KindStatus, want: d.want.Tags.Statuses, have: d.have.Statuses,
		wantName: func(s schema.Status) string { return s.Name },
		prev:     func(s schema.Status) []string { return s.Previously },
		haveName: func(s StatusState) string { return s.Name },
		haveID:   func(s StatusState) string { return s.ID },
		create: func(s schema.Status) fieldSet {
			var fs fieldSet
			fs.put("name", nil, s.Name)
			if s.Endorsed != nil {
				fs.put("endorsed", nil, *s.Endorsed)
			}
			putProtected(&fs, schema.On(s.Protect))
			return fs
		},
		update: func(s schema.Status, h StatusState) fieldSet {
			var fs fieldSet
			if s.Endorsed != nil {
				fs.set("endorsed", h.Endorsed, *s.Endorsed)
			}
			if s.Protect != nil {
				fs.set("protected", h.Protected, *s.Protect)
			}
			return fs
		},
		remove: func(h StatusState) fieldSet { return fieldSet{{Path: "name", Before: h.Name}} },
	})
}

// setStatus is the status's field table.
func setStatus(s *StatusState, f Field, _ bool) (err error) {
	switch f.Path {
	case "name":
		s.Name, err = FieldString(f.After)
	case "endorsed":
		s.Endorsed, err = FieldBool(f.After)
	case "protected":
		s.Protected, err = FieldBool(f.After)
	default:
		return unknownField("name", "endorsed", "protected")
	}
	return err
}

// tagsOf returns w's tags: section, adding it when absent.
func tagsOf(w *schema.Workspace) *schema.Tags {
	if w.Tags == nil {
		w.Tags = &schema.Tags{}
	}
	return w.Tags
}

// StatusState is a project status definition.
type StatusState struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Endorsed  bool   `json:"endorsed,omitempty"`
	Protected bool   `json:"protected,omitempty"`
}

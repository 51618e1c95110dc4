package reconcile

import "github.com/hexform/hexform/schema"

// KindCategory is the kind of project categories.
const KindCategory Kind = "category"

var categoryItems = items[CategoryState]{
	kind: KindCategory,
	of:   func(s *Snapshot) *[]CategoryState { return &s.Categories },
	id:   func(c *CategoryState) *string { return &c.ID },
	name: func(c *CategoryState) *string { return &c.Name },
	set:  setCategory,
}

var categorySpec = &KindSpec{
	Kind:      KindCategory,
	Title:     "Categories",
	managed:   func(w *schema.Workspace) bool { return w.Tags != nil && w.Tags.Categories != nil },
	diff:      diffCategories,
	part:      categoryItems.part,
	normalize: categoryItems.normalize,
	clone:     categoryItems.clone,
	count:     categoryItems.count,
	idents:    categoryItems.idents,
	typed:     categoryItems,
	named: func(w *schema.Workspace, f func(string, []string, bool)) {
		if w.Tags != nil {
			for _, c := range w.Tags.Categories {
				f(c.Name, c.Previously, schema.On(c.Protect))
			}
		}
	},
	protected: func(s *Snapshot, f func(string)) {
		for _, c := range s.Categories {
			if c.Protected {
				f(c.Name)
			}
		}
	},
	export: func(s *Snapshot, w *schema.Workspace) {
		t := tagsOf(w)
		t.Categories = []schema.Category{}
		for _, c := range s.Categories {
			d := c.Description
			t.Categories = append(t.Categories, schema.Category{Name: c.Name, Description: &d, Protect: onlyTrue(c.Protected)})
		}
	},
	fromFile: func(w *schema.Workspace, s *Snapshot) bool {
		if w.Tags == nil || w.Tags.Categories == nil {
			return false
		}
		for _, c := range w.Tags.Categories {
			s.Categories = append(s.Categories, CategoryState{ID: c.Name, Name: c.Name, Description: deref(c.Description), Protected: schema.On(c.Protect)})
		}
		return true
	},
}

func diffCategories(d *differ) {
	diffNamed(d, namedKind[schema.Category, CategoryState]{
		kind: KindCategory, want: d.want.Tags.Categories, have: d.have.Categories,
		wantName: func(c schema.Category) string { return c.Name },
		prev:     func(c schema.Category) []string { return c.Previously },
		haveName: func(c CategoryState) string { return c.Name },
		haveID:   func(c CategoryState) string { return c.ID },
		create: func(c schema.Category) fieldSet {
			var fs fieldSet
			fs.put("name", nil, c.Name)
			if c.Description != nil {
				fs.put("description", nil, *c.Description)
			}
			putProtected(&fs, schema.On(c.Protect))
			return fs
		},
		update: func(c schema.Category, h CategoryState) fieldSet {
			var fs fieldSet
			if c.Description != nil {
				fs.set("description", h.Description, *c.Description)
			}
			if c.Protect != nil {
				fs.set("protected", h.Protected, *c.Protect)
			}
			return fs
		},
		remove: func(h CategoryState) fieldSet { return fieldSet{{Path: "name", Before: h.Name}} },
	})
}

// setCategory is the category's field table.
func setCategory(c *CategoryState, f Field, _ bool) (err error) {
	switch f.Path {
	case "name":
		c.Name, err = FieldString(f.After)
	case "description":
		c.Description, err = FieldString(f.After)
	case "protected":
		c.Protected, err = FieldBool(f.After)
	default:
		return unknownField("name", "description", "protected")
	}
	return err
}

// CategoryState is a project category definition.
type CategoryState struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Protected   bool   `json:"protected,omitempty"`
}

package reconcile

import (
	"slices"

	"github.com/hexform/hexform/schema"
)

func (d *differ) diffGroups() {
	if d.want.Groups == nil {
		d.unmanaged[KindGroup] = true
		return
	}
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

func (d *differ) diffPackages() {
	if d.want.Packages == nil {
		d.unmanaged[KindPackage] = true
		return
	}
	diffNamed(d, namedKind[schema.Package, PackageState]{
		kind: KindPackage, want: d.want.Packages, have: d.have.Packages,
		wantName: func(p schema.Package) string { return p.Name },
		prev:     func(p schema.Package) []string { return p.Previously },
		haveName: func(p PackageState) string { return p.Name },
		haveID:   func(p PackageState) string { return p.ID },
		create: func(p schema.Package) fieldSet {
			var fs fieldSet
			fs.put("name", nil, p.Name)
			fs.put("repository", nil, p.Repository)
			fs.put("ref", nil, p.Ref.String())
			if p.Install != nil {
				fs.put("install", nil, slices.Clone(p.Install))
			}
			putProtected(&fs, schema.On(p.Protect))
			return fs
		},
		update: func(p schema.Package, h PackageState) fieldSet {
			var fs fieldSet
			fs.set("repository", h.Repository, p.Repository)
			fs.set("ref", h.Ref.String(), p.Ref.String())
			if p.Install != nil {
				fs.set("install", nonNil(slices.Clone(h.Install)), slices.Clone(p.Install))
			}
			if p.Protect != nil {
				fs.set("protected", h.Protected, *p.Protect)
			}
			return fs
		},
		remove: func(h PackageState) fieldSet {
			return fieldSet{
				{Path: "name", Before: h.Name},
				{Path: "ref", Before: h.Ref.String()},
				{Path: "repository", Before: h.Repository},
			}
		},
	})
}

func (d *differ) diffStatuses() {
	if d.want.Tags == nil || d.want.Tags.Statuses == nil {
		d.unmanaged[KindStatus] = true
		return
	}
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

func (d *differ) diffCategories() {
	if d.want.Tags == nil || d.want.Tags.Categories == nil {
		d.unmanaged[KindCategory] = true
		return
	}
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

// putProtected lists "protected" in a create only when it is set: a new item
// is unprotected unless the YAML says otherwise.
func putProtected(fs *fieldSet, protect bool) {
	if protect {
		fs.put("protected", nil, true)
	}
}

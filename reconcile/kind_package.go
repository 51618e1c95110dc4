package reconcile

import (
	"slices"

	"github.com/hexform/hexform/schema"
)

// KindPackage is the kind of GitHub packages.
const KindPackage Kind = "package"

var packageItems = items[PackageState]{
	kind: KindPackage,
	of:   func(s *Snapshot) *[]PackageState { return &s.Packages },
	id:   func(p *PackageState) *string { return &p.ID },
	name: func(p *PackageState) *string { return &p.Name },
	deep: func(p *PackageState) { p.Install = slices.Clone(p.Install) },
	set:  setPackage,
}

// Package install commands keep their order: it is meaningful.
var packageSpec = &KindSpec{
	Kind:      KindPackage,
	Title:     "Packages",
	managed:   func(w *schema.Workspace) bool { return w.Packages != nil },
	diff:      diffPackages,
	part:      packageItems.part,
	normalize: packageItems.normalize,
	clone:     packageItems.clone,
	count:     packageItems.count,
	idents:    packageItems.idents,
	typed:     packageItems,
	named: func(w *schema.Workspace, f func(string, []string, bool)) {
		for _, p := range w.Packages {
			f(p.Name, p.Previously, schema.On(p.Protect))
		}
	},
	protected: func(s *Snapshot, f func(string)) {
		for _, p := range s.Packages {
			if p.Protected {
				f(p.Name)
			}
		}
	},
	export: func(s *Snapshot, w *schema.Workspace) {
		w.Packages = []schema.Package{}
		for _, p := range s.Packages {
			w.Packages = append(w.Packages, schema.Package{Name: p.Name, Repository: p.Repository, Ref: p.Ref,
				Install: append([]string{}, p.Install...), Protect: onlyTrue(p.Protected)})
		}
	},
	fromFile: func(w *schema.Workspace, s *Snapshot) bool {
		for _, p := range w.Packages {
			s.Packages = append(s.Packages, PackageState{ID: p.Name, Name: p.Name, Repository: p.Repository, Ref: p.Ref, Install: p.Install, Protected: schema.On(p.Protect)})
		}
		return w.Packages != nil
	},
}

func diffPackages(d *differ) {
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

// setPackage is the package's field table.
func setPackage(p *PackageState, f Field, _ bool) (err error) {
	switch f.Path {
	case "name":
		p.Name, err = FieldString(f.After)
	case "repository":
		p.Repository, err = FieldString(f.After)
	case "ref":
		p.Ref, err = asRef(f.After)
	case "install":
		if FieldValue(f.After) == nil {
			p.Install = nil
			return nil
		}
		p.Install, err = FieldStrings(f.After)
	case "protected":
		p.Protected, err = FieldBool(f.After)
	default:
		return unknownField("name", "repository", "ref", "install", "protected")
	}
	return err
}

// PackageState is an installed GitHub package.
type PackageState struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Repository string     `json:"repository"`
	Ref        schema.Ref `json:"ref"`
	Install    []string   `json:"install,omitempty"`
	Protected  bool       `json:"protected,omitempty"`
}

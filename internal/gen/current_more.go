package gen

import (
	"fmt"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// connections: some missing, renamed ones under their old name, some with a
// different host or wider sharing, some to delete.
func (d *drifter) connections(conns []schema.Connection) {
	for i, c := range conns {
		if missing(i) {
			continue
		}
		cs := d.connection(c)
		if i%25 == 3 {
			for k, v := range cs.Config {
				if s, ok := v.(string); ok {
					cs.Config[k] = s + "-old"
					break
				}
			}
		}
		if i%25 == 4 {
			cs.Sharing.Members = schema.AccessViewResults
		}
		d.snap.Connections = append(d.snap.Connections, cs)
	}
	for i := range extras(len(conns)) {
		d.snap.Connections = append(d.snap.Connections, reconcile.ConnectionState{
			ID: d.id(3), Name: fmt.Sprintf("Legacy Redshift %03d", i), Type: "redshift",
			Config:  map[string]any{"host": fmt.Sprintf("legacy%03d.corp.internal", i), "port": 5439, "database": "dw", "username": "hex"},
			Secrets: map[string]string{"password": ""},
			Sharing: reconcile.SharingState{Members: schema.AccessQuery, Guests: schema.AccessNone, Public: schema.AccessNone},
		})
	}
}

// packages: some missing, renamed ones under their old name, some pinned to
// an older tag, some to remove.
func (d *drifter) packages(pkgs []schema.Package) {
	for i, p := range pkgs {
		if missing(i) {
			continue
		}
		ps := reconcile.PackageState{ID: d.id(4), Name: p.Name, Repository: p.Repository, Ref: p.Ref, Install: p.Install, Protected: schema.On(p.Protect)}
		if len(p.Previously) > 0 {
			ps.Name = p.Previously[0]
		}
		if i%20 == 3 {
			ps.Ref = schema.Ref{Tag: "v0.9.0"}
		}
		d.snap.Packages = append(d.snap.Packages, ps)
	}
	for i := range extras(len(pkgs)) {
		d.snap.Packages = append(d.snap.Packages, reconcile.PackageState{ID: d.id(4), Name: fmt.Sprintf("retired-%04d", i),
			Repository: fmt.Sprintf("corp/retired-%04d", i), Ref: schema.Ref{Tag: "v0.1.0"}})
	}
}

// tags: statuses and categories drift like packages.
func (d *drifter) tags(t *schema.Tags) {
	for i, s := range t.Statuses {
		if missing(i) {
			continue
		}
		ss := reconcile.StatusState{ID: d.id(5), Name: s.Name, Endorsed: s.Endorsed != nil && *s.Endorsed, Protected: schema.On(s.Protect)}
		if len(s.Previously) > 0 {
			ss.Name = s.Previously[0]
		}
		if i%20 == 3 {
			ss.Endorsed = !ss.Endorsed
		}
		d.snap.Statuses = append(d.snap.Statuses, ss)
	}
	for i := range extras(len(t.Statuses)) {
		d.snap.Statuses = append(d.snap.Statuses, reconcile.StatusState{ID: d.id(5), Name: fmt.Sprintf("Old status %03d", i)})
	}
	for i, c := range t.Categories {
		if missing(i) {
			continue
		}
		cs := reconcile.CategoryState{ID: d.id(6), Name: c.Name, Description: *c.Description, Protected: schema.On(c.Protect)}
		if len(c.Previously) > 0 {
			cs.Name = c.Previously[0]
		}
		if i%20 == 4 {
			cs.Description = "Projects, unsorted"
		}
		d.snap.Categories = append(d.snap.Categories, cs)
	}
	for i := range extras(len(t.Categories)) {
		d.snap.Categories = append(d.snap.Categories, reconcile.CategoryState{ID: d.id(6), Name: fmt.Sprintf("Old category %03d", i)})
	}
}

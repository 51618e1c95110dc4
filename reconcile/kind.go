package reconcile

import "github.com/hexform/hexform/schema"

// KindSpec is everything the engine knows about one resource kind, in one
// place: its names in messages and renderings, where it lives in
// workspace.yaml, and the functions that diff, normalise, clone, count,
// fingerprint, export and type it. Each kind's spec is in its own file
// (kind_<name>.go) and is listed once, in dependency order, in kindTable;
// the engine's passes are loops over that table.
type KindSpec struct {
	Kind Kind
	// Plural names several items: "groups", "statuses", "categories".
	// It comes from the kind's schema.Section.
	Plural string
	// Title names the kind's section in renderings: "Allowed domains".
	Title string
	// Section is where the kind lives in workspace.yaml: "tags.statuses";
	// the schema.Section's Path unless the spec says more precisely
	// ("domains.default_role": the setting is one key of a section).
	Section string

	// managed reports whether the workspace file manages the kind (its
	// section is present); an unmanaged kind gets no changes.
	managed func(w *schema.Workspace) bool
	// diff records the kind's changes; it runs only when managed.
	diff func(d *differ)
	// alone: diff reads no other kind's pass and no pass reads its, so it
	// runs beside them (Diff's passes).
	alone bool
	// part is the kind's part of a normalised snapshot, fingerprinted as JSON.
	part func(s *Snapshot) any
	// normalize puts the kind's part of s into canonical form in place.
	normalize func(s *Snapshot)
	// clone deep-copies the kind's part of src into dst (a shallow copy of src).
	clone func(dst, src *Snapshot)
	// count is the number of existing items, for the mass-deletion limits;
	// nil for a kind that is not a list of items.
	count func(s *Snapshot) int
	// idents lists the ids and names of the kind's items in s; nil for a
	// kind that is not a list of items with ids.
	idents func(s *Snapshot) (ids, names []string)
	// named calls f for each item of the workspace file with its name, its
	// previously: names and its protect flag; nil for kinds without names.
	named func(w *schema.Workspace, f func(name string, previously []string, protect bool))
	// protected calls f with the name of each item the state marks protected.
	protected func(s *Snapshot, f func(name string))
	// export writes the kind's part of s into w.
	export func(s *Snapshot, w *schema.Workspace)
	// fromFile fills the kind's part of s from the workspace file, as if it
	// were applied to an empty workspace; false when the file leaves the
	// kind out.
	fromFile func(w *schema.Workspace, s *Snapshot) bool
	// fieldRisk rates one field change; nil rates every field low (beyond the
	// rules every kind shares).
	fieldRisk func(f Field) Risk
	// provides names what a change makes exist for other changes to depend
	// on ("group/Finance"), or "".
	provides func(c Change, d *differ) string
	// needs names what a change depends on, in the form provides uses.
	needs func(c Change) []string
	// typed gives the kind's changes their typed before and after items.
	typed typedKind
	// access is how the kind's items grant users access, for the access
	// review (ReviewAccess); nil for a kind that grants none.
	access *accessKind
}

// kindTable lists every kind's spec in dependency order: the order Apply
// creates things in, and the reverse of the order it deletes them in. It is
// filled in by init, as the specs' functions refer to it.
var kindTable []*KindSpec

// Kinds lists every kind in dependency order (the order Apply creates things).
var Kinds []Kind

func init() {
	kindTable = []*KindSpec{
		userSpec, settingSpec, domainSpec, groupSpec, connectionSpec, packageSpec, collectionSpec, statusSpec, categorySpec,
	}
	for _, spec := range kindTable {
		sec, ok := schema.SectionOf(string(spec.Kind))
		if !ok {
			panic("reconcile: kind " + string(spec.Kind) + " has no schema section")
		}
		spec.Plural = sec.Plural
		if spec.Section == "" {
			spec.Section = sec.Path
		}
	}
	Kinds = kindList()
}

func kindList() []Kind {
	out := make([]Kind, len(kindTable))
	for i, s := range kindTable {
		out[i] = s.Kind
	}
	return out
}

// SpecOf returns the spec of k, or nil for a kind hexform does not know.
func SpecOf(k Kind) *KindSpec {
	for _, s := range kindTable {
		if s.Kind == k {
			return s
		}
	}
	return nil
}

// Known reports whether k is a kind hexform knows.
func (k Kind) Known() bool { return SpecOf(k) != nil }

// Plural is the kind's name for several items: "groups", "statuses",
// "categories", "settings".
func (k Kind) Plural() string {
	if s := SpecOf(k); s != nil {
		return s.Plural
	}
	return string(k) + "s"
}

// Title names the kind's section in renderings ("Allowed domains").
func (k Kind) Title() string {
	if s := SpecOf(k); s != nil {
		return s.Title
	}
	return string(k)
}

// Section is where the kind lives in workspace.yaml ("tags.statuses").
func (k Kind) Section() string {
	if s := SpecOf(k); s != nil {
		return s.Section
	}
	return k.Plural()
}

// Counted reports whether the kind is a list of items the mass-deletion
// limits count (every kind but the workspace settings).
func (k Kind) Counted() bool {
	s := SpecOf(k)
	return s != nil && s.count != nil
}

// Count is the number of existing items of kind k in s (active users only);
// of a kind s holds in part, the number the target has.
func (s *Snapshot) Count(k Kind) int {
	if p := s.Partial[k]; p != nil {
		return p.Total
	}
	if spec := SpecOf(k); spec != nil && spec.count != nil {
		return spec.count(s)
	}
	return 0
}

// Idents lists the ids and names of the items of kind k in s, in the
// snapshot's order; ok is false for a kind that is not a list of items with
// ids (the settings, the allowed domains).
func (s *Snapshot) Idents(k Kind) (ids, names []string, ok bool) {
	spec := SpecOf(k)
	if spec == nil || spec.idents == nil {
		return nil, nil, false
	}
	ids, names = spec.idents(s)
	return ids, names, true
}

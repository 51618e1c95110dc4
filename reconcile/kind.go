package reconcile

// KindSpec is everything the engine knows about one resource kind, in one
// place: its names in messages and renderings, where it lives in
// workspace.yaml, and the functions that diff, normalise, clone, fingerprint
// and export it. Each kind's spec is in its own file (kind_<name>.go) and is
// listed once, in dependency order, in kindTable.
type KindSpec struct {
	Kind Kind
	// Plural names several items: "groups", "statuses", "categories".
	Plural string
	// Title names the kind's section in renderings: "Allowed domains".
	Title string
	// Section is where the kind lives in workspace.yaml: "tags.statuses".
	Section string
}

// kindTable lists every kind's spec in dependency order: the order Apply
// creates things in, and the reverse of the order it deletes them in.
var kindTable = []*KindSpec{
	userSpec, settingSpec, domainSpec, groupSpec, connectionSpec, packageSpec, statusSpec, categorySpec,
}

// Kinds lists every kind in dependency order (the order Apply creates things).
var Kinds = kindList()

func kindList() []Kind {
	out := make([]Kind, len(kindTable))
	for i, s := range kindTable {
		out[i] = s.Kind
	}
	return out
}

// Specs returns the kinds' specs in dependency order.
func Specs() []*KindSpec { return kindTable }

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

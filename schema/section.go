package schema

import (
	"reflect"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Section describes one section of workspace.yaml and the kind of item it
// holds: how the loader decodes and checks it, its JSON Schema, the layout
// Marshal and Format give it, and the names messages use. Each section is
// described in its own file (kind_<kind>.go) and listed once, in dependency
// order, in the table the init function below builds; every per-section
// rule of the package is a loop over that table.
type Section struct {
	// Kind names one item in change ids and messages: "group", "status".
	Kind string
	// Plural names several items, and is the section's key under ignore:
	// "groups", "statuses".
	Plural string
	// Path is where the section is in the file: "groups", "tags.statuses".
	Path string
	// Ignorable reports whether ignore: takes patterns for the section.
	Ignorable bool
	// FoldCase reports whether the items' names (emails, domains) are
	// compared case-insensitively, by ignore: patterns too.
	FoldCase bool

	// decode reads the section's node (never nil) into ws.
	decode func(d *decoder, s *Section, ws *Workspace, n *yaml.Node)
	// check runs the section's own checks (duplicate names) once every
	// section is decoded; nil for none.
	check func(d *decoder, s *Section, ws *Workspace)
	// crossCheck runs the checks against other sections (references to
	// users, groups, settings) once every section's check has run.
	crossCheck func(d *decoder, ws *Workspace)
	// items lists the items the file gives, with their names and positions,
	// for the duplicate and ignore: checks; nil for a section that has none.
	items func(ws *Workspace) []named
	// node marshals the section, or returns nil when ws does not have it.
	node func(ws *Workspace) (*yaml.Node, error)
	// shape is the canonical layout Format gives the section.
	shape *shape
	// schema adds the section's definitions to defs and returns the JSON
	// Schema of its key.
	schema func(defs obj) obj
	// positions makes the decoder record the position of every value and
	// key under Path, for checks that point at them after decoding.
	positions bool
}

// key is the section's key inside its parent mapping: "statuses".
func (s *Section) key() string { return s.Path[strings.LastIndexByte(s.Path, '.')+1:] }

// The table of sections and what is derived from it. init builds them, not
// the variables' initialisers: the sections' functions use these variables,
// which would make an initialisation cycle.
var (
	// sections lists every section in dependency order, the order the
	// reconcile engine creates kinds in: users before the groups that hold
	// them, groups before the connections shared with them. Change ids
	// name the kinds in this order too.
	sections []*Section
	// layout is the file's sections and containers in the order of their
	// keys in the file (the Workspace struct's field order).
	layout []part
	// containers are the top-level mappings that hold sections (tags).
	containers []*container
	// topKeys are the top-level keys of the file, in canonical order.
	topKeys []string
	// ignoreKinds are the keys ignore: takes, sorted.
	ignoreKinds []string
	// changeKinds are the kinds a change id names, in dependency order.
	changeKinds []string
	// positionedPaths are the paths under which the decoder records positions.
	positionedPaths []string
	// confirmPattern is what a confirm: entry looks like.
	confirmPattern string
	confirmRE      *regexp.Regexp
	// workspaceShape is the layout Marshal writes and Format gives a file.
	workspaceShape *shape
)

// init registers the sections: to add one, list it here.
func init() {
	sections = []*Section{
		userSection, settingSection, domainSection, groupSection,
		connectionSection, packageSection, collectionSection, statusSection, categorySection,
	}
	containers = []*container{tagsContainer}
	topKeys = keysOf[Workspace]()
	for _, s := range sections {
		changeKinds = append(changeKinds, s.Kind)
		if s.Ignorable {
			ignoreKinds = append(ignoreKinds, s.Plural)
		}
		if s.positions {
			positionedPaths = append(positionedPaths, s.Path)
		}
	}
	sort.Strings(ignoreKinds)
	layout = buildLayout(topKeys, sections, containers)
	confirmPattern = "^(?:" + strings.Join(changeVerbs, "|") + ") (?:" + strings.Join(changeKinds, "|") + ")/.+$"
	confirmRE = regexp.MustCompile(confirmPattern)
	workspaceShape = buildWorkspaceShape()
}

// Sections returns a description of every section of workspace.yaml, in
// dependency order (the order the reconcile engine creates kinds in).
func Sections() []Section {
	out := make([]Section, len(sections))
	for i, s := range sections {
		out[i] = *s
	}
	return out
}

// SectionOf returns the section holding items of kind ("group",
// "status"), and whether there is one.
func SectionOf(kind string) (Section, bool) {
	for _, s := range sections {
		if s.Kind == kind {
			return *s, true
		}
	}
	return Section{}, false
}

// sectionByPlural returns the section whose Plural is plural, or nil.
func sectionByPlural(plural string) *Section {
	for _, s := range sections {
		if s.Plural == plural {
			return s
		}
	}
	return nil
}

// keysOf lists the YAML keys of struct T's fields in declaration order,
// which is the canonical order of the keys of T's mapping in the file.
func keysOf[T any]() []string {
	t := reflect.TypeFor[T]()
	var out []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}

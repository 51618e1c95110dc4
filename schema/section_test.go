package schema

import (
	"slices"
	"strings"
	"testing"
)

// TestSectionsTable: every section is complete, its kind and plural are
// unique, and the table is in dependency order.
func TestSectionsTable(t *testing.T) {
	var kinds []string
	plurals := map[string]bool{}
	for _, s := range sections {
		kinds = append(kinds, s.Kind)
		if s.Kind == "" || s.Plural == "" || s.Path == "" {
			t.Errorf("section %+v lacks a kind, plural or path", *s)
		}
		if s.decode == nil || s.node == nil || s.shape == nil || s.schema == nil {
			t.Errorf("section %s lacks a decode, node, shape or schema function", s.Kind)
		}
		if s.check != nil && s.items == nil && s.Kind != "user" {
			t.Errorf("section %s checks names but has no items", s.Kind)
		}
		if plurals[s.Plural] {
			t.Errorf("plural %q is used twice", s.Plural)
		}
		plurals[s.Plural] = true
	}
	want := []string{"user", "setting", "domain", "group", "connection", "package", "collection", "status", "category"}
	if !slices.Equal(kinds, want) {
		t.Errorf("kinds %v, want %v", kinds, want)
	}
}

// TestSectionOf finds a section by kind and hands out copies.
func TestSectionOf(t *testing.T) {
	s, ok := SectionOf("status")
	if !ok || s.Path != "tags.statuses" || s.Plural != "statuses" || !s.Ignorable || s.FoldCase {
		t.Errorf("SectionOf(status) = %+v, %v", s, ok)
	}
	if s, ok := SectionOf("domain"); !ok || !s.FoldCase {
		t.Errorf("SectionOf(domain) = %+v, %v; want FoldCase", s, ok)
	}
	if _, ok := SectionOf("project"); ok {
		t.Error("SectionOf(project) found a section")
	}
	all := Sections()
	if len(all) != len(sections) {
		t.Fatalf("Sections() has %d sections, want %d", len(all), len(sections))
	}
	all[0].Plural = "changed"
	if s, _ := SectionOf(all[0].Kind); s.Plural == "changed" {
		t.Error("changing what Sections returns changed the table")
	}
}

// TestListsFromTable: the lists derived from the table are the ones the
// file format documents.
func TestListsFromTable(t *testing.T) {
	for _, c := range []struct {
		name      string
		got, want []string
	}{
		{"ignoreKinds", ignoreKinds, []string{"categories", "collections", "connections", "domains", "groups", "packages", "statuses", "users"}},
		{"changeKinds", changeKinds, []string{"user", "setting", "domain", "group", "connection", "package", "collection", "status", "category"}},
		{"positionedPaths", positionedPaths, []string{"settings", "connections", "collections"}},
		{"tags keys", tagsContainer.keys, []string{"statuses", "categories"}},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	const want = `^(?:create|update|rename|delete|deactivate) (?:user|setting|domain|group|connection|package|collection|status|category)/.+$`
	if confirmPattern != want {
		t.Errorf("confirmPattern = %s, want %s", confirmPattern, want)
	}
}

// TestKeysOfFollowsStructs: a mapping's canonical key order is its struct's
// field order, without the fields the file does not hold.
func TestKeysOfFollowsStructs(t *testing.T) {
	for _, c := range []struct {
		got  []string
		want string
	}{
		{keysOf[Workspace](), "version workspace settings domains users groups connections packages collections tags ignore confirm"},
		{keysOf[Settings](), "min_admins max_delete_ratio max_delete_count secrets"},
		{keysOf[Domains](), "allowed default_role"},
		{keysOf[User](), "email name role"},
		{keysOf[Group](), "name previously members protect"},
		{keysOf[Connection](), "name previously type description config secrets sharing schema_refresh include_magic allow_writeback_cells protect"},
		{keysOf[SchemaRefresh](), "cadence enabled hour minute day_of_week day cron timezone"},
		{keysOf[Package](), "name previously repository ref install protect"},
		{keysOf[Ref](), "branch tag commit"},
		{keysOf[Collection](), "name previously description sharing protect"},
		{keysOf[CollectionSharing](), "workspace groups users"},
		{keysOf[Status](), "name previously endorsed protect"},
		{keysOf[Category](), "name previously description protect"},
	} {
		if got := strings.Join(c.got, " "); got != c.want {
			t.Errorf("keys %q, want %q", got, c.want)
		}
	}
}

// TestLayoutPlacesEverySection: the file's top-level parts follow the
// Workspace struct, and a section with no top-level key is refused.
func TestLayoutPlacesEverySection(t *testing.T) {
	var keys []string
	for _, p := range layout {
		keys = append(keys, p.partKey())
	}
	if got := strings.Join(keys, " "); got != "settings domains users groups connections packages collections tags" {
		t.Errorf("layout %q", got)
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "9 of 10 sections") {
			t.Errorf("recovered %v, want a panic naming the unplaced section", r)
		}
	}()
	stray := &Section{Kind: "project", Plural: "projects", Path: "nowhere.projects"}
	buildLayout(topKeys, append(slices.Clone(sections), stray), []*container{{key: "tags"}})
}

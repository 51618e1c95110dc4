package reconcile

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/schema"
)

// Every kind in the table has every function the engine's passes call.
func TestKindTableComplete(t *testing.T) {
	seen := map[Kind]bool{}
	for _, s := range kindTable {
		if seen[s.Kind] {
			t.Errorf("%s is listed twice", s.Kind)
		}
		seen[s.Kind] = true
		if s.Plural == "" || s.Title == "" || s.Section == "" {
			t.Errorf("%s: names missing: %+v", s.Kind, s)
		}
		if s.managed == nil || s.diff == nil || s.part == nil || s.normalize == nil || s.clone == nil ||
			s.fromFile == nil || s.typed == nil {
			t.Errorf("%s: a function the engine calls is missing", s.Kind)
		}
	}
	if got := Kind("status").Plural() + " " + Kind("category").Plural(); got != "statuses categories" {
		t.Errorf("plurals = %q", got)
	}
}

// Resolve types a change from the state; Put stores After by id and
// leaves Before's copy (and the state it came from) alone.
func TestResolvePut(t *testing.T) {
	s := &Snapshot{Groups: []GroupState{{ID: "g1", Name: "Data", Members: []string{"a@x.com"}}}}
	c := Change{Action: ActionRename, Kind: KindGroup, Name: "Data", ResourceID: "g1", Fields: []Field{
		{Path: "name", Before: "Data", After: "Analytics"},
		{Path: "members", Before: []any{"a@x.com"}, After: []any{"B@x.com", "a@x.com"}},
	}}
	typed, err := Resolve(s, c)
	if err != nil {
		t.Fatal(err)
	}
	before, after := typed.Before.(*GroupState), typed.After.(*GroupState)
	if before.Name != "Data" || len(before.Members) != 1 {
		t.Errorf("before = %+v", before)
	}
	want := GroupState{ID: "g1", Name: "Analytics", Members: []string{"a@x.com", "b@x.com"}}
	if diff := cmp.Diff(want, *after); diff != "" {
		t.Errorf("after (-want +got):\n%s", diff)
	}
	if s.Groups[0].Name != "Data" {
		t.Fatal("Resolve changed the state")
	}
	if err := typed.Put(s, ""); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]GroupState{want}, s.Groups); diff != "" {
		t.Errorf("state after Put (-want +got):\n%s", diff)
	}
}

// A change the state cannot take is refused with the error naming why.
func TestResolveRefuses(t *testing.T) {
	s := &Snapshot{Groups: []GroupState{{ID: "g1", Name: "Data"}, {ID: "g2", Name: "Ops"}}}
	var nf *NotFoundError
	if _, err := Resolve(s, Change{Action: ActionUpdate, Kind: KindGroup, Name: "Gone", ResourceID: "g9"}); !errors.As(err, &nf) {
		t.Errorf("missing group: err = %v", err)
	}
	var ex *ExistsError
	onto := Change{Action: ActionRename, Kind: KindGroup, Name: "Data", Fields: []Field{{Path: "name", After: "Ops"}}}
	if _, err := Resolve(s, onto); !errors.As(err, &ex) {
		t.Errorf("rename onto Ops: err = %v", err)
	}
	var fe *FieldError
	odd := Change{Action: ActionUpdate, Kind: KindGroup, Name: "Data", Fields: []Field{{Path: "owner", After: "x"}}}
	if _, err := Resolve(s, odd); !errors.As(err, &fe) || fe.Path != "owner" {
		t.Errorf("unknown field: err = %v", err)
	}
}

// A saved plan's changes are decoded through their kind's field table: a
// field no kind has, or a value it cannot hold, is refused before apply.
func TestVerifySavedChecksFields(t *testing.T) {
	caps := AllCapabilities()
	ok := Change{Action: ActionCreate, Kind: KindStatus, Name: "Gold", Fields: []Field{{Path: "name", After: "Gold"}}}
	cases := map[string]Field{
		"unknown field": {Path: "owner", After: "mallory"},
		"wrong type":    {Path: "endorsed", After: "yes"},
	}
	for name, f := range cases {
		c := ok
		c.Fields = append([]Field{}, ok.Fields...)
		c.Fields = append(c.Fields, f)
		c.ID, c.Risk, c.Mode = ChangeID(c.Action, c.Kind, c.Name), riskOf(c), ModeAuto
		err := VerifySaved(&Plan{Changes: []Change{c}}, caps, &Snapshot{})
		var se *SavedPlanError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), "cannot be applied") {
			t.Errorf("%s: err = %v, want a SavedPlanError", name, err)
		}
	}
	c := ok
	c.ID, c.Risk, c.Mode = ChangeID(c.Action, c.Kind, c.Name), riskOf(c), ModeAuto
	if err := VerifySaved(&Plan{Changes: []Change{c}}, caps, &Snapshot{}); err != nil {
		t.Errorf("a sound change: %v", err)
	}
}

// Export and FromWorkspace are loops over the table: a kind the target
// cannot read is left out of the export, and a section the file leaves out
// is unreadable in the file's state.
func TestExportAndFromWorkspaceFollowTheTable(t *testing.T) {
	s := &Snapshot{Statuses: []StatusState{{ID: "s", Name: "Gold"}}, Unreadable: []Kind{KindCategory}}
	ws := Export(s, "acme")
	if ws.Tags == nil || len(ws.Tags.Statuses) != 1 || ws.Tags.Categories != nil {
		t.Errorf("tags = %+v", ws.Tags)
	}
	fs := FromWorkspace(&schema.Workspace{Groups: []schema.Group{{Name: "Data"}}})
	if len(fs.Groups) != 1 || !strings.Contains(string(joinKinds(fs.Unreadable)), "user") || strings.Contains(string(joinKinds(fs.Unreadable)), "group") {
		t.Errorf("from workspace: groups %v, unreadable %v", fs.Groups, fs.Unreadable)
	}
}

func joinKinds(ks []Kind) string {
	var b strings.Builder
	for _, k := range ks {
		b.WriteString(string(k) + " ")
	}
	return b.String()
}

package reconcile

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/schema"
)

func scopeWant() *schema.Workspace {
	return &schema.Workspace{
		Version: 1,
		Users:   []schema.User{{Email: "ann@acme.com", Role: schema.RoleAdmin}},
		Groups: []schema.Group{
			{Name: "Data", Members: []string{"ann@acme.com", "bob@acme.com"}},
			{Name: "Finance", Members: []string{"ann@acme.com"}},
			{Name: "New", Members: []string{"ann@acme.com"}},
		},
	}
}

// fullHave is the whole workspace: Sales exists and the file leaves it out.
func fullHave() *Snapshot {
	return &Snapshot{
		Users: []UserState{{ID: "u1", Email: "ann@acme.com", Role: schema.RoleAdmin, Active: true}},
		Groups: []GroupState{
			{ID: "g1", Name: "Data", Members: []string{"ann@acme.com"}},
			{ID: "g2", Name: "Finance", Members: []string{"carol@acme.com"}},
			{ID: "g3", Name: "Sales", Members: []string{}},
		},
	}
}

// scopedHave is a read of Data and New only, users left out.
func scopedHave() *Snapshot {
	return &Snapshot{
		Skipped: []Kind{KindUser},
		Groups:  []GroupState{{ID: "g1", Name: "Data", Members: []string{"ann@acme.com"}}},
		Partial: map[Kind]*PartialRead{KindGroup: {Names: []string{"Data", "New"}, Total: 3}},
	}
}

func TestDiffPlansNothingFromWhatWasNotRead(t *testing.T) {
	full := Diff(scopeWant(), fullHave(), Options{})
	if got := ids(full); !cmp.Equal(got, []string{"create group/New", "update group/Data", "update group/Finance", "delete group/Sales"}) {
		t.Fatalf("full read plans %q", got)
	}
	p := Diff(scopeWant(), scopedHave(), Options{})
	if got, want := ids(p), []string{"create group/New", "update group/Data"}; !cmp.Equal(got, want) {
		t.Errorf("scoped read plans %q, want %q (no change to Finance, no delete of Sales, nothing for users)", got, want)
	}
	wantNote := &ScopeNote{NotRead: []Kind{KindUser}, Partial: map[Kind]ReadCount{KindGroup: {Read: 1, Total: 3}}}
	if diff := cmp.Diff(wantNote, p.Scope); diff != "" {
		t.Errorf("scope note (-want +got):\n%s", diff)
	}
	if slices.Contains(p.Unmanaged, KindUser) {
		t.Errorf("kinds left out of the read are not unmanaged: %v", p.Unmanaged)
	}
	if full.Scope != nil {
		t.Errorf("a full read has no scope note: %+v", full.Scope)
	}
}

func TestScopedRenameCoveredByEitherName(t *testing.T) {
	want := &schema.Workspace{Version: 1, Groups: []schema.Group{{Name: "Analytics", Previously: []string{"Data"}, Members: []string{"ann@acme.com"}}}}
	have := &Snapshot{
		Groups:  []GroupState{{ID: "g1", Name: "Data", Members: []string{"ann@acme.com"}}},
		Partial: map[Kind]*PartialRead{KindGroup: {Names: []string{"Data"}, Total: 5}},
	}
	if got := ids(Diff(want, have, Options{})); !cmp.Equal(got, []string{"rename group/Data"}) {
		t.Errorf("plans %q, want the rename", got)
	}
}

func TestCountOfPartialKindIsTheTargetsTotal(t *testing.T) {
	if n := scopedHave().Count(KindGroup); n != 3 {
		t.Errorf("Count = %d, want the 3 groups the target has", n)
	}
}

func TestChangeScope(t *testing.T) {
	changes := []Change{
		{Kind: KindGroup, Action: ActionRename, Name: "Data", Mode: ModeAuto, Fields: []Field{{Path: "name", Before: "Data", After: "Analytics"}}},
		{Kind: KindGroup, Action: ActionUpdate, Name: "Finance", Mode: ModeAuto},
		{Kind: KindUser, Action: ActionDeactivate, Name: "bob@acme.com", Mode: ModeAuto},
		{Kind: KindConnection, Action: ActionDelete, Name: "Warehouse", Mode: ModeManual},
	}
	s := ChangeScope(changes)
	if got := s.Items[KindGroup]; !cmp.Equal(got, []string{"Analytics", "Data", "Finance"}) {
		t.Errorf("groups %q", got)
	}
	if _, ok := s.Items[KindUser]; ok || s.Skips(KindUser) {
		t.Errorf("users must be read whole for the invariants: %+v", s)
	}
	if !s.Skips(KindConnection) || !s.Skips(KindDomain) {
		t.Errorf("kinds without auto changes are skipped: %v", s.Skip)
	}
}

func TestRestrictComparesLikeWithLike(t *testing.T) {
	scope := Scope{Skip: []Kind{KindUser, KindConnection}, Items: map[Kind][]string{KindGroup: {"Data", "New"}}}
	full, scoped := fullHave(), scopedHave()
	if !full.Covers(scope) || !scoped.Covers(scope) {
		t.Fatal("both reads cover the scope")
	}
	a, b := RereadOf(full, scope), RereadOf(scoped, scope)
	if a == nil || b == nil || a.Fingerprint != b.Fingerprint {
		t.Fatalf("a full and a scoped read of the same items differ: %+v vs %+v", a, b)
	}
	elsewhere := fullHave()
	elsewhere.Groups[1].Members = []string{"dan@acme.com"}
	elsewhere.Users = nil
	if c := RereadOf(elsewhere, scope); c.Fingerprint != a.Fingerprint {
		t.Error("a change outside the scope changed the restricted fingerprint")
	}
	inside := fullHave()
	inside.Groups[0].Members = []string{"dan@acme.com"}
	if c := RereadOf(inside, scope); c.Fingerprint == a.Fingerprint || c.KindFingerprints[KindGroup] == a.KindFingerprints[KindGroup] {
		t.Error("a change to a scoped group left the restricted fingerprint as it was")
	}
	made := scopedHave()
	made.Groups = append(made.Groups, GroupState{ID: "g9", Name: "New"})
	if c := RereadOf(made, scope); c.Fingerprint == a.Fingerprint {
		t.Error("a group created since under a scoped name left the fingerprint as it was")
	}
	wider := Scope{Skip: []Kind{KindConnection}, Items: map[Kind][]string{KindGroup: {"Data", "Sales"}}}
	if scoped.Covers(wider) || RereadOf(scoped, wider) != nil {
		t.Error("a read that left out users and Sales cannot be compared on them: refuse, never guess")
	}
}

func TestFullReadFingerprintUnchangedByScopeFields(t *testing.T) {
	s := fullHave()
	before := s.Fingerprint()
	s.Partial = map[Kind]*PartialRead{}
	if s.Fingerprint() != before {
		t.Error("an empty Partial changed the fingerprint")
	}
	s.Skipped = []Kind{KindConnection}
	if s.Fingerprint() == before {
		t.Error("a read that skipped a kind fingerprints as a full one")
	}
}

func TestNoMemberWarningsWithoutTheUsers(t *testing.T) {
	want := &schema.Workspace{Version: 1, Groups: []schema.Group{{Name: "Data", Members: []string{"ann@acme.com", "zed@acme.com"}}}}
	have := &Snapshot{Skipped: []Kind{KindUser}, Groups: []GroupState{{ID: "g1", Name: "Data", Members: []string{"ann@acme.com"}}}}
	if p := Diff(want, have, Options{}); len(p.Warnings) != 0 {
		t.Errorf("a read without the users cannot tell who is not a user: %q", p.Warnings)
	}
}

func TestAdminCountNotDecidedFromSomeUsers(t *testing.T) {
	want := &schema.Workspace{Version: 1, Users: []schema.User{{Email: "ann@acme.com", Role: schema.RoleViewer}}}
	have := &Snapshot{
		Users:   []UserState{{ID: "u1", Email: "ann@acme.com", Role: schema.RoleAdmin, Active: true}},
		Partial: map[Kind]*PartialRead{KindUser: {Names: []string{"ann@acme.com"}, Total: 40}},
	}
	p := Diff(want, have, Options{})
	err := Check(p, want, have, Policy{})
	if err == nil || !strings.Contains(err.Error(), "admin count cannot be decided") {
		t.Errorf("Check = %v, want a refusal to count admins from a partial read", err)
	}
}

func TestEditScope(t *testing.T) {
	base := scopeWant()
	head := scopeWant()
	head.Groups[1].Members = append(head.Groups[1].Members, "bob@acme.com")
	head.Connections = []schema.Connection{}
	diff := Diff(head, FromWorkspace(base), Options{})
	s := EditScope(head, base, diff)
	if got := s.Items[KindGroup]; !slices.Equal(got, []string{"Finance"}) {
		t.Errorf("groups %q, want the one the edit changes", got)
	}
	if !s.Skips(KindUser) {
		t.Error("the edit changes no user: users are not asked for")
	}
	if s.Skips(KindConnection) || s.Items[KindConnection] != nil {
		t.Errorf("a section the edit adds is read whole: %+v", s)
	}
	head.Ignore = map[string][]string{"groups": {"scim-*"}}
	s = EditScope(head, base, Diff(head, FromWorkspace(base), Options{}))
	if _, part := s.Items[KindGroup]; part || s.Skips(KindGroup) {
		t.Errorf("an edit of the groups' ignore: patterns reads every group: %+v", s)
	}
}

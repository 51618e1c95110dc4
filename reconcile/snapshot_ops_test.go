package reconcile

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/schema"
)

func TestNormalize(t *testing.T) {
	s := &Snapshot{
		Actor: "Me@Acme.com",
		Users: []UserState{{ID: "2", Email: "Zed@Acme.com"}, {ID: "1", Email: "amy@acme.com"}},
		Groups: []GroupState{
			{ID: "b", Name: "B", Members: []string{"X@a.com", "x@a.com", "b@a.com"}},
			{ID: "a", Name: "A"},
		},
		Domains:     DomainState{Allowed: []string{"B.com", "a.com", "b.com"}},
		Connections: []ConnectionState{{Name: "C", Sharing: SharingState{Members: "query", Groups: map[string]string{"G": "none", "H": ""}}}},
		Packages:    []PackageState{{Name: "p", Install: []string{"z", "a"}}},
		Collections: []CollectionState{
			{ID: "k2", Name: "Z", Sharing: CollectionSharing{Users: map[string]string{"Ann@Acme.com": "member", "bob@acme.com": "none"}}},
			{ID: "k1", Name: "A", Sharing: CollectionSharing{Members: "member", Groups: map[string]string{"G": "none", "H": "", "I": "manager"}}},
		},
		Unreadable: []Kind{KindStatus, KindPackage, KindStatus},
	}
	s.Normalize()
	want := &Snapshot{
		Actor: "me@acme.com",
		Users: []UserState{{ID: "1", Email: "amy@acme.com"}, {ID: "2", Email: "zed@acme.com"}},
		Groups: []GroupState{
			{ID: "a", Name: "A", Members: []string{}},
			{ID: "b", Name: "B", Members: []string{"b@a.com", "x@a.com"}},
		},
		Domains:     DomainState{Allowed: []string{"a.com", "b.com"}},
		Connections: []ConnectionState{{Name: "C", Sharing: SharingState{Members: "query", Guests: "none", Public: "none"}}},
		Packages:    []PackageState{{Name: "p", Install: []string{"z", "a"}}},
		Collections: []CollectionState{
			{ID: "k1", Name: "A", Sharing: CollectionSharing{Members: "member", Groups: map[string]string{"I": "manager"}}},
			{ID: "k2", Name: "Z", Sharing: CollectionSharing{Members: "none", Users: map[string]string{"ann@acme.com": "member"}}},
		},
		Statuses:   []StatusState{},
		Categories: []CategoryState{},
		Unreadable: []Kind{KindPackage, KindStatus},
	}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("normalised (-want +got):\n%s", diff)
	}
}

func TestFingerprint(t *testing.T) {
	a := richHave()
	fp := a.Fingerprint()
	if !strings.HasPrefix(fp, "sha256:") || len(fp) != len("sha256:")+64 {
		t.Fatalf("fingerprint %q", fp)
	}
	if diff := cmp.Diff(richHave(), a); diff != "" {
		t.Errorf("Fingerprint modified the snapshot:\n%s", diff)
	}
	b := richHave()
	b.Users[0], b.Users[3] = b.Users[3], b.Users[0]
	b.Groups[0].Members = []string{"CAROL@acme.io", "alice@acme.com"}
	b.Domains.Allowed = []string{"gone.example", "ACME.io", "acme.com"}
	b.Revision, b.Actor = 99, "someone@acme.com"
	b.Connections[0].Config["port"] = 5432 // an int equals the float64 read back from JSON
	if got := b.Fingerprint(); got != fp {
		t.Errorf("same state in another order: fingerprint %s, want %s", got, fp)
	}
	c := richHave()
	c.Users[1].Role = schema.RoleAdmin
	if c.Fingerprint() == fp {
		t.Error("a role change left the fingerprint unchanged")
	}
	var nilSnap *Snapshot
	if nilSnap.Fingerprint() != (&Snapshot{}).Fingerprint() {
		t.Error("nil snapshot should fingerprint as an empty one")
	}
}

func TestSummarize(t *testing.T) {
	reason := "needs confirmation"
	p := &Plan{Changes: []Change{
		{Action: ActionCreate, Mode: ModeAuto},
		{Action: ActionRename, Mode: ModeManual},
		{Action: ActionUpdate, Mode: ModeUnverifiable},
		{Action: ActionDeactivate, Mode: ModeAuto, Blocked: &reason},
		{Action: ActionDelete, Mode: ModeManual},
	}}
	p.Summarize()
	want := Summary{Create: 1, Update: 2, Delete: 2, Blocked: 1, Manual: 2, Unverifiable: 1}
	if p.Summary != want {
		t.Errorf("summary = %+v, want %+v", p.Summary, want)
	}
	if got := p.Summary.String(); got != "1 to create, 2 to update, 2 to delete, 1 blocked, 2 manual, 1 unverifiable" {
		t.Errorf("String() = %q", got)
	}
	if got := (Summary{Update: 1}).String(); got != "0 to create, 1 to update, 0 to delete" {
		t.Errorf("String() = %q", got)
	}
	if !p.HasChanges() || (&Plan{}).HasChanges() {
		t.Error("HasChanges wrong")
	}
}

func TestKindPlural(t *testing.T) {
	want := map[Kind]string{KindUser: "users", KindSetting: "settings", KindDomain: "domains", KindGroup: "groups",
		KindConnection: "connections", KindPackage: "packages", KindCollection: "collections", KindStatus: "statuses", KindCategory: "categories"}
	for _, k := range Kinds {
		if got := k.Plural(); got != want[k] {
			t.Errorf("%s.Plural() = %q, want %q", k, got, want[k])
		}
	}
}

// lowerSet returns a list that is already trimmed, lower-case, sorted and
// unique as it is, and makes a new one of anything else.
func TestLowerSet(t *testing.T) {
	for _, tc := range []struct{ in, want []string }{
		{nil, []string{}},
		{[]string{"a@x.com", "b@x.com"}, []string{"a@x.com", "b@x.com"}},
		{[]string{"b@x.com", "a@x.com"}, []string{"a@x.com", "b@x.com"}},
		{[]string{"a@x.com", "a@x.com"}, []string{"a@x.com"}},
		{[]string{"A@x.com", "a@x.com"}, []string{"a@x.com"}},
		{[]string{" a@x.com"}, []string{"a@x.com"}},
		{[]string{"émile@x.com"}, []string{"émile@x.com"}},
		{[]string{"Émile@x.com"}, []string{"émile@x.com"}},
	} {
		if got := lowerSet(tc.in); !slices.Equal(got, tc.want) || got == nil {
			t.Errorf("lowerSet(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// sortItems sorts as a stable sort does: lists in order, lists in order but
// for a tail, and lists out of order anywhere, with equal keys kept in
// their order.
func TestSortItemsIsAStableSort(t *testing.T) {
	type item struct{ key, seq int }
	less := func(a, b *item) bool { return a.key < b.key }
	rng := rand.New(rand.NewPCG(11, 2026))
	for trial := range 2000 {
		n := rng.IntN(40)
		l := make([]item, n)
		for i := range l {
			l[i] = item{rng.IntN(10), i}
		}
		if k := rng.IntN(n + 1); trial%3 > 0 { // a sorted head, then anything
			slices.SortStableFunc(l[:k], func(a, b item) int { return a.key - b.key })
			for i := range l {
				l[i].seq = i
			}
		}
		want := slices.Clone(l)
		slices.SortStableFunc(want, func(a, b item) int { return a.key - b.key })
		sortItems(l, less)
		if !slices.Equal(l, want) {
			t.Fatalf("trial %d: got %v, want %v", trial, l, want)
		}
	}
}

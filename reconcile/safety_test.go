package reconcile

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hexform/hexform/schema"
)

// groupsWorld has n groups g0..g(n-1) and one admin; want keeps the first keep.
func groupsWorld(n, keep int) (*schema.Workspace, *Snapshot) {
	have := &Snapshot{Users: []UserState{{ID: "u1", Email: "root@acme.com", Role: schema.RoleAdmin, Active: true}}}
	want := &schema.Workspace{Version: 1, Workspace: "acme", Groups: []schema.Group{}}
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("g%d", i)
		have.Groups = append(have.Groups, GroupState{ID: "id-" + name, Name: name, Members: []string{}})
		if i < keep {
			want.Groups = append(want.Groups, schema.Group{Name: name})
		}
	}
	return want, have
}

func blocked(p *Plan) map[string]string {
	out := map[string]string{}
	for _, c := range p.Changes {
		if c.Blocked != nil {
			out[c.ID] = *c.Blocked
		}
	}
	return out
}

func TestCheckBlocksUnconfirmedHighRisk(t *testing.T) {
	want, have := groupsWorld(2, 1)
	p := Diff(want, have, Options{})
	if err := Check(p, want, have, Policy{}); err != nil {
		t.Fatal(err)
	}
	b := blocked(p)
	reason, ok := b["delete group/g1"]
	if !ok || len(b) != 1 {
		t.Fatalf("blocked = %v, want only delete group/g1", b)
	}
	for _, s := range []string{`"- delete group/g1"`, "confirm:", "--confirm 'delete group/g1'"} {
		if !strings.Contains(reason, s) {
			t.Errorf("reason %q lacks %q", reason, s)
		}
	}
	if p.Summary.Blocked != 1 {
		t.Errorf("summary blocked = %d, want 1", p.Summary.Blocked)
	}
}

func TestCheckConfirmations(t *testing.T) {
	cases := []struct {
		name string
		pol  Policy
		keep int
		want int // blocked count
	}{
		{"yaml confirm", Policy{Confirm: []string{"delete group/g1"}}, 1, 0},
		{"flag confirm", Policy{ConfirmFlags: []string{"delete group/g1"}}, 1, 0},
		{"other id confirmed", Policy{ConfirmFlags: []string{"delete group/g0"}}, 1, 1},
		{"allow-delete within limits", Policy{AllowDelete: true}, 1, 0},
		// 4 of 10 groups is 40%: over 25% and over 3 items.
		{"allow-delete mass without force", Policy{AllowDelete: true}, 6, 4},
		{"allow-delete mass with force", Policy{AllowDelete: true, Force: true}, 6, 0},
		{"confirmed one by one is not mass", Policy{Confirm: []string{"delete group/g6", "delete group/g7", "delete group/g8", "delete group/g9"}}, 6, 0},
		// 3 of 10: 30% but only 3 items, within max_delete_count.
		{"three is within count", Policy{AllowDelete: true}, 7, 0},
		{"custom ratio", Policy{AllowDelete: true, Settings: &schema.Settings{MaxDeleteRatio: ptr(0.5)}}, 6, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n := 2
			if tc.keep > 1 {
				n = 10
			}
			want, have := groupsWorld(n, tc.keep)
			p := Diff(want, have, Options{})
			if err := Check(p, want, have, tc.pol); err != nil {
				t.Fatal(err)
			}
			b := blocked(p)
			if len(b) != tc.want {
				t.Fatalf("blocked %d (%v), want %d", len(b), b, tc.want)
			}
			for _, r := range b {
				if tc.pol.AllowDelete && !strings.Contains(r, "--force") {
					t.Errorf("mass-deletion reason %q does not mention --force", r)
				}
			}
		})
	}
}

func TestCheckLastAdminNeverDemoted(t *testing.T) {
	have := &Snapshot{Users: []UserState{{ID: "u1", Email: "root@acme.com", Role: schema.RoleAdmin, Active: true}}}
	want := &schema.Workspace{Version: 1, Workspace: "acme", Users: []schema.User{{Email: "root@acme.com", Role: schema.RoleEditor}}}
	p := Diff(want, have, Options{})
	err := Check(p, want, have, Policy{AllowDelete: true, Force: true, ConfirmFlags: []string{"update user/root@acme.com"}, Confirm: []string{"update user/root@acme.com"}})
	var ie *InvariantError
	if !errors.As(err, &ie) || ie.Violations[0].Invariant != "min_admins" {
		t.Fatalf("err = %v, want a min_admins violation", err)
	}
	if got := ie.Violations[0].Changes; len(got) != 1 || got[0] != "update user/root@acme.com" {
		t.Errorf("violation names %v", got)
	}
}

func TestCheckMinAdminsSetting(t *testing.T) {
	have := &Snapshot{Users: []UserState{
		{ID: "u1", Email: "a@acme.com", Role: schema.RoleAdmin, Active: true},
		{ID: "u2", Email: "b@acme.com", Role: schema.RoleAdmin, Active: true},
	}}
	want := &schema.Workspace{Version: 1, Workspace: "acme", Users: []schema.User{
		{Email: "a@acme.com", Role: schema.RoleAdmin}, {Email: "b@acme.com", Role: schema.RoleViewer}}}
	p := Diff(want, have, Options{})
	if err := Check(p, want, have, Policy{AllowDelete: true}); err != nil {
		t.Fatalf("one admin left with min_admins 1: %v", err)
	}
	p = Diff(want, have, Options{})
	err := Check(p, want, have, Policy{AllowDelete: true, Settings: &schema.Settings{MinAdmins: ptr(2)}})
	if err == nil || !strings.Contains(err.Error(), "min_admins 2") {
		t.Fatalf("err = %v, want min_admins 2 violation", err)
	}
}

func TestCheckActorNeverDeactivatedOrDemoted(t *testing.T) {
	have := &Snapshot{Users: []UserState{
		{ID: "u1", Email: "a@acme.com", Role: schema.RoleAdmin, Active: true},
		{ID: "u2", Email: "me@gone.example", Role: schema.RoleAdmin, Active: true},
	}}
	want := &schema.Workspace{Version: 1, Workspace: "acme", Users: []schema.User{{Email: "a@acme.com", Role: schema.RoleAdmin}}}
	p := Diff(want, have, Options{})
	err := Check(p, want, have, Policy{AllowDelete: true, Force: true, Actor: "ME@gone.example"})
	var ie *InvariantError
	if !errors.As(err, &ie) || ie.Violations[0].Invariant != "applying identity" {
		t.Fatalf("err = %v, want applying identity violation", err)
	}
	// Someone else applying may deactivate them (when confirmed).
	p = Diff(want, have, Options{})
	if err := Check(p, want, have, Policy{AllowDelete: true, Actor: "a@acme.com"}); err != nil {
		t.Fatal(err)
	}
	// Demotion of the actor is refused too.
	want.Users = append(want.Users, schema.User{Email: "me@gone.example", Role: schema.RoleEditor})
	p = Diff(want, have, Options{})
	if err := Check(p, want, have, Policy{AllowDelete: true, Actor: "me@gone.example"}); err == nil {
		t.Fatal("demoting the applying identity was allowed")
	}
}

func TestCheckProtectedNeverDeleted(t *testing.T) {
	have := &Snapshot{Connections: []ConnectionState{{ID: "c1", Name: "Warehouse", Type: "postgres", Protected: true}}}
	want := &schema.Workspace{Version: 1, Workspace: "acme", Connections: []schema.Connection{}}
	p := Diff(want, have, Options{})
	err := Check(p, want, have, Policy{Confirm: []string{"delete connection/Warehouse"}, AllowDelete: true, Force: true})
	var ie *InvariantError
	if !errors.As(err, &ie) || ie.Violations[0].Invariant != "protect" {
		t.Fatalf("err = %v, want protect violation", err)
	}
	if !strings.Contains(err.Error(), "delete connection/Warehouse") {
		t.Errorf("error %q does not name the change", err)
	}
}

func TestCheckRenameKeepsID(t *testing.T) {
	have := &Snapshot{Statuses: []StatusState{{ID: "s1", Name: "WIP"}}}
	want := &schema.Workspace{Version: 1, Workspace: "acme", Tags: &schema.Tags{Statuses: []schema.Status{{Name: "In Progress", Previously: []string{"WIP"}}}}}
	p := Diff(want, have, Options{})
	if err := Check(p, want, have, Policy{}); err != nil {
		t.Fatal(err)
	}
	if len(p.Changes) != 1 || p.Changes[0].ID != "rename status/WIP" || p.Changes[0].ResourceID != "s1" || p.Changes[0].Blocked != nil {
		t.Fatalf("changes = %+v, want one unblocked rename keeping s1", p.Changes)
	}
}

func TestCheckRenameAsDeleteCreateIsRefused(t *testing.T) {
	want := &schema.Workspace{Version: 1, Workspace: "acme", Tags: &schema.Tags{Statuses: []schema.Status{{Name: "In Progress", Previously: []string{"WIP"}}}}}
	have := &Snapshot{Statuses: []StatusState{{ID: "s1", Name: "WIP"}}}
	// A plan that someone built as delete + create (not what Diff makes).
	p := &Plan{Changes: []Change{
		{ID: "create status/In Progress", Action: ActionCreate, Kind: KindStatus, Name: "In Progress", Risk: RiskLow, Mode: ModeAuto},
		{ID: "delete status/WIP", Action: ActionDelete, Kind: KindStatus, Name: "WIP", Risk: RiskHigh, Mode: ModeAuto},
	}}
	err := Check(p, want, have, Policy{AllowDelete: true})
	if err == nil || !strings.Contains(err.Error(), "rename") {
		t.Fatalf("err = %v, want rename violation", err)
	}
}

func TestCheckWarnsUnmatchedConfirm(t *testing.T) {
	want, have := groupsWorld(2, 1)
	p := Diff(want, have, Options{})
	if err := Check(p, want, have, Policy{Confirm: []string{"delete group/g2", "delete group/zzz-unrelated-name"}}); err != nil {
		t.Fatal(err)
	}
	if len(p.Warnings) != 2 {
		t.Fatalf("warnings = %q", p.Warnings)
	}
	if !strings.Contains(p.Warnings[0], `did you mean "delete group/g1"`) {
		t.Errorf("warning %q lacks a did-you-mean", p.Warnings[0])
	}
	if strings.Contains(p.Warnings[1], "did you mean") {
		t.Errorf("warning %q suggests something far away", p.Warnings[1])
	}
}

func TestPlanHash(t *testing.T) {
	want, have := groupsWorld(3, 1)
	a := Diff(want, have, Options{})
	b := Diff(want, have, Options{})
	if a.Hash() != b.Hash() {
		t.Fatal("same plan, different hashes")
	}
	_ = Check(b, want, have, Policy{AllowDelete: true})
	if a.Hash() != b.Hash() {
		t.Error("confirming changes changed the hash")
	}
	want.Groups = append(want.Groups, schema.Group{Name: "g2"})
	c := Diff(want, have, Options{})
	if c.Hash() == a.Hash() {
		t.Error("different plans, same hash")
	}
	// Unverifiable changes are never carried out: they do not change the hash
	// (they differ between a plan with --base and one without).
	d := *c
	d.Changes = append(append([]Change{}, c.Changes...), Change{ID: "create status/X", Action: ActionCreate, Kind: KindStatus, Mode: ModeUnverifiable})
	if d.Hash() != c.Hash() {
		t.Error("an unverifiable change changed the hash")
	}
}

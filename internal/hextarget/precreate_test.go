package hextarget

import (
	"context"
	"strings"
	"testing"

	"github.com/hexform/hexform/reconcile"
)

// Something made an item of the same name after the snapshot: the create
// fails, naming it, and nothing is written.
func TestCreateRefusesANameTakenSinceThePlan(t *testing.T) {
	tg, f := snapTarget(t)
	f.mu.Lock()
	f.groups = append(f.groups, map[string]any{"id": "g7", "name": "Data", "createdAt": "t"})
	twin := fullPostgres()
	twin["id"], twin["name"] = "c9", "Analytics DB"
	f.list = append(f.list, twin)
	f.mu.Unlock()

	err := tg.Apply(context.Background(), change(reconcile.ActionCreate, reconcile.KindGroup, "Data", "", fld("name", nil, "Data")), secrets)
	want := `group "Data" was created by someone else since the plan (id g7): plan again`
	if err == nil || err.Error() != want {
		t.Errorf("group create: %v\nwant %s", err, want)
	}
	err = tg.Apply(context.Background(), change(reconcile.ActionCreate, reconcile.KindConnection, "Analytics DB", "",
		fld("name", nil, "Analytics DB"), fld("type", nil, "postgres"), fld("config.hostname", nil, "pg"),
		fld("config.port", nil, 5432), fld("config.database", nil, "a"), fld("config.username", nil, "u"),
		reconcile.Field{Path: "secrets.password", After: "env:PGPW", Sensitive: true}), secrets)
	want = `data connection "Analytics DB" was created by someone else since the plan (id c9): plan again`
	if err == nil || err.Error() != want {
		t.Errorf("connection create: %v\nwant %s", err, want)
	}
	if w := f.writes(); len(w) != 0 {
		t.Errorf("writes = %+v, want none", w)
	}
}

// Every create looks the name up first, even when the target's own
// lookup table has no such name.
func TestCreateListsBeforeEveryCreate(t *testing.T) {
	tg, f := snapTarget(t)
	for _, name := range []string{"A", "B"} {
		applyOne(t, tg, change(reconcile.ActionCreate, reconcile.KindGroup, name, "", fld("name", nil, name)))
	}
	var seq []string
	for _, c := range f.calls {
		seq = append(seq, c.Method+" "+c.Path)
	}
	want := []string{"GET /v1/groups", "POST /v1/groups", "GET /v1/groups", "POST /v1/groups"}
	if len(seq) != len(want) {
		t.Fatalf("calls = %q, want %q", seq, want)
	}
	for i := range want {
		if seq[i] != want[i] {
			t.Fatalf("calls = %q, want %q", seq, want)
		}
	}
}

func TestLeaseNamesAreReserved(t *testing.T) {
	tg, f := snapTarget(t)
	for _, c := range []reconcile.Change{
		change(reconcile.ActionCreate, reconcile.KindGroup, LeasePrefix+"x", "", fld("name", nil, LeasePrefix+"x")),
		change(reconcile.ActionRename, reconcile.KindGroup, "Analysts", "g1", fld("name", "Analysts", LeasePrefix+"x")),
	} {
		if err := tg.Apply(context.Background(), c, secrets); err == nil || !strings.Contains(err.Error(), "are hexform's own") {
			t.Errorf("%s: %v", c.ID, err)
		}
	}
	if w := f.writes(); len(w) != 0 {
		t.Errorf("writes = %+v, want none", w)
	}
}

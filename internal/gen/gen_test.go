package gen

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

func generate(t *testing.T, size Size, seed uint64) *Generated {
	t.Helper()
	g, err := Generate(size, seed)
	if err != nil {
		t.Fatalf("Generate(%v, %d): %v", size, seed, err)
	}
	return g
}

func TestGenerateIsDeterministic(t *testing.T) {
	size := Small.Times(3)
	a, b := generate(t, size, 7), generate(t, size, 7)
	if !bytes.Equal(a.YAML, b.YAML) {
		t.Error("same seed, different YAML")
	}
	if a.Current.Fingerprint() != b.Current.Fingerprint() {
		t.Error("same seed, different current state")
	}
	if !reflect.DeepEqual(a.Current, b.Current) {
		t.Error("same seed, snapshots not deeply equal")
	}
	c := generate(t, size, 8)
	if bytes.Equal(a.YAML, c.YAML) || a.Current.Fingerprint() == c.Current.Fingerprint() {
		t.Error("another seed gave the same workspace")
	}
}

func TestGeneratedYAMLValidates(t *testing.T) {
	size := Small.Times(3)
	g := generate(t, size, 1)
	ws, diags := schema.Parse("workspace.yaml", g.YAML)
	if len(diags) > 0 {
		t.Fatalf("generated YAML has diagnostics:\n%v", diags)
	}
	memberships := 0
	for _, gr := range ws.Groups {
		memberships += len(gr.Members)
	}
	got := Size{Users: len(ws.Users), Groups: len(ws.Groups), Memberships: memberships, Connections: len(ws.Connections),
		Packages: len(ws.Packages), Statuses: len(ws.Tags.Statuses), Categories: len(ws.Tags.Categories)}
	if got != size {
		t.Errorf("sizes:\n got %v\nwant %v", got, size)
	}
	back, err := schema.Marshal(ws)
	if err != nil || !bytes.Equal(back, g.YAML) {
		t.Errorf("YAML is not canonical (Marshal of the parsed file differs; err %v)", err)
	}
}

// TestDriftIsRealistic: the plan holds every action, and applying nothing
// but the file's own state plans nothing.
func TestDriftIsRealistic(t *testing.T) {
	g := generate(t, Small.Times(10), 1)
	p := reconcile.Diff(g.Desired, g.Current, reconcile.Options{})
	seen := map[string]bool{}
	for _, c := range p.Changes {
		seen[string(c.Action)+" "+string(c.Kind)] = true
	}
	for _, want := range []string{"create user", "update user", "deactivate user", "create group", "update group",
		"rename group", "delete group", "create connection", "update connection", "rename connection", "delete connection",
		"create package", "update package", "rename package", "delete package", "rename status", "rename category"} {
		if !seen[want] {
			t.Errorf("no %q change in the plan", want)
		}
	}
	for _, c := range p.Changes {
		if strings.HasPrefix(c.Name, "scim-") {
			t.Errorf("ignored group planned: %s", c.ID)
		}
	}
	if p := reconcile.Diff(g.Desired, reconcile.FromWorkspace(g.Desired), reconcile.Options{}); p.HasChanges() {
		t.Errorf("the file's own state plans %d changes, e.g. %s", len(p.Changes), p.Changes[0].ID)
	}
}

func TestGenerateRejectsBadSizes(t *testing.T) {
	for _, s := range []Size{{Users: 1}, {Users: 10, Memberships: 5}, {Users: 2, Groups: 1, Memberships: 3}, {Users: 5, Packages: -1}} {
		if _, err := Generate(s, 1); err == nil {
			t.Errorf("Generate(%v) gave no error", s)
		}
	}
}

func TestSizes(t *testing.T) {
	if Small.Times(100) != Reference {
		t.Errorf("Small x 100 = %v, want Reference %v", Small.Times(100), Reference)
	}
}

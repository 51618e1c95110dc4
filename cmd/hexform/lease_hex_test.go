package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/internal/hexsim"
	"github.com/hexform/hexform/internal/hextarget"
	"github.com/hexform/hexform/reconcile"
)

// leaseState is the workspace the lease tests start from.
const leaseState = `{
  "users": [
    {"email": "alice@acme.com", "role": "admin", "active": true},
    {"email": "bob@acme.com", "role": "editor", "active": true}
  ],
  "groups": [{"name": "Analysts", "members": ["bob@acme.com"]}]
}`

// leaseWorkspace creates three groups and a connection shared with one.
const leaseWorkspace = `version: 1
workspace: lease
users:
  - {email: alice@acme.com, role: admin}
  - {email: bob@acme.com, role: editor}
groups:
  - {name: Analysts, members: [bob@acme.com]}
  - {name: Data, members: [alice@acme.com, bob@acme.com]}
  - {name: Finance}
  - {name: Ops, members: [alice@acme.com]}
connections:
  - name: Product Postgres
    type: postgres
    config: {hostname: db.acme.internal, port: 5432, database: product, username: hex_reader}
    secrets:
      password: {env: E2E_PG_PASSWORD}
    sharing:
      workspace: {members: view_results, guests: none, public: none}
      groups: {Data: query}
`

// newLeaseRig is a rig on leaseState whose leases follow its virtual clock.
func newLeaseRig(t *testing.T) (*hexRig, string) {
	t.Helper()
	r := newHexRig(t, hexsim.Config{}, loadState(t, leaseState))
	r.setSecret("E2E_PG_PASSWORD", "pg-password-value")
	prev := leaseTestOptions
	leaseTestOptions = func(o *hextarget.LeaseOptions) {
		o.Now = r.clock.Now
		// The pause after a draw must part the two runs in real time, as it
		// does outside tests; a twentieth of it is enough here.
		o.Sleep = func(_ context.Context, d time.Duration) error { time.Sleep(d / 20); return nil }
	}
	t.Cleanup(func() { leaseTestOptions = prev })
	return r, r.write("workspace.yaml", leaseWorkspace)
}

// holdLease takes the rig's workspace lease as another run would.
func holdLease(t *testing.T, r *hexRig, holder string) *hextarget.HeldLease {
	t.Helper()
	c, err := hexapi.NewClient(r.url, rigToken, hexapi.WithClock(r.clock.Now), hexapi.WithSleep(r.clock.Sleep))
	if err != nil {
		t.Fatal(err)
	}
	h, err := hextarget.New(c).AcquireLease(context.Background(), hextarget.LeaseOptions{Holder: holder, Now: r.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = h.Release(context.Background()) })
	return h
}

// leaseGroups are the lease groups in the simulator's workspace.
func leaseGroups(s *reconcile.Snapshot) []string {
	var out []string
	for _, g := range s.Groups {
		if hextarget.IsLeaseName(g.Name) {
			out = append(out, g.Name)
		}
	}
	return out
}

// groupNames are the workspace's group names other than leases.
func groupNames(s *reconcile.Snapshot) string {
	var out []string
	for _, g := range s.Groups {
		if !hextarget.IsLeaseName(g.Name) {
			out = append(out, g.Name)
		}
	}
	return strings.Join(out, ", ")
}

// TestHexApplyRefusedWhileLeased: while another run holds the lease, apply
// refuses before reading anything, naming the holder, its age and how to
// break it; plan and export work and never show the lease; force-unlock
// with the lease's id breaks it, and apply then goes through.
func TestHexApplyRefusedWhileLeased(t *testing.T) {
	r, ws := newLeaseRig(t)
	other := holdLease(t, r, "github acme/infra run 99")
	r.clock.Sleep(context.Background(), 3*time.Minute)

	res := r.hexform("apply", "-f", ws, "--auto-approve")
	r.mustCode(res, exitError, "apply while leased")
	for _, want := range []string{
		// The age is 3m and the few seconds the rate limiter paced the run's reads.
		"hexform: the workspace is leased by github acme/infra run 99 (lease " + other.ID() + ", taken or renewed 3m",
		"s ago): another apply is running; nothing was applied\n",
		"hint: if no hexform is running there any more, break the lease: hexform force-unlock " + other.ID() + " --target " + r.url + "\n",
		"hint: a lease its holder has not renewed for 15m0s is broken by the next apply\n",
	} {
		if !strings.Contains(res.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, res.stderr)
		}
	}
	if got := groupNames(r.sim.Snapshot()); got != "Analysts" {
		t.Errorf("groups after the refused apply: %s", got)
	}

	p := r.plan(ws)
	export := r.hexform("export")
	r.mustCode(export, exitOK, "export while leased")
	for what, text := range map[string]string{"plan": strings.Join(autoChanges(p), "\n"), "export": export.stdout} {
		if strings.Contains(text, "hexform-lease") {
			t.Errorf("%s shows the lease:\n%s", what, text)
		}
	}

	// A saved plan is applied under the lease too.
	planFile := r.dir + "/plan.json"
	r.mustCode(r.hexform("plan", "-f", ws, "--out", planFile), exitOK, "plan --out while leased")
	res = r.hexform("apply", planFile, "--auto-approve")
	r.mustCode(res, exitError, "apply of a saved plan while leased")
	if !strings.Contains(res.stderr, "hexform: the workspace is leased by github acme/infra run 99") {
		t.Errorf("apply of a saved plan while leased:\n%s", res.stderr)
	}

	res = r.hexform("force-unlock", "not-a-lease")
	r.mustCode(res, exitError, "force-unlock of an unknown id")
	if !strings.Contains(res.stderr, "hexform: no lease not-a-lease: the workspace's lease is "+other.ID()) {
		t.Errorf("force-unlock of an unknown id:\n%s", res.stderr)
	}
	res = r.hexform("force-unlock", other.ID())
	r.mustCode(res, exitOK, "force-unlock")
	if want := "Broke the lease " + other.ID() + " of github acme/infra run 99 on hex:" + r.url; !strings.Contains(res.stdout, want) {
		t.Errorf("force-unlock said %q, want %q", res.stdout, want)
	}

	r.mustCode(r.hexform("apply", "-f", ws, "--auto-approve"), exitOK, "apply after force-unlock")
	r.mustCode(r.hexform("plan", "-f", ws, "--detailed-exitcode"), exitOK, "plan after the apply")
	if l := leaseGroups(r.sim.Snapshot()); len(l) != 0 {
		t.Errorf("leases left after the apply: %q", l)
	}
}

// TestHexApplyBreaksStaleLease: a lease not renewed for longer than the TTL
// (its holder was killed) is broken by the next apply, with a warning.
func TestHexApplyBreaksStaleLease(t *testing.T) {
	r, ws := newLeaseRig(t)
	other := holdLease(t, r, "carol@laptop pid 7")
	r.clock.Sleep(context.Background(), 16*time.Minute)
	res := r.hexform("apply", "-f", ws, "--auto-approve")
	r.mustCode(res, exitOK, "apply over a stale lease")
	want := "hexform: warning: broke the stale lease " + other.ID() + " of carol@laptop pid 7: not renewed for 16m"
	if !strings.Contains(res.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, res.stderr)
	}
	if l := leaseGroups(r.sim.Snapshot()); len(l) != 0 {
		t.Errorf("leases left: %q", l)
	}
}

// TestHexLeaseReleasedOnFailure: an apply that stops on an invariant, or
// whose changes fail, gives the lease back.
func TestHexLeaseReleasedOnFailure(t *testing.T) {
	r, ws := newLeaseRig(t)
	// Connections fail: the secret is not set.
	delete(r.env, "E2E_PG_PASSWORD")
	r.mustCode(r.hexform("apply", "-f", ws, "--auto-approve"), exitError, "apply with a missing secret")
	if l := leaseGroups(r.sim.Snapshot()); len(l) != 0 {
		t.Errorf("leases left after failed changes: %q", l)
	}
	bad := r.write("bad.yaml", strings.Replace(leaseWorkspace, "{email: alice@acme.com, role: admin}", "{email: alice@acme.com, role: editor}", 1))
	r.mustCode(r.hexform("apply", "-f", bad, "--auto-approve"), exitError, "apply breaking an invariant")
	if l := leaseGroups(r.sim.Snapshot()); len(l) != 0 {
		t.Errorf("leases left after an invariant: %q", l)
	}
}

// TestHexPlanRefusesDuplicateNames: two groups (or connections) of one
// name make the plan fail, naming both ids and what to do in Hex.
func TestHexPlanRefusesDuplicateNames(t *testing.T) {
	state := strings.Replace(leaseState, `"groups": [`, `"groups": [{"id": "g-twin", "name": "Analysts"}, `, 1)
	r := newHexRig(t, hexsim.Config{}, loadState(t, state))
	ws := r.write("workspace.yaml", leaseWorkspace)
	id := ""
	for _, g := range r.sim.Snapshot().Groups {
		if g.ID != "g-twin" {
			id = g.ID
		}
	}
	ids := []string{id, "g-twin"}
	if ids[1] < ids[0] {
		ids[0], ids[1] = ids[1], ids[0]
	}
	res := r.hexform("plan", "-f", ws)
	r.mustCode(res, exitError, "plan with two groups of one name")
	for _, want := range []string{
		`the workspace has 2 groups named "Analysts" (ids ` + ids[0] + ", " + ids[1] + "): hexform matches groups by name and cannot tell them apart",
		"hint: rename (or delete) all but one of them in Hex under Settings > Groups, then plan again",
	} {
		if !strings.Contains(res.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, res.stderr)
		}
	}
	r.mustCode(r.hexform("apply", "-f", ws, "--auto-approve", "--allow-delete"), exitError, "apply with two groups of one name")
	if w := r.sim.Snapshot().Groups; len(w) != 2 {
		t.Errorf("groups after the refused apply: %+v", w)
	}
}

// workspaceDiff is how the workspace changed, its revision aside ("" when it
// did not): an apply that changes nothing still writes twice, taking and
// giving back its lease.
func workspaceDiff(before, after *reconcile.Snapshot) string {
	b, a := *before, *after
	b.Revision, a.Revision = 0, 0
	return cmp.Diff(&b, &a)
}

package main

import (
	"fmt"
	"testing"

	"github.com/hexform/hexform/internal/hexsim"
	"github.com/hexform/hexform/reconcile"
)

// TestHexFaultsConverge: with 20% of requests failing before anything is
// done and 20% of writes failing after they are done, three applies at most
// bring the workspace where one apply does without faults, and nothing is
// ever created twice (a failed create is looked up by name before another
// try). The seeds are fixed, and the client and hexsim share a virtual
// clock, so each case sees the same faults every run and waits for no real
// backoff.
//
// The last case answers every write 500 after doing it: every create is
// then found by name, and every retried edit or delete must be harmless.
func TestHexFaultsConverge(t *testing.T) {
	cases := map[string]hexsim.Config{"every write fails after": {FailAfterWrite: 1}}
	for seed := int64(1); seed <= 8; seed++ {
		cases[fmt.Sprintf("seed%d", seed)] = hexsim.Config{FailRate: 0.2, FailAfterWrite: 0.2, Seed: seed}
	}
	for name, cfg := range cases {
		t.Run(name, func(t *testing.T) {
			r := newE2ERig(t, cfg)
			ws := r.write("workspace.yaml", e2eWorkspace)
			applies := 0
			for code := -1; code != exitOK; applies++ {
				if applies == 3 {
					t.Fatalf("no clean apply after 3 tries; the last said:\n%s\n%s", r.last.stdout, r.last.stderr)
				}
				r.last = r.hexform("apply", "-f", ws, "--auto-approve", "--confirm", "delete group/Marketing")
				code = r.last.code
				if code != exitOK && code != exitError {
					t.Fatalf("apply exit %d:\n%s\n%s", code, r.last.stdout, r.last.stderr)
				}
			}
			st := r.sim.Stats()
			t.Logf("%d applies; %d requests, %d failed, %d failed after the write", applies, st.Total, st.Faults.Failed, st.Faults.FailedAfterWrite)
			if st.Faults.Failed+st.Faults.FailedAfterWrite == 0 {
				t.Error("no fault was injected: the test proves nothing")
			}
			if got := autoChanges(r.plan(ws)); len(got) != 0 {
				t.Errorf("after %d applies the plan still has %q", applies, got)
			}
			s := r.sim.Snapshot()
			checkNoDuplicates(t, s)
			checkE2EState(t, s)
		})
	}
}

// checkNoDuplicates fails on two groups or two connections of one name.
func checkNoDuplicates(t *testing.T, s *reconcile.Snapshot) {
	t.Helper()
	seen := map[string]int{}
	for _, g := range s.Groups {
		seen["group/"+g.Name]++
	}
	for _, c := range s.Connections {
		seen["connection/"+c.Name]++
	}
	for name, n := range seen {
		if n > 1 {
			t.Errorf("%s exists %d times", name, n)
		}
	}
}

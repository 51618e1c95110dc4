package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestHexTwoAppliesAtOnce starts two applies of one file against one
// workspace at the same moment, trial after trial (5, or
// HEXFORM_RELIABILITY_ITERATIONS): each either applies or is turned away
// by the other's lease; the one turned away, run again, has nothing left
// to do. Nothing is ever created twice, no lease is left behind, and the
// plan afterwards is empty.
func TestHexTwoAppliesAtOnce(t *testing.T) {
	trials := relIterations(t, 5)
	refused := 0
	for trial := range trials {
		r, ws := newLeaseRig(t)
		res := make([]runResult, 2)
		var wg sync.WaitGroup
		for i := range res {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res[i] = r.hexform("apply", "-f", ws, "--auto-approve", "--journal", filepath.Join(r.dir, fmt.Sprintf("j%d.jsonl", i)))
			}()
		}
		wg.Wait()
		for i, x := range res {
			if x.code == exitOK {
				continue
			}
			if x.code != exitError || !strings.Contains(x.stderr, "hexform: the workspace is leased by ") &&
				!strings.Contains(x.stderr, "at the same moment") {
				t.Fatalf("trial %d: apply %d exit %d without the lease message:\n%s\n%s", trial, i, x.code, x.stdout, x.stderr)
			}
			refused++
			t.Logf("trial %d: apply %d: %s", trial, i, strings.SplitN(x.stderr, "\n", 2)[0])
			again := r.hexform("apply", "-f", ws, "--auto-approve")
			r.mustCode(again, exitOK, fmt.Sprintf("trial %d: apply %d run again", trial, i))
		}
		s := r.sim.Snapshot()
		checkNoDuplicates(t, s)
		if l := leaseGroups(s); len(l) != 0 {
			t.Errorf("trial %d: leases left: %q", trial, l)
		}
		if got := groupNames(s); got != "Analysts, Data, Finance, Ops" {
			t.Errorf("trial %d: groups %s", trial, got)
		}
		r.mustCode(r.hexform("plan", "-f", ws, "--detailed-exitcode"), exitOK, fmt.Sprintf("trial %d: plan after both", trial))
		if t.Failed() {
			t.Fatalf("trial %d failed", trial)
		}
	}
	t.Logf("%d trials: no duplicates, empty re-plans; %d of %d applies turned away by the lease", trials, refused, 2*trials)
}

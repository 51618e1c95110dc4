package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// crashGroups is how many changes each crash round applies.
const crashGroups = 300

// TestReliabilityCrashConsistency kills `hexform apply` with SIGKILL at
// random points (seeded: after a random number of finished changes plus a
// random pause, so kills land inside state writes too), again and again on
// the same state until an apply finishes; then it starts a new round. After
// every kill the state file loads, the journal parses and nothing was done
// twice; after every round the plan is empty and the state holds exactly
// the groups of the file. HEXFORM_RELIABILITY_ITERATIONS sets the number of
// kills (default 10).
func TestReliabilityCrashConsistency(t *testing.T) {
	bin := relBinary(t)
	kills := relIterations(t, 10)
	rng := rand.New(rand.NewPCG(2026, 7))
	killed, rounds := 0, 0
	for killed < kills {
		rounds++
		killed += crashRound(t, bin, rng, min(3, kills-killed))
	}
	t.Logf("%d kills in %d rounds", killed, rounds)
}

// crashRound applies the workspace to a fresh state, killing at most
// maxKills applies; it returns how many it killed.
func crashRound(t *testing.T, bin string, rng *rand.Rand, maxKills int) int {
	dir := t.TempDir()
	ws := relGroupsWorkspace(t, dir, crashGroups, "")
	state, journal := filepath.Join(dir, "st", "state.json"), filepath.Join(dir, "st", "journal.jsonl")
	args := []string{"apply", "--auto-approve", "--no-color", "-f", ws, "--target", "file:" + state, "--journal", journal}
	kills := 0
	for kills < maxKills {
		remaining := crashGroups - len(relState(t, state).Groups)
		wasKilled := crashOnce(t, bin, dir, args, rng.IntN(remaining+1), time.Duration(rng.IntN(1500))*time.Microsecond)
		crashCheck(t, state, journal, ws)
		if !wasKilled {
			break
		}
		kills++
	}
	if out, err := relCmd(bin, dir, nil, args...).CombinedOutput(); err != nil {
		t.Fatalf("final apply: %v\n%s", err, out)
	}
	out, err := relCmd(bin, dir, nil, "plan", "--detailed-exitcode", "-f", ws, "--target", "file:"+state).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "No changes.") {
		t.Fatalf("plan after the final apply is not empty (%v):\n%s", err, out)
	}
	names := relGroupNames(t, relState(t, state))
	if len(names) != crashGroups {
		t.Fatalf("state has %d groups, want %d", len(names), crashGroups)
	}
	applied := relAppliedOnce(t, relJournal(t, journal))
	for id := range applied {
		if !names[strings.TrimPrefix(id, "create group/")] {
			t.Fatalf("journal says %q was applied, but the state has no such group", id)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, "st", ".state.json.tmp-*"))
	if len(leftovers) > 0 {
		t.Fatalf("temporary files left after a finished apply: %v", leftovers)
	}
	return kills
}

// crashOnce starts an apply and kills it once it has reported after changes
// done, after pause; it reports whether the process was killed (false: it
// finished first).
func crashOnce(t *testing.T, bin, dir string, args []string, after int, pause time.Duration) bool {
	t.Helper()
	cmd := relCmd(bin, dir, nil, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	for done := 0; done < after && sc.Scan(); {
		if strings.HasSuffix(sc.Text(), ": done") {
			done++
		}
	}
	time.Sleep(pause)
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_, _ = io.Copy(io.Discard, stdout)
	err = cmd.Wait()
	if err == nil {
		return false
	}
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
		return true
	}
	t.Fatalf("apply failed on its own (not killed): %v", err)
	return false
}

// crashCheck: the state loads, holds only groups of the file, each once,
// and the journal parses with nothing applied twice, every applied change is
// in the state, and every group in the state is in the journal.
func crashCheck(t *testing.T, state, journal, ws string) {
	t.Helper()
	names := relGroupNames(t, relState(t, state))
	for n := range names {
		var i int
		if _, err := fmt.Sscanf(n, "g%03d", &i); err != nil || i >= crashGroups {
			t.Fatalf("state holds an unexpected group %q", n)
		}
	}
	entries := relJournal(t, journal)
	for id := range relAppliedOnce(t, entries) {
		if !names[strings.TrimPrefix(id, "create group/")] {
			t.Fatalf("journal says %q was applied, but the state has no such group", id)
		}
	}
	// The other way round: a change is journaled as started before it is
	// sent, so even one whose process died between the write and its outcome
	// line is in the journal.
	journaled := map[string]bool{}
	for _, e := range entries {
		journaled[strings.TrimPrefix(e.Change, "create group/")] = true
	}
	for n := range names {
		if !journaled[n] {
			t.Fatalf("the state holds group %q, but the journal never mentions it", n)
		}
	}
	if _, err := os.Stat(ws); err != nil {
		t.Fatal(err)
	}
}

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hexform/hexform/internal/hexsim"
	"github.com/hexform/hexform/reconcile"
)

const interruptGroups = 300

var completeLine = regexp.MustCompile(`Apply complete: (\d+) applied, 0 failed, 0 skipped, 0 blocked, 0 manual, (\d+) not started\.`)

// TestReliabilityInterrupt sends SIGINT to `hexform apply` after a seeded
// random number of changes: the change in flight finishes, every later one
// is reported and journaled as not started, the exit status is 1, and the
// journal agrees with the state exactly. A second apply finishes the job.
// The file target writes after every change here (HEXFORM_APPLY_BATCH=1),
// so that a signal can land between any two; reconcile's batch tests
// cover an interrupted batched apply.
func TestReliabilityInterrupt(t *testing.T) {
	bin := relBinary(t)
	rng := rand.New(rand.NewPCG(8, 2026))
	for i := range relIterations(t, 3) {
		interruptOnce(t, bin, 1+rng.IntN(interruptGroups-20), i)
	}
}

func interruptOnce(t *testing.T, bin string, after, trial int) {
	dir := t.TempDir()
	ws := relGroupsWorkspace(t, dir, interruptGroups, "")
	state, journal := filepath.Join(dir, "state.json"), filepath.Join(dir, "journal.jsonl")
	args := []string{"apply", "--auto-approve", "--no-color", "-f", ws, "--target", "file:" + state, "--journal", journal}
	cmd := relCmd(bin, dir, []string{"HEXFORM_APPLY_BATCH=1"}, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	sc := bufio.NewScanner(stdout)
	for done := 0; sc.Scan(); {
		out.WriteString(sc.Text() + "\n")
		if strings.HasSuffix(sc.Text(), ": done") {
			if done++; done == after {
				_ = cmd.Process.Signal(syscall.SIGINT)
			}
		}
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	if !asExit(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("trial %d: interrupted apply: %v, want exit 1\n%s%s", trial, err, out.String(), stderr.String())
	}
	relNoStackTrace(t, "interrupted apply", out.String()+stderr.String())
	m := completeLine.FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("trial %d: no summary with not-started changes:\n%s", trial, out.String())
	}
	var applied, notStarted int
	fmt.Sscan(m[1], &applied)
	fmt.Sscan(m[2], &notStarted)
	if applied < after || notStarted == 0 || applied+notStarted != interruptGroups {
		t.Fatalf("trial %d: SIGINT after %d changes: %d applied, %d not started", trial, after, applied, notStarted)
	}
	if !strings.Contains(stderr.String(), "hexform: apply interrupted: "+fmt.Sprint(notStarted)+" change(s) not started\nhint: run apply again") {
		t.Fatalf("trial %d: stderr does not say why changes were not started:\n%s", trial, stderr.String())
	}
	if n := strings.Count(out.String(), ": not started\n"); n != notStarted || strings.Count(stderr.String(), "\n") > 2 {
		t.Fatalf("trial %d: want each not-started change listed once on stdout (%d of %d) and a short stderr:\n%s",
			trial, n, notStarted, stderr.String())
	}
	interruptCheckJournal(t, relJournal(t, journal), len(relState(t, state).Groups), applied)
	if out, err := relCmd(bin, dir, nil, args...).CombinedOutput(); err != nil {
		t.Fatalf("trial %d: apply after the interrupt: %v\n%s", trial, err, out)
	}
	if n := len(relGroupNames(t, relState(t, state))); n != interruptGroups {
		t.Fatalf("trial %d: %d groups after the second apply, want %d", trial, n, interruptGroups)
	}
	relAppliedOnce(t, relJournal(t, journal))
}

// interruptCheckJournal: one outcome per change, applied ones first and then
// only not-started ones, as many applied as the state holds and the
// summary said.
func interruptCheckJournal(t *testing.T, entries []reconcile.JournalEntry, inState, applied int) {
	t.Helper()
	// A change is journaled as started before it is sent; this check is about outcomes.
	var outcomes []reconcile.JournalEntry
	for i, e := range entries {
		if e.Result != reconcile.ResultStarted {
			outcomes = append(outcomes, e)
			continue
		}
		if i+1 >= len(entries) || entries[i+1].Change != e.Change {
			t.Fatalf("journal entry %d: %s started but its outcome does not follow", i, e.Change)
		}
	}
	entries = outcomes
	if len(entries) != interruptGroups {
		t.Fatalf("journal has %d entries, want one per change (%d)", len(entries), interruptGroups)
	}
	n := 0
	for i, e := range entries {
		switch {
		case e.Result == reconcile.ResultApplied && n == i:
			n++
		case e.Result == reconcile.ResultNotStarted && strings.Contains(e.Error, "interrupted"):
		default:
			t.Fatalf("journal entry %d: %s %s (%s) out of place", i, e.Change, e.Result, e.Error)
		}
	}
	if n != inState || n != applied {
		t.Fatalf("journal has %d applied, the state %d groups, the summary %d applied", n, inState, applied)
	}
}

// TestReliabilityInterruptHex interrupts an apply against a slow Hex
// simulator (every request takes 40ms), so the signal lands while a request
// is in flight: that request completes and counts as applied, the rest are
// not started, and the simulator holds exactly the groups reported applied.
func TestReliabilityInterruptHex(t *testing.T) {
	bin := relBinary(t)
	seed := &reconcile.Snapshot{Users: []reconcile.UserState{{ID: "u1", Email: "admin@acme.com", Role: "admin", Active: true}}}
	sim := hexsim.New(hexsim.Config{Token: "tok-interrupt", Latency: 40 * time.Millisecond}, seed)
	srv := httptest.NewServer(sim)
	defer srv.Close()
	dir := t.TempDir()
	ws := relGroupsWorkspace(t, dir, 20, "")
	journal := filepath.Join(dir, "journal.jsonl")
	cmd := relCmd(bin, dir, []string{"HEX_API_TOKEN=tok-interrupt"}, "apply", "--auto-approve", "--no-color", "-f", ws,
		"--target", srv.URL, "--rate-limit", "100000", "--journal", journal)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	sc := bufio.NewScanner(stdout)
	for done := 0; sc.Scan(); {
		out.WriteString(sc.Text() + "\n")
		if strings.HasSuffix(sc.Text(), ": done") {
			if done++; done == 3 {
				time.Sleep(10 * time.Millisecond) // inside the next request's latency
				_ = cmd.Process.Signal(syscall.SIGINT)
			}
		}
	}
	var ee *exec.ExitError
	if err := cmd.Wait(); !asExit(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("interrupted apply: %v, want exit 1\n%s", err, out.String())
	}
	m := completeLine.FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no summary with not-started changes:\n%s", out.String())
	}
	var applied int
	fmt.Sscan(m[1], &applied)
	if got := len(sim.Snapshot().Groups); got != applied || applied < 3 {
		t.Fatalf("hexsim holds %d groups, the summary says %d applied (the change in flight must finish and count)", got, applied)
	}
	entries := relJournal(t, journal)
	// One outcome per change, and a started entry before each change sent.
	if len(entries) != 20+applied || len(relAppliedOnce(t, entries)) != applied {
		t.Fatalf("journal: %d entries, %d applied; want %d and %d", len(entries), len(relAppliedOnce(t, entries)), 20+applied, applied)
	}
}

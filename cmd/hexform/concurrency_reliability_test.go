package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// concurrencyGroups is how many groups each of the two workspaces creates.
const concurrencyGroups = 150

// concurrentPair sets up two workspace files on one state: A creates
// a000.., B creates b000.., each ignoring the other's groups.
type concurrentPair struct {
	bin, dir, state string
	argsA, argsB    []string
}

func newConcurrentPair(t *testing.T, bin string) *concurrentPair {
	dir := t.TempDir()
	p := &concurrentPair{bin: bin, dir: dir, state: filepath.Join(dir, "state.json")}
	for _, side := range []string{"a", "b"} {
		other := map[string]string{"a": "b", "b": "a"}[side]
		var y strings.Builder
		fmt.Fprintf(&y, "version: 1\nworkspace: %s\ngroups:\n", side)
		for i := range concurrencyGroups {
			fmt.Fprintf(&y, "  - name: %s%03d\n", side, i)
		}
		fmt.Fprintf(&y, "ignore:\n  groups: [\"%s*\"]\n", other)
		ws := filepath.Join(dir, side+".yaml")
		if err := os.WriteFile(ws, []byte(y.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"apply", "--auto-approve", "--no-color", "-f", ws, "--target", "file:" + p.state,
			"--journal", filepath.Join(dir, side+".jsonl")}
		if side == "a" {
			p.argsA = args
		} else {
			p.argsB = args
		}
	}
	return p
}

// checkUnion: every group of both files is in the state, once.
func (p *concurrentPair) checkUnion(t *testing.T) {
	t.Helper()
	names := relGroupNames(t, relState(t, p.state))
	if len(names) != 2*concurrencyGroups {
		t.Fatalf("state has %d groups, want %d", len(names), 2*concurrencyGroups)
	}
	for _, side := range []string{"a", "b"} {
		for i := range concurrencyGroups {
			if n := fmt.Sprintf("%s%03d", side, i); !names[n] {
				t.Fatalf("group %s is lost", n)
			}
		}
		relAppliedOnce(t, relJournal(t, filepath.Join(p.dir, side+".jsonl")))
	}
}

// TestReliabilityConcurrentApplyFailsClearly starts a second apply while the
// first holds the state: it fails at once with exit 1, naming the first
// apply's process, and changes nothing; plans run meanwhile succeed. Once
// the first is done the second applies, and the state is the union.
func TestReliabilityConcurrentApplyFailsClearly(t *testing.T) {
	p := newConcurrentPair(t, relBinary(t))
	// The first apply writes after every change (HEXFORM_APPLY_BATCH=1), so
	// that it still holds the lock well after its first change is done.
	a := relCmd(p.bin, p.dir, []string{"HEXFORM_APPLY_BATCH=1"}, p.argsA...)
	stdout, err := a.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	for sc.Scan() && !strings.HasSuffix(sc.Text(), ": done") {
	}
	var bOut bytes.Buffer
	b := relCmd(p.bin, p.dir, nil, p.argsB...)
	b.Stdout, b.Stderr = &bOut, &bOut
	bErr := b.Run()
	plan, planErr := relCmd(p.bin, p.dir, nil, "plan", "-f", p.argsA[4], "--target", "file:"+p.state).CombinedOutput()
	_, _ = io.Copy(io.Discard, stdout)
	if err := a.Wait(); err != nil {
		t.Fatalf("first apply: %v", err)
	}
	var ee *exec.ExitError
	if !asExit(bErr, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("second apply: %v, want exit 1\n%s", bErr, bOut.String())
	}
	want := fmt.Sprintf("is locked by pid %d on ", a.Process.Pid)
	if !strings.Contains(bOut.String(), want) || !strings.HasPrefix(bOut.String(), "hexform: ") {
		t.Fatalf("second apply's message does not name the holder (%q):\n%s", want, bOut.String())
	}
	relNoStackTrace(t, "second apply", bOut.String())
	if planErr != nil {
		t.Fatalf("plan during an apply: %v\n%s", planErr, plan)
	}
	if entries := relJournal(t, filepath.Join(p.dir, "b.jsonl")); len(entries) != 0 {
		t.Fatalf("the refused apply journaled %d changes", len(entries))
	}
	if out, err := relCmd(p.bin, p.dir, nil, p.argsB...).CombinedOutput(); err != nil {
		t.Fatalf("second apply, run again: %v\n%s", err, out)
	}
	p.checkUnion(t)
}

// TestReliabilityConcurrentApplyRace starts both applies at the same moment,
// many times: each either succeeds or fails with the lock message; the one
// that failed succeeds when run again, and nothing is lost.
func TestReliabilityConcurrentApplyRace(t *testing.T) {
	bin := relBinary(t)
	for i := range relIterations(t, 3) {
		p := newConcurrentPair(t, bin)
		cmds := []*exec.Cmd{relCmd(bin, p.dir, nil, p.argsA...), relCmd(bin, p.dir, nil, p.argsB...)}
		outs := []*bytes.Buffer{{}, {}}
		for j, c := range cmds {
			c.Stdout, c.Stderr = outs[j], outs[j]
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
		}
		errs := []error{cmds[0].Wait(), cmds[1].Wait()}
		for j, err := range errs {
			if err == nil {
				continue
			}
			if !strings.Contains(outs[j].String(), "is locked by ") {
				t.Fatalf("trial %d: apply %d failed without the lock message: %v\n%s", i, j, err, outs[j].String())
			}
			args := [][]string{p.argsA, p.argsB}[j]
			if out, err := relCmd(bin, p.dir, nil, args...).CombinedOutput(); err != nil {
				t.Fatalf("trial %d: apply %d run again: %v\n%s", i, j, err, out)
			}
		}
		p.checkUnion(t)
	}
}

func asExit(err error, target **exec.ExitError) bool {
	ee, ok := err.(*exec.ExitError)
	if ok {
		*target = ee
	}
	return ok
}

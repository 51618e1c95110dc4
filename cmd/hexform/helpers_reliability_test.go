package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/filetarget"
	"github.com/hexform/hexform/reconcile"
)

// relIterations is how many times the reliability tests repeat their
// random trials: HEXFORM_RELIABILITY_ITERATIONS (make reliability sets 200),
// else short.
func relIterations(t *testing.T, short int) int {
	t.Helper()
	v := os.Getenv("HEXFORM_RELIABILITY_ITERATIONS")
	if v == "" {
		return short
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("HEXFORM_RELIABILITY_ITERATIONS=%q is not a positive number", v)
	}
	return n
}

// relBinary builds the hexform command into a temporary directory, so that
// tests can signal a real process (main's signal handling included).
func relBinary(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "hexform")
	cmd := exec.Command(goTool, "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// relGroupsWorkspace writes a workspace file managing n groups g000..g(n-1)
// (plus extra YAML) and returns its path.
func relGroupsWorkspace(t *testing.T, dir string, n int, extra string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("version: 1\nworkspace: reliability\ngroups:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: g%03d\n", i)
	}
	b.WriteString(extra)
	path := filepath.Join(dir, "workspace.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// relCmd is the hexform binary run with args in dir, with the test's
// environment minus HEXFORM_* and HEX_* settings, plus env.
func relCmd(bin, dir string, env []string, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "HEXFORM_") && !strings.HasPrefix(kv, "HEX_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

// relState loads the state file the way every hexform command does; a
// missing file is an empty workspace.
func relState(t *testing.T, path string) *reconcile.Snapshot {
	t.Helper()
	s, err := filetarget.New(path, nil).Snapshot(context.Background())
	if err != nil {
		t.Fatalf("state file is not loadable: %v", err)
	}
	return s
}

// relJournal parses every line of the journal; a missing file has none.
func relJournal(t *testing.T, path string) []reconcile.JournalEntry {
	t.Helper()
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []reconcile.JournalEntry
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var e reconcile.JournalEntry
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			t.Fatalf("journal line %d does not parse: %v\n%s", n, err, sc.Text())
		}
		if e.Change == "" || e.Result == "" || e.Time.IsZero() {
			t.Fatalf("journal line %d is incomplete: %s", n, sc.Text())
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// relAppliedOnce fails when the journal records a change as applied twice.
func relAppliedOnce(t *testing.T, entries []reconcile.JournalEntry) map[string]bool {
	t.Helper()
	applied := map[string]bool{}
	for _, e := range entries {
		if e.Result != reconcile.ResultApplied {
			continue
		}
		if applied[e.Change] {
			t.Fatalf("journal records %q as applied twice", e.Change)
		}
		applied[e.Change] = true
	}
	return applied
}

// relGroupNames returns the state's group names, failing on duplicates.
func relGroupNames(t *testing.T, s *reconcile.Snapshot) map[string]bool {
	t.Helper()
	names := map[string]bool{}
	for _, g := range s.Groups {
		if names[g.Name] {
			t.Fatalf("group %q exists twice", g.Name)
		}
		names[g.Name] = true
	}
	return names
}

// relNoStackTrace fails when output holds a Go panic or stack trace.
func relNoStackTrace(t *testing.T, what, out string) {
	t.Helper()
	for _, bad := range []string{"goroutine ", "panic:", "runtime/debug", ".go:"} {
		if strings.Contains(out, bad) {
			t.Fatalf("%s output holds %q:\n%s", what, bad, out)
		}
	}
}

package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestValidateCapsDiagnostics checks that a file with thousands of errors
// prints the first ones, one "and N more errors" line, and the full count.
func TestValidateCapsDiagnostics(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\nworkspace: acme\nusers:\n")
	const n = 5000
	for i := range n {
		fmt.Fprintf(&b, "  - {email: a%d@acme.com, role: viewr}\n", i)
	}
	file := filepath.Join(t.TempDir(), "workspace.yaml")
	mustWrite(t, file, b.String())
	code, stdout, stderr := runCLI(t, nil, "validate", "-f", file)
	if code != exitError {
		t.Fatalf("exit %d, want %d\n%s", code, exitError, stderr)
	}
	if got := strings.Count(stdout, "unknown role"); got != 200 {
		t.Errorf("%d errors printed, want 200", got)
	}
	if !strings.Contains(stdout, file+": error: and 4800 more errors\n") {
		t.Errorf("no summary line in:\n%s", tail(stdout))
	}
	if want := fmt.Sprintf("hexform: %d errors, 0 warnings in %s", n, file); !strings.Contains(stderr, want) {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
	code, _, stderr = runCLI(t, nil, "plan", "-f", file, "--target", "file:"+filepath.Join(t.TempDir(), "state.json"))
	if want := fmt.Sprintf("has %d error(s)", n); code != exitError || !strings.Contains(stderr, want) {
		t.Errorf("plan: exit %d, stderr %q; want %q", code, tail(stderr), want)
	}
}

func tail(s string) string {
	if len(s) > 600 {
		return "..." + s[len(s)-600:]
	}
	return s
}

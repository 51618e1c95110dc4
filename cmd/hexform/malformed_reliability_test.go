package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// positioned is a diagnostic line: file:line[:col]: error: (a YAML syntax
// error has no column; an empty file has no line).
var positioned = regexp.MustCompile(`(?m)^\S*workspace\.yaml(:\d+(:\d+)?)?: error: \S`)

// TestMalformedCorpusCLI runs validate and plan on every file of
// schema/testdata/malformed: exit 1, a positioned error on the right
// stream, a "hexform: " summary with a hint, and no stack trace.
func TestMalformedCorpusCLI(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "..", "schema", "testdata", "malformed", "*.yaml"))
	if err != nil || len(paths) < 15 {
		t.Fatalf("malformed corpus: %d files (%v)", len(paths), err)
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "workspace.yaml"), data, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, cmd := range []string{"validate", "plan"} {
				code, stdout, stderr := runInProcess(cmd, "-f", filepath.Join(dir, "workspace.yaml"))
				all := stdout + stderr
				if code != exitError {
					t.Fatalf("%s: exit %d, want 1\n%s", cmd, code, all)
				}
				relNoStackTrace(t, cmd, all)
				diags := stdout
				if cmd == "plan" {
					diags = stderr
				}
				if !positioned.MatchString(diags) {
					t.Fatalf("%s: no positioned error:\n%s", cmd, all)
				}
				if !strings.Contains(stderr, "hexform: ") {
					t.Fatalf("%s: no summary line on stderr:\n%s", cmd, all)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, ".hexform")); !os.IsNotExist(err) {
				t.Fatalf("plan of a malformed file created .hexform (%v)", err)
			}
		})
	}
}

// runInProcess runs hexform in-process with an empty environment.
func runInProcess(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := runWithEnv(context.Background(), args, &env{
		stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
		getenv: func(string) string { return "" },
	})
	return code, stdout.String(), stderr.String()
}

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/filetarget"
	"github.com/hexform/hexform/internal/gen"
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

// TestMaxFileSize checks the default limit fits a file the size of a
// 100,000-user workspace and that HEXFORM_MAX_FILE_SIZE moves it.
func TestMaxFileSize(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\nworkspace: acme\n")
	for b.Len() < 24<<20 {
		b.WriteString("# " + strings.Repeat("x", 77) + "\n")
	}
	file := filepath.Join(t.TempDir(), "workspace.yaml")
	mustWrite(t, file, b.String())
	if code, stdout, stderr := runCLI(t, nil, "validate", "-f", file); code != exitOK {
		t.Errorf("validate of a 24 MiB file: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ := runCLI(t, map[string]string{"HEXFORM_MAX_FILE_SIZE": "16MiB"}, "validate", "-f", file)
	if want := "a workspace file may hold at most 16777216 (16MiB)\n\thint: if the file is meant to be this large, raise the limit, e.g. HEXFORM_MAX_FILE_SIZE=64MiB"; code != exitError || !strings.Contains(stdout, want) {
		t.Errorf("validate with a 16MiB limit: exit %d\n%s\nwant %q", code, stdout, want)
	}
	code, _, stderr := runCLI(t, map[string]string{"HEXFORM_MAX_FILE_SIZE": "16MiB"}, "plan", "-f", file, "--target", "file:"+filepath.Join(t.TempDir(), "state.json"))
	if code != exitError || !strings.Contains(stderr, "at most 16777216 (16MiB)") {
		t.Errorf("plan with a 16MiB limit: exit %d\n%s", code, stderr)
	}
	code, _, stderr = runCLI(t, map[string]string{"HEXFORM_MAX_FILE_SIZE": "lots"}, "validate", "-f", file)
	if want := "hexform: HEXFORM_MAX_FILE_SIZE: \"lots\" is not a size: write a whole number of bytes, or of KiB, MiB or GiB, e.g. 64MiB\nhint: unset it for the default of 64MiB\n"; code != exitError || stderr != want {
		t.Errorf("validate with a bad limit: exit %d, stderr %q; want %q", code, stderr, want)
	}
}

// TestReliabilityLargeWorkspace validates and plans a workspace of 100,000
// users, 10,000 groups and 500,000 memberships (a 25 MB file) under the
// default limits. It takes too long for every test run, so it runs with
// make reliability (HEXFORM_RELIABILITY_ITERATIONS set) only.
func TestReliabilityLargeWorkspace(t *testing.T) {
	if os.Getenv("HEXFORM_RELIABILITY_ITERATIONS") == "" {
		t.Skip("set HEXFORM_RELIABILITY_ITERATIONS (make reliability) to run")
	}
	g, err := gen.Generate(gen.Small.Times(1000), 1)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file, state := filepath.Join(dir, "workspace.yaml"), filepath.Join(dir, "state.json")
	mustWrite(t, file, string(g.YAML))
	if err := filetarget.WriteSnapshot(state, g.Current); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runCLI(t, nil, "validate", "-f", file); code != exitOK {
		t.Fatalf("validate of %d bytes: exit %d\n%s%s", len(g.YAML), code, tail(stdout), stderr)
	}
	code, stdout, stderr := runCLI(t, nil, "plan", "-f", file, "--target", "file:"+state, "--no-color", "--detailed-exitcode")
	if code != exitChanges || !strings.Contains(stdout, "to create") {
		t.Fatalf("plan: exit %d\n%s%s", code, tail(stdout), stderr)
	}
}

// TestValidateHostileNames: validate refuses names carrying escape
// sequences, bidirectional controls and decomposed accents at their line
// and column, names the character, and never prints it raw.
func TestValidateHostileNames(t *testing.T) {
	file := filepath.Join(t.TempDir(), "workspace.yaml")
	mustWrite(t, file, "version: 1\nworkspace: acme\ngroups:\n"+
		"  - name: \"ops\\e[2Jadmins\"\n"+
		"  - name: \"data\u202eatad\"\n"+
		"  - name: Cafe\u0301\n"+
		"  - name: Café\n"+
		"connections:\n"+
		"  - {name: \"pg\u2067x\", type: postgres, config: {hostname: h, port: 1, database: d, username: u}, secrets: {password: {env: P}}, sharing: {groups: {\"g\\e]8;;x\": query}}}\n")
	for _, format := range []string{"text", "json", "github"} {
		code, stdout, stderr := runCLI(t, nil, "validate", "-f", file, "-o", format)
		if code != exitError {
			t.Fatalf("%s: exit %d\n%s%s", format, code, stdout, stderr)
		}
		if i := strings.IndexFunc(stdout+stderr, func(r rune) bool {
			return r == 0x1b || r == 0x202e || r == 0x2067 || r == 0x0301
		}); i >= 0 {
			t.Errorf("%s: output holds a raw hostile character at byte %d:\n%q", format, i, stdout+stderr)
		}
		if format != "text" {
			continue
		}
		for _, want := range []string{
			file + `:4:11: error: group name "ops\u001B[2Jadmins" holds a terminal escape sequence, U+001B ESCAPE, at character 4`,
			file + `:5:11: error: group name "data\u202Eatad" holds a bidirectional control, U+202E RIGHT-TO-LEFT OVERRIDE, at character 5`,
			"\thint: remove it: it changes the order the text is displayed in, so what a reviewer reads is not what is applied",
			file + `:6:11: error: group name "Cafe\u0301" is not in Unicode's composed form (NFC): U+0301 at character 5`,
			file + `:7:5: error: group "Café" is group "Cafe\u0301" (line 6) in another Unicode form`,
			`connection name "pg\u2067x" holds a bidirectional control, U+2067 RIGHT-TO-LEFT ISOLATE, at character 3`,
			`group name "g\u001B]8;;x" holds a terminal escape sequence, U+001B ESCAPE, at character 2`,
		} {
			if !strings.Contains(stdout, want) {
				t.Errorf("output lacks %q:\n%s", want, stdout)
			}
		}
	}
}

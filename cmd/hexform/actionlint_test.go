package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// actionlint runs actionlint (which also runs shellcheck on every run:
// script when shellcheck is on PATH) on the given workflow files.
func actionlint(t *testing.T, files ...string) (string, error) {
	t.Helper()
	path, err := exec.LookPath("actionlint")
	if err != nil {
		t.Skip("actionlint is not on PATH; make actionlint installs and runs it")
	}
	out, err := exec.Command(path, append([]string{"-no-color"}, files...)...).CombinedOutput()
	return string(out), err
}

func TestActionlintAcceptsWorkflows(t *testing.T) {
	if out, err := actionlint(t, exampleWorkflowFiles(t)...); err != nil {
		t.Errorf("actionlint: %v\n%s", err, out)
	}
}

// TestActionlintFindsProblems proves the test above can fail.
func TestActionlintFindsProblems(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yml")
	doc := "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.head_commit.message }}\n"
	if err := os.WriteFile(bad, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := actionlint(t, bad); err == nil || !strings.Contains(out, "untrusted") {
		t.Errorf("actionlint accepted a script injection: %v\n%s", err, out)
	}
}

// actionScripts are the run: scripts of action.yml's steps, which
// actionlint does not read (it lints workflows, not action metadata).
func actionScripts(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(actionFile)
	if err != nil {
		t.Fatal(err)
	}
	var doc hardenedDoc
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var scripts []string
	for _, st := range doc.Runs.Steps {
		if st.Run != "" {
			scripts = append(scripts, st.Run)
		}
	}
	if len(scripts) == 0 {
		t.Fatal("action.yml has no run: steps")
	}
	return scripts
}

// shellcheck checks one bash script, as the action runs it.
func shellcheck(t *testing.T, script string) (string, error) {
	t.Helper()
	path, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Skip("shellcheck is not on PATH")
	}
	cmd := exec.Command(path, "--shell=bash", "--norc", "-")
	cmd.Stdin = strings.NewReader(script)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func TestShellcheckAcceptsActionScripts(t *testing.T) {
	for i, s := range actionScripts(t) {
		if out, err := shellcheck(t, s); err != nil {
			t.Errorf("action.yml run: script %d (%s): %v\n%s", i+1, firstLine(s, ""), err, out)
		}
	}
}

// TestShellcheckFindsProblems proves the test above can fail.
func TestShellcheckFindsProblems(t *testing.T) {
	if out, err := shellcheck(t, "hexform $ARGS\n"); err == nil || !strings.Contains(out, "SC2086") {
		t.Errorf("shellcheck accepted an unquoted expansion: %v\n%s", err, out)
	}
}

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// actionFile is the composite action the example workflows use.
const actionFile = "../../action.yml"

// hardenedStep is what the hardening checks read of a step.
type hardenedStep struct {
	ID   string
	Uses string
	Run  string
	With map[string]string
	Env  map[string]string
}

// hardenedDoc is a workflow or, with Runs, an action's metadata.
type hardenedDoc struct {
	Permissions yaml.Node `yaml:"permissions"`
	Jobs        map[string]struct {
		Permissions yaml.Node `yaml:"permissions"`
		Environment yaml.Node `yaml:"environment"`
		Steps       []hardenedStep
	}
	Runs struct{ Steps []hardenedStep }
}

var (
	usesLine = regexp.MustCompile(`(?m)^\s*(?:-\s+)?uses:\s*(\S+)(.*)$`)
	// A pin: a full commit SHA, then the version in a comment.
	pinnedRef      = regexp.MustCompile(`^[^@\s]+@[0-9a-f]{40}$`)
	versionComment = regexp.MustCompile(`^\s+#\s*v[0-9X]`)
)

// checkHardening finds what careful teams do not let into a workflow or an
// action: an action not pinned by commit SHA with its version in a comment,
// a checkout that leaves the token in the git config, an expression pasted
// into a run: script (script injection), and, for a workflow, permissions
// granted at the top rather than per job.
func checkHardening(data []byte) []string {
	var doc hardenedDoc
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return []string{"not YAML: " + err.Error()}
	}
	var problems []string
	for _, m := range usesLine.FindAllStringSubmatch(string(data), -1) {
		ref, rest := m[1], m[2]
		if strings.HasPrefix(ref, "./") {
			continue
		}
		if !pinnedRef.MatchString(ref) || !versionComment.MatchString(rest) {
			problems = append(problems, fmt.Sprintf("uses: %s is not pinned by a full commit SHA with the version in a comment (uses: owner/repo@<sha> # vX.Y.Z)", ref))
		}
	}
	steps := doc.Runs.Steps
	for name, j := range doc.Jobs {
		steps = append(steps, j.Steps...)
		if j.Permissions.IsZero() {
			problems = append(problems, "job "+name+" has no permissions: of its own")
		}
	}
	for _, st := range steps {
		if strings.HasPrefix(st.Uses, "actions/checkout@") && st.With["persist-credentials"] != "false" {
			problems = append(problems, "actions/checkout without persist-credentials: false leaves the token in .git/config")
		}
		if strings.Contains(st.Run, "${{") {
			problems = append(problems, fmt.Sprintf("run: script pastes an expression into shell text (pass it through env:): %q", firstLine(st.Run, "${{")))
		}
	}
	if len(doc.Jobs) > 0 && (doc.Permissions.Kind != yaml.MappingNode || len(doc.Permissions.Content) != 0) {
		problems = append(problems, "top-level permissions: is not {} (grant permissions per job)")
	}
	return problems
}

func firstLine(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

func TestWorkflowsAndActionHardened(t *testing.T) {
	eachFile(t, append(exampleWorkflowFiles(t), actionFile), func(name string, data []byte) {
		for _, p := range checkHardening(data) {
			t.Errorf("%s: %s", name, p)
		}
	})
}

// TestWorkflowsGuardApplyAndDrift: apply runs in a deployment environment
// (where its write token and required reviewers live); drift runs one at a
// time.
func TestWorkflowsGuardApplyAndDrift(t *testing.T) {
	var apply hardenedDoc
	var drift workflow
	for name, v := range map[string]any{"apply.yml": &apply, "drift.yml": &drift} {
		data, err := os.ReadFile(filepath.Join(workflowsDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := yaml.Unmarshal(data, v); err != nil {
			t.Fatal(err)
		}
	}
	for name, j := range apply.Jobs {
		if j.Environment.IsZero() || j.Environment.Value == "" && j.Environment.Kind == yaml.ScalarNode {
			t.Errorf("apply.yml: job %s has no environment:", name)
		}
	}
	if group, _ := concurrencyGroup(&drift.Concurrency); group == "" {
		t.Error("drift.yml: no concurrency group")
	}
}

// TestCheckHardeningFindsProblems proves the checks above can fail.
func TestCheckHardeningFindsProblems(t *testing.T) {
	const sha = "3d3c42e5aac5ba805825da76410c181273ba90b1"
	job := func(steps string) string {
		return "permissions: {}\njobs:\n  a:\n    permissions: {contents: read}\n    steps:\n" + steps
	}
	checkout := "      - uses: actions/checkout@" + sha + " # v7.0.1\n        with: {persist-credentials: false}\n"
	tests := []struct{ name, doc, want string }{
		{"fine", job(checkout + "      - env: {B: \"${{ github.base_ref }}\"}\n        run: echo \"$B\"\n"), ""},
		{"tag", job("      - uses: actions/checkout@v4\n        with: {persist-credentials: false}\n"), "not pinned"},
		{"short sha", job("      - uses: actions/checkout@3d3c42e # v7.0.1\n        with: {persist-credentials: false}\n"), "not pinned"},
		{"no version comment", job("      - uses: actions/checkout@" + sha + "\n        with: {persist-credentials: false}\n"), "not pinned"},
		{"credentials kept", job("      - uses: actions/checkout@" + sha + " # v7.0.1\n"), "persist-credentials"},
		{"injection", job("      - run: echo ${{ github.event.pull_request.title }}\n"), "pastes an expression"},
		{"top-level grant", "permissions: {contents: read}\njobs:\n  a:\n    permissions: {contents: read}\n    steps: []\n", "top-level permissions"},
		{"no top-level", "jobs:\n  a:\n    permissions: {contents: read}\n    steps: []\n", "top-level permissions"},
		{"job without permissions", "permissions: {}\njobs:\n  a:\n    steps: []\n", "no permissions"},
		{"action injection", "runs:\n  using: composite\n  steps:\n    - run: echo \"${{ inputs.args }}\"\n      shell: bash\n", "pastes an expression"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(checkHardening([]byte(tt.doc)), "\n")
			if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("problems %q, want one containing %q", got, tt.want)
			}
		})
	}
}

// projectWorkflowFiles are hexform's own workflows (CI and releases).
func projectWorkflowFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../.github/workflows/*.yml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no workflows in .github/workflows (%v)", err)
	}
	return files
}

// TestProjectWorkflowsHardened holds hexform's own workflows to the rules
// of the examples, and actionlint's, when it is installed.
func TestProjectWorkflowsHardened(t *testing.T) {
	eachFile(t, projectWorkflowFiles(t), func(name string, data []byte) {
		for _, p := range checkHardening(data) {
			t.Errorf("%s: %s", name, p)
		}
	})
	if _, err := exec.LookPath("actionlint"); err == nil {
		if out, err := actionlint(t, projectWorkflowFiles(t)...); err != nil {
			t.Errorf("actionlint: %v\n%s", err, out)
		}
	}
}

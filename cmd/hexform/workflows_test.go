package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"
)

// workflowsDir holds the GitHub Actions workflows users copy.
const workflowsDir = "../../examples/github-actions"

// workflow is the part of a GitHub Actions workflow the checks read.
type workflow struct {
	Permissions yaml.Node `yaml:"permissions"`
	Env         map[string]string
	Concurrency yaml.Node `yaml:"concurrency"`
	Jobs        map[string]struct {
		Permissions yaml.Node `yaml:"permissions"`
		Env         map[string]string
		Steps       []struct {
			Name string
			Run  string
			Uses string
			With map[string]string
			Env  map[string]string
		}
	}
}

// invocation is one hexform command line found in a run: step.
type invocation struct {
	job, step string
	args      []string // after "hexform"
	env       map[string]string
	perms     map[string]string
}

// permissionFor is the workflow permission each publishing flag needs.
var permissionFor = map[string]string{
	"--github-comment":       "pull-requests",
	"--github-status":        "statuses",
	"--github-drift-issue":   "issues",
	"--github-reviewed-plan": "pull-requests",
}

// checkWorkflow parses a workflow and returns its hexform invocations and
// every problem with them: unknown subcommands or flags, a publishing flag
// without the permission or the GITHUB_TOKEN it needs.
func checkWorkflow(root *cobra.Command, data []byte) ([]invocation, []string) {
	var wf workflow
	if err := yaml.Unmarshal(data, &wf); err != nil {
		return nil, []string{"not YAML: " + err.Error()}
	}
	var invs []invocation
	var problems []string
	for _, job := range slices.Sorted(mapKeys(wf.Jobs)) {
		j := wf.Jobs[job]
		perms := permissions(&wf.Permissions)
		if !j.Permissions.IsZero() {
			perms = permissions(&j.Permissions) // a job's permissions replace the workflow's
		}
		for _, st := range j.Steps {
			env := merged(wf.Env, j.Env, st.Env)
			cmds := hexformCommands(st.Run)
			if args, ok := actionCommand(st.Uses, st.With); ok {
				cmds = append(cmds, args)
				env = merged(env, map[string]string{"GITHUB_TOKEN": actionToken(st.With)})
			}
			for _, args := range cmds {
				inv := invocation{job: job, step: st.Name, args: args, env: env, perms: perms}
				invs = append(invs, inv)
				for _, p := range checkInvocation(root, inv) {
					problems = append(problems, fmt.Sprintf("job %s, step %q: %s", job, st.Name, p))
				}
			}
		}
	}
	return invs, problems
}

func checkInvocation(root *cobra.Command, inv invocation) []string {
	if len(inv.args) == 0 {
		return []string{"hexform without a subcommand"}
	}
	var sub *cobra.Command
	for _, c := range root.Commands() {
		if c.Name() == inv.args[0] || slices.Contains(c.Aliases, inv.args[0]) {
			sub = c
		}
	}
	if sub == nil {
		return []string{fmt.Sprintf("unknown subcommand %q", inv.args[0])}
	}
	var problems []string
	for i := 1; i < len(inv.args); i++ {
		a := inv.args[i]
		if a == "--" {
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			continue
		}
		name, _, hasValue := strings.Cut(a, "=")
		f := sub.Flags().Lookup(strings.TrimPrefix(name, "--"))
		if !strings.HasPrefix(name, "--") {
			f = sub.Flags().ShorthandLookup(strings.TrimPrefix(name, "-"))
		}
		if f == nil {
			problems = append(problems, fmt.Sprintf("hexform %s has no flag %s", sub.Name(), name))
			continue
		}
		if f.Value.Type() != "bool" && !hasValue {
			i++ // the flag's value
		}
		if perm, ok := permissionFor[name]; ok {
			if inv.perms[perm] != "write" {
				problems = append(problems, fmt.Sprintf("%s needs `permissions: %s: write`", name, perm))
			}
			if !strings.Contains(inv.env["GITHUB_TOKEN"], "secrets.GITHUB_TOKEN") && !strings.Contains(inv.env["GITHUB_TOKEN"], "github.token") {
				problems = append(problems, fmt.Sprintf("%s needs GITHUB_TOKEN in the step's env", name))
			}
		}
	}
	return problems
}

// permissions reads a permissions: node: a map of scope to access, or
// read-all / write-all.
func permissions(n *yaml.Node) map[string]string {
	out := map[string]string{}
	switch n.Kind {
	case yaml.MappingNode:
		_ = n.Decode(&out)
	case yaml.ScalarNode:
		if access, ok := strings.CutSuffix(n.Value, "-all"); ok {
			for _, p := range permissionFor {
				out[p] = access
			}
		}
	}
	return out
}

func merged(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

var (
	arrayAssign = regexp.MustCompile(`^(\w+)\+?=\((.*)\)$`)
	arrayUse    = regexp.MustCompile(`^\$\{(\w+)\[@\]\}$`)
)

// shellOps end a command.
var shellOps = []string{"|", "||", "&&", ";", "&", ">", ">>", "2>", "2>&1", "<", ")"}

// hexformCommands finds the hexform command lines of a run: script: lines
// continued with a backslash are joined, and an array expanded as
// "${name[@]}" holds every word added to it with name=(...) or name+=(...).
func hexformCommands(script string) [][]string {
	lines := strings.Split(strings.ReplaceAll(script, "\\\n", " "), "\n")
	arrays := map[string][]string{}
	for _, l := range lines {
		if m := arrayAssign.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			arrays[m[1]] = append(arrays[m[1]], shellWords(m[2])...)
		}
	}
	var cmds [][]string
	for _, l := range lines {
		words := shellWords(l)
		for i, w := range words {
			starts := i == 0 || slices.Contains([]string{"|", "||", "&&", ";", "then", "do", "else", "exec", "time", "!"}, words[i-1])
			if w != "hexform" || !starts {
				continue
			}
			var args []string
			for _, a := range words[i+1:] {
				if slices.Contains(shellOps, a) {
					break
				}
				if m := arrayUse.FindStringSubmatch(a); m != nil {
					args = append(args, arrays[m[1]]...)
					continue
				}
				args = append(args, a)
			}
			cmds = append(cmds, args)
		}
	}
	return cmds
}

// shellWords splits a line into words as a shell would before expansion:
// quotes removed, a # starting a word begins a comment.
func shellWords(line string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range line {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case r == '#' && !inWord:
			return words
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// concurrencyGroup returns a workflow's concurrency group ("" for none)
// and whether it cancels a run in progress.
func concurrencyGroup(n *yaml.Node) (group string, cancels bool) {
	switch n.Kind {
	case yaml.ScalarNode:
		return n.Value, false
	case yaml.MappingNode:
		var c struct {
			Group  string
			Cancel bool `yaml:"cancel-in-progress"`
		}
		_ = n.Decode(&c)
		return c.Group, c.Cancel
	}
	return "", false
}

// exampleWorkflows says what each workflow must do: the hexform
// subcommands it runs in order, flags it must pass (found only when
// continuation lines and arrays are followed), the permissions it needs.
var exampleWorkflows = map[string]struct {
	subs, flags []string
	perms       map[string]string
}{
	"plan.yml": {[]string{"validate", "plan"}, []string{"--base", "--scope", "--github-comment", "--github-status", "--out"},
		map[string]string{"pull-requests": "write", "statuses": "write"}},
	"apply.yml": {[]string{"validate", "apply", "apply"}, []string{"--auto-approve", "--expect-plan", "--github-reviewed-plan"},
		map[string]string{"pull-requests": "write"}},
	"drift.yml": {[]string{"plan"}, []string{"--ref", "--detailed-exitcode", "--github-drift-issue"},
		map[string]string{"issues": "write"}},
}

// exampleWorkflowFiles lists the example workflows, failing the test when
// there are none.
func exampleWorkflowFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(workflowsDir, "*.yml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no workflows in %s (%v)", workflowsDir, err)
	}
	return files
}

// eachFile calls f with the base name and content of every path.
func eachFile(t *testing.T, paths []string, f func(name string, data []byte)) {
	t.Helper()
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f(filepath.Base(path), data)
	}
}

func TestExampleWorkflows(t *testing.T) {
	root := newRootCmd(&env{getenv: func(string) string { return "" }})
	files, err := filepath.Glob(filepath.Join(workflowsDir, "*.yml"))
	if err != nil || len(files) != len(exampleWorkflows) {
		t.Fatalf("workflows %q (%v); this test knows %d", files, err, len(exampleWorkflows))
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			want, ok := exampleWorkflows[name]
			if !ok {
				t.Fatalf("unknown workflow %s: add it to exampleWorkflows", name)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			invs, problems := checkWorkflow(root, data)
			for _, p := range problems {
				t.Error(p)
			}
			var subs, words []string
			for _, inv := range invs {
				subs = append(subs, inv.args[0])
				words = append(words, inv.args...)
				for perm, access := range want.perms {
					if inv.perms[perm] != access {
						t.Errorf("job %s: permissions: %s is %q, want %q", inv.job, perm, inv.perms[perm], access)
					}
				}
			}
			if !slices.Equal(subs, want.subs) {
				t.Errorf("hexform subcommands %q, want %q", subs, want.subs)
			}
			for _, f := range want.flags {
				if !slices.Contains(words, f) {
					t.Errorf("no hexform command passes %s: %q", f, words)
				}
			}
			var wf workflow
			if err := yaml.Unmarshal(data, &wf); err != nil {
				t.Fatal(err)
			}
			// GitHub runs `shell: bash` as bash -eo pipefail, so a failing hexform
			// piped into tee still fails its step.
			var defaults struct {
				Defaults struct{ Run struct{ Shell string } }
			}
			if err := yaml.Unmarshal(data, &defaults); err != nil || defaults.Defaults.Run.Shell != "bash" {
				t.Errorf("defaults.run.shell is %q, want bash (pipefail)", defaults.Defaults.Run.Shell)
			}
			if group, cancels := concurrencyGroup(&wf.Concurrency); name == "apply.yml" && (group == "" || cancels) {
				t.Errorf("apply.yml: concurrency group %q, cancel-in-progress %v; want a group that never cancels a running apply", group, cancels)
			}
		})
	}
}

// TestCheckWorkflowFindsProblems proves the checks above can fail.
func TestCheckWorkflowFindsProblems(t *testing.T) {
	root := newRootCmd(&env{getenv: func(string) string { return "" }})
	const head = "on: pull_request\npermissions:\n  pull-requests: write\n  statuses: write\njobs:\n  plan:\n    steps:\n"
	tests := []struct {
		name, steps string
		want        []string
	}{
		{"fine", `      - run: hexform plan -f ws.yaml --no-color -o markdown --detailed-exitcode`, nil},
		{"unknown flag", `      - run: hexform plan --colour`, []string{"hexform plan has no flag --colour"}},
		{"unknown shorthand", `      - run: hexform plan -x`, []string{"hexform plan has no flag -x"}},
		{"flag of another subcommand", `      - run: hexform validate --auto-approve`, []string{"hexform validate has no flag --auto-approve"}},
		{"unknown subcommand", `      - run: hexform deploy`, []string{`unknown subcommand "deploy"`}},
		{"continuation line", "      - run: |\n          hexform plan -f ws.yaml \\\n            --no-such-flag", []string{"has no flag --no-such-flag"}},
		{"array", "      - run: |\n          args=(--no-color)\n          if true; then\n            args+=(--expect-plan \"$H\")\n          fi\n          hexform plan \"${args[@]}\"",
			[]string{"hexform plan has no flag --expect-plan"}},
		{"flag value is not a flag", `      - run: hexform plan --target --detailed-exitcode`, nil},
		{"after a pipe", `      - run: cat x | hexform plan --bogus=1 | tee out`, []string{"has no flag --bogus"}},
		{"comment", `      - run: hexform plan  # --bogus`, nil},
		{"no token", `      - run: hexform plan --github-comment`, []string{"--github-comment needs GITHUB_TOKEN"}},
		{"no permission", "      - env: {GITHUB_TOKEN: \"${{ secrets.GITHUB_TOKEN }}\"}\n        run: hexform plan --github-drift-issue",
			[]string{"--github-drift-issue needs `permissions: issues: write`"}},
		{"job permissions replace the workflow's", "      - run: echo\n  drift:\n    permissions: {issues: write}\n    env: {GITHUB_TOKEN: \"${{ github.token }}\"}\n    steps:\n      - run: hexform plan --github-status --github-drift-issue",
			[]string{"--github-status needs `permissions: statuses: write`"}},
		{"action", "      - uses: hexform/hexform@v1\n        with: {command: plan, args: \"-o markdown\\n--github-comment --bogus\"}",
			[]string{"hexform plan has no flag --bogus"}},
		{"action without a token", "      - uses: hexform/hexform@v1\n        with: {command: plan, github-token: '', args: --github-status}",
			[]string{"--github-status needs GITHUB_TOKEN"}},
		{"action, unknown command", "      - uses: hexform/hexform@v1\n        with: {command: deploy}", []string{`unknown subcommand "deploy"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			invs, problems := checkWorkflow(root, []byte(head+tt.steps+"\n"))
			if len(invs) == 0 {
				t.Fatalf("no hexform command found in:\n%s", tt.steps)
			}
			if len(problems) != len(tt.want) {
				t.Fatalf("problems %q, want %q", problems, tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(problems[i], w) {
					t.Errorf("problem %q lacks %q", problems[i], w)
				}
			}
		})
	}
}

package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// actionsWorkflow is what the Actions-level checks below read of a workflow.
type actionsWorkflow struct {
	On   yaml.Node `yaml:"on"`
	Jobs map[string]struct {
		Steps []struct {
			Uses string
			With map[string]string
		}
	}
}

// repoEventExpr is an expression reading the event's repository details.
var repoEventExpr = regexp.MustCompile(`\$\{\{([^}]*github\.event\.repository\.[^}]*)\}\}`)

// checkActionsUse finds what would break a copied workflow in GitHub
// Actions itself, whatever hexform does: an artifact under a hidden
// directory that upload-artifact (v4.4 on) silently skips, and event
// repository details read in a scheduled run, whose event has none.
func checkActionsUse(data []byte) []string {
	var wf actionsWorkflow
	if err := yaml.Unmarshal(data, &wf); err != nil {
		return []string{"not YAML: " + err.Error()}
	}
	var problems []string
	for job, j := range wf.Jobs {
		for _, st := range j.Steps {
			if !strings.HasPrefix(st.Uses, "actions/upload-artifact@") {
				continue
			}
			for _, p := range strings.Split(st.With["path"], "\n") {
				hidden := strings.HasPrefix(p, ".") || strings.Contains(p, "/.")
				if hidden && st.With["include-hidden-files"] != "true" {
					problems = append(problems, "job "+job+": artifact path "+p+" is hidden: upload-artifact skips it without include-hidden-files: true")
				}
			}
		}
	}
	var on struct{ Schedule yaml.Node }
	if wf.On.Kind == yaml.MappingNode && wf.On.Decode(&on) == nil && !on.Schedule.IsZero() {
		for _, m := range repoEventExpr.FindAllStringSubmatch(string(data), -1) {
			if !strings.Contains(m[1], "||") {
				problems = append(problems, "${{"+m[1]+"}} is empty in a scheduled run: add a fallback with ||")
			}
		}
	}
	return problems
}

func TestExampleWorkflowsWorkInActions(t *testing.T) {
	eachFile(t, exampleWorkflowFiles(t), func(name string, data []byte) {
		for _, p := range checkActionsUse(data) {
			t.Errorf("%s: %s", name, p)
		}
	})
}

// TestCheckActionsUseFindsProblems proves the checks above can fail.
func TestCheckActionsUseFindsProblems(t *testing.T) {
	const upload = "jobs:\n  a:\n    steps:\n      - uses: actions/upload-artifact@v4\n        with:\n          path: %s\n"
	tests := []struct{ name, doc, want string }{
		{"hidden artifact", "on: push\n" + strings.Replace(upload, "%s", ".hexform/journal.jsonl", 1), "is hidden"},
		{"hidden artifact allowed", "on: push\n" + strings.Replace(upload, "%s", ".hexform/journal.jsonl\n          include-hidden-files: true", 1), ""},
		{"plain artifact", "on: push\n" + strings.Replace(upload, "%s", "hexform-plan.json", 1), ""},
		{"schedule without fallback", "on:\n  schedule: [{cron: '1 2 * * *'}]\nenv:\n  B: ${{ github.event.repository.default_branch }}\njobs: {}\n", "empty in a scheduled run"},
		{"schedule with fallback", "on:\n  schedule: [{cron: '1 2 * * *'}]\nenv:\n  B: ${{ github.event.repository.default_branch || github.ref_name }}\njobs: {}\n", ""},
		{"push only", "on:\n  push: {}\nenv:\n  B: ${{ github.event.repository.default_branch }}\njobs: {}\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(checkActionsUse([]byte(tt.doc)), "\n")
			if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("problems %q, want one containing %q", got, tt.want)
			}
		})
	}
}

// actionDefaultToken is the github-token input's default in action.yml.
const actionDefaultToken = "${{ github.token }}"

// actionCommand is the hexform command line a step using the hexform action
// runs: the command, -f FILE (workspace.yaml unless the file input says
// otherwise), --target when given, then the args input split into words as
// action.yml splits it, on spaces and new lines with no quoting.
func actionCommand(uses string, with map[string]string) ([]string, bool) {
	if !strings.HasPrefix(uses, "hexform/hexform@") && uses != "./" {
		return nil, false
	}
	args := []string{with["command"]}
	file, ok := with["file"]
	if !ok {
		file = "workspace.yaml"
	}
	if file != "" {
		args = append(args, "-f", file)
	}
	if t := with["target"]; t != "" {
		args = append(args, "--target", t)
	}
	return append(args, strings.Fields(with["args"])...), true
}

// actionToken is the GITHUB_TOKEN the hexform action gives hexform.
func actionToken(with map[string]string) string {
	if t, ok := with["github-token"]; ok {
		return t
	}
	return actionDefaultToken
}

// actionInputs reads action.yml's inputs: name to default.
func actionInputs(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		Inputs map[string]struct{ Default string }
		Runs   struct{ Using string }
	}
	if err := yaml.Unmarshal(data, &meta); err != nil {
		t.Fatal(err)
	}
	if meta.Runs.Using != "composite" {
		t.Fatalf("action.yml runs.using is %q, want composite", meta.Runs.Using)
	}
	out := map[string]string{}
	for k, v := range meta.Inputs {
		out[k] = v.Default
	}
	return out
}

// TestWorkflowsUseActionInputs: every with: key a workflow gives the
// hexform action is one of its inputs, and the defaults the checks above
// assume are action.yml's.
func TestWorkflowsUseActionInputs(t *testing.T) {
	inputs := actionInputs(t)
	if inputs["github-token"] != actionDefaultToken || inputs["file"] != "workspace.yaml" {
		t.Errorf("action.yml defaults github-token %q, file %q; the workflow checks assume %q and workspace.yaml",
			inputs["github-token"], inputs["file"], actionDefaultToken)
	}
	files, _ := filepath.Glob(filepath.Join(workflowsDir, "*.yml"))
	uses := 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var wf actionsWorkflow
		if err := yaml.Unmarshal(data, &wf); err != nil {
			t.Fatal(err)
		}
		for job, j := range wf.Jobs {
			for _, st := range j.Steps {
				if _, ok := actionCommand(st.Uses, st.With); !ok {
					continue
				}
				uses++
				for k := range st.With {
					if _, ok := inputs[k]; !ok {
						t.Errorf("%s: job %s: the hexform action has no input %q", filepath.Base(path), job, k)
					}
				}
			}
		}
	}
	if uses == 0 {
		t.Error("no workflow uses the hexform action")
	}
}

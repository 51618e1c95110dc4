package view

import (
	"bytes"
	goldenfile "github.com/hexform/hexform/internal/golden"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hexform/hexform/reconcile"
)

// golden compares got with the golden file, or rewrites it under -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	goldenfile.Check(t, "./internal/view", path, got)
}

// planDir holds the plan files of the rendering cases, the engine's own
// golden files: rich (every kind and most rules), review (blocked, manual
// and unverifiable changes and a warning), empty and create.
const planDir = "../../reconcile/testdata/render"

// caseDir holds the end-to-end cases, each with its golden plan.json,
// plan.txt and plan.md.
const caseDir = "../../testdata"

// savedPlan reads the plan file at path.
func savedPlan(t *testing.T, path string) *reconcile.Plan {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := reconcile.ReadPlanJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return p
}

// renderCase is the plan of the rendering case name.
func renderCase(t *testing.T, name string) *reconcile.Plan {
	t.Helper()
	return savedPlan(t, filepath.Join(planDir, name, "plan.json"))
}

// reviewPlan is the plan of the review case.
func reviewPlan(t *testing.T) *reconcile.Plan { return renderCase(t, "review") }

func renderings(t *testing.T, p *reconcile.Plan) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	var b bytes.Buffer
	if err := PlanText(&b, p, Options{}); err != nil {
		t.Fatal(err)
	}
	out["plan.txt"] = bytes.Clone(b.Bytes())
	b.Reset()
	if err := PlanMarkdown(&b, p, Options{}); err != nil {
		t.Fatal(err)
	}
	out["plan.md"] = bytes.Clone(b.Bytes())
	return out
}

func TestRenderGolden(t *testing.T) {
	for _, name := range []string{"rich", "review", "empty", "create", "unreadable"} {
		t.Run(name, func(t *testing.T) {
			for file, got := range renderings(t, renderCase(t, name)) {
				golden(t, filepath.Join("testdata", "render", name, file), got)
			}
		})
	}
	var b bytes.Buffer
	if err := PlanText(&b, reviewPlan(t), Options{Color: true}); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "render", "review", "plan.color.txt"), b.Bytes())
}

// TestGoldenCases renders the end-to-end cases' plans, which the engine's
// golden tests hold to what the workspace file and current state give.
func TestGoldenCases(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(caseDir, "*", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 5 {
		t.Fatalf("found %d cases under %s, want at least 5", len(dirs), caseDir)
	}
	for _, path := range dirs {
		dir := filepath.Dir(path)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			for file, got := range renderings(t, savedPlan(t, path)) {
				golden(t, filepath.Join(dir, file), got)
			}
		})
	}
}

func TestRenderTextShape(t *testing.T) {
	out := string(renderings(t, reviewPlan(t))["plan.txt"])
	if strings.Contains(out, "\x1b[") {
		t.Error("colour without Options.Color")
	}
	blocked := strings.Index(out, "Blocked:")
	users := strings.Index(out, "\nUsers\n")
	if blocked < 0 || users < 0 || blocked > users {
		t.Errorf("blocked changes must come first:\n%s", out)
	}
	if !strings.HasSuffix(out, "Plan: 3 to create, 6 to update, 5 to delete, 4 blocked, 3 manual, 3 unverifiable.\n") {
		t.Errorf("summary line wrong:\n%s", out)
	}
	for _, want := range []string{"Unmanaged (not in the workspace file, left as they are): packages", "Do in Settings", "[ ] update user/bob@acme.com: name \"Bob\" -> \"Bob B\"; role \"viewer\" -> \"editor\""} {
		if !strings.Contains(out, want) {
			t.Errorf("text plan lacks %q:\n%s", want, out)
		}
	}
	var b bytes.Buffer
	empty := &reconcile.Plan{Workspace: "acme"}
	if err := PlanText(&b, empty, Options{Color: true}); err != nil || b.String() != "No changes. Workspace acme matches workspace.yaml.\n" {
		t.Errorf("empty plan = %q, %v", b.String(), err)
	}
}

// TestRenderShowsSecretReferences: a secret field shows where its value
// comes from (a plan never holds the value itself), and both references
// when it is to come from another one.
func TestRenderShowsSecretReferences(t *testing.T) {
	p := renderCase(t, "create")
	r := renderings(t, p)
	for file, want := range map[string]string{"plan.txt": "secrets.password: env:PG_PASS (sensitive)", "plan.md": "secrets.password: `env:PG_PASS` (sensitive)"} {
		if !bytes.Contains(r[file], []byte(want)) {
			t.Errorf("%s does not show %q:\n%s", file, want, r[file])
		}
	}
	f := reconcile.Field{Path: "secrets.password", Before: "env:A", After: "file:b.txt", Sensitive: true}
	if got, want := sensitiveValue(f), "env:A -> file:b.txt (sensitive)"; got != want {
		t.Errorf("changed reference = %q, want %q", got, want)
	}
	f.Before = reconcile.SecretSet
	if got, want := sensitiveWith(f, MarkdownCode), "(set) -> `file:b.txt` (sensitive)"; got != want {
		t.Errorf("value sent again = %q, want %q", got, want)
	}
}

var cutNoteRE = regexp.MustCompile(`(\d+) of (\d+) changes are not shown\. The full plan is in the job log\._\n$`)

func TestRenderMarkdownMaxBytes(t *testing.T) {
	p := reviewPlan(t)
	full := string(renderings(t, p)["plan.md"])
	entries := regexp.MustCompile("(?m)^- `[-+~>] ")
	for _, max := range []int{1, 40, 100, 300, 600, 1000, 1500, 2000, 3000, len(full) - 1, len(full), len(full) + 10} {
		var b bytes.Buffer
		if err := PlanMarkdown(&b, p, Options{MaxBytes: max}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if len(out) > max {
			t.Errorf("MaxBytes %d: %d bytes", max, len(out))
		}
		if max >= len(full) {
			if out != full {
				t.Errorf("MaxBytes %d: output differs from the unlimited one", max)
			}
			continue
		}
		m := cutNoteRE.FindStringSubmatch(out)
		if m == nil {
			if max >= 200 {
				t.Errorf("MaxBytes %d: no cut note:\n%s", max, out)
			}
			continue
		}
		left, _ := strconv.Atoi(m[1])
		if total, _ := strconv.Atoi(m[2]); total != len(p.Changes) {
			t.Errorf("MaxBytes %d: total %d, want %d", max, total, len(p.Changes))
		}
		if shown := len(entries.FindAllString(out, -1)); shown+left != len(p.Changes) {
			t.Errorf("MaxBytes %d: %d shown + %d left out != %d", max, shown, left, len(p.Changes))
		}
		if strings.Count(out, "<details>") != strings.Count(out, "</details>") {
			t.Errorf("MaxBytes %d: unbalanced <details>", max)
		}
	}
}

func TestMarkdownMultilineAsDiff(t *testing.T) {
	p := renderCase(t, "rich")
	var b bytes.Buffer
	if err := PlanMarkdown(&b, p, Options{}); err != nil {
		t.Fatal(err)
	}
	want := "  - install:\n\n    ```diff\n     pip install -e .\n    +make setup\n    ```\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("install not shown as a diff block:\n%s", b.String())
	}
}

func TestMdCode(t *testing.T) {
	for in, want := range map[string]string{"a": "`a`", "a`b": "``a`b``", "`x": "`` `x ``", "a\nb": "`a\\nb`", "<!-- x": "`<" + zwj + "!-- x`"} {
		if got := MarkdownCode(in); got != want {
			t.Errorf("MarkdownCode(%q) = %q, want %q", in, got, want)
		}
	}
}

package reconcile

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with the golden file, or rewrites it under -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reconcile -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got; go test ./reconcile -update rewrites it):\n%s", path, diff)
	}
}

// reviewPlan is the rich plan as the safety policy and a limited target
// would leave it: blocked changes, warnings, manual and unverifiable ones.
func reviewPlan() *Plan {
	caps := AllCapabilities()
	caps.Write[KindUser] = map[Action]bool{ActionDeactivate: true}
	have := richHave()
	have.Unreadable = []Kind{KindStatus}
	w := richWant()
	w.Packages = nil
	w.Tags.Categories = nil
	p := Diff(w, have, Options{Target: "https://app.hex.tech", Capabilities: &caps})
	for i := range p.Changes {
		c := &p.Changes[i]
		if c.IsDestructive() && c.Kind != KindStatus {
			reason := "needs confirmation; add under confirm:\n  - " + c.ID
			c.Blocked = &reason
		}
	}
	p.Warnings = []string{`confirm entry "delete group/Olde team" matches no change (already done or misspelt); did you mean "delete group/Old team"?`}
	p.Summarize()
	return p
}

func renderings(t *testing.T, p *Plan) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	var b bytes.Buffer
	if err := RenderText(&b, p, RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	out["plan.txt"] = bytes.Clone(b.Bytes())
	b.Reset()
	if err := RenderJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	out["plan.json"] = bytes.Clone(b.Bytes())
	b.Reset()
	if err := RenderMarkdown(&b, p, RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	out["plan.md"] = bytes.Clone(b.Bytes())
	return out
}

func TestRenderGolden(t *testing.T) {
	cases := map[string]*Plan{
		"rich":   Diff(richWant(), richHave(), Options{Target: "file:.hexform/state.json"}),
		"review": reviewPlan(),
		"empty":  Diff(&schema.Workspace{Workspace: "acme"}, richHave(), Options{Target: "file:state.json"}),
		"create": Diff(richWant(), &Snapshot{}, Options{Target: "file:state.json"}),
	}
	for name, p := range cases {
		t.Run(name, func(t *testing.T) {
			for file, got := range renderings(t, p) {
				golden(t, filepath.Join("testdata", "render", name, file), got)
			}
		})
	}
	var b bytes.Buffer
	if err := RenderText(&b, reviewPlan(), RenderOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "render", "review", "plan.color.txt"), b.Bytes())
}

func TestRenderTextShape(t *testing.T) {
	out := string(renderings(t, reviewPlan())["plan.txt"])
	if strings.Contains(out, "\x1b[") {
		t.Error("colour without RenderOptions.Color")
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
	empty := &Plan{Workspace: "acme"}
	if err := RenderText(&b, empty, RenderOptions{Color: true}); err != nil || b.String() != "No changes. Workspace acme matches workspace.yaml.\n" {
		t.Errorf("empty plan = %q, %v", b.String(), err)
	}
}

// TestRenderShowsSecretReferences: a secret field shows where its value
// comes from (a plan never holds the value itself), and both references
// when it is to come from another one.
func TestRenderShowsSecretReferences(t *testing.T) {
	p := Diff(richWant(), &Snapshot{}, Options{})
	r := renderings(t, p)
	for file, want := range map[string]string{"plan.txt": "secrets.password: env:PG_PASS (sensitive)", "plan.md": "secrets.password: `env:PG_PASS` (sensitive)"} {
		if !bytes.Contains(r[file], []byte(want)) {
			t.Errorf("%s does not show %q:\n%s", file, want, r[file])
		}
	}
	f := Field{Path: "secrets.password", Before: "env:A", After: "file:b.txt", Sensitive: true}
	if got, want := sensitiveValue(f), "env:A -> file:b.txt (sensitive)"; got != want {
		t.Errorf("changed reference = %q, want %q", got, want)
	}
	f.Before = secretSet
	if got, want := sensitiveWith(f, MarkdownCode), "(set) -> `file:b.txt` (sensitive)"; got != want {
		t.Errorf("value sent again = %q, want %q", got, want)
	}
}

var cutNoteRE = regexp.MustCompile(`(\d+) of (\d+) changes are not shown\. The full plan is in the job log\._\n$`)

func TestRenderMarkdownMaxBytes(t *testing.T) {
	p := reviewPlan()
	full := string(renderings(t, p)["plan.md"])
	entries := regexp.MustCompile("(?m)^- `[-+~>] ")
	for _, max := range []int{1, 40, 100, 300, 600, 1000, 1500, 2000, 3000, len(full) - 1, len(full), len(full) + 10} {
		var b bytes.Buffer
		if err := RenderMarkdown(&b, p, RenderOptions{MaxBytes: max}); err != nil {
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
	p := Diff(richWant(), richHave(), Options{})
	var b bytes.Buffer
	if err := RenderMarkdown(&b, p, RenderOptions{}); err != nil {
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

func TestReadPlanJSON(t *testing.T) {
	p := Diff(richWant(), richHave(), Options{Target: "t"})
	r := renderings(t, p)
	got, err := ReadPlanJSON(bytes.NewReader(r["plan.json"]))
	if err != nil {
		t.Fatal(err)
	}
	p.PlanHash = p.Hash()
	if diff := cmp.Diff(p, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	bad := map[string]string{
		"future version": `{"format_version": 3, "changes": []}`,
		"old version":    `{"format_version": 1, "changes": []}`,
		"no version":     `{"changes": []}`,
		"unknown key":    `{"format_version": 2, "changes": [], "surprise": true}`,
		"trailing data":  `{"format_version": 2, "changes": []} {}`,
		"no policy":      `{"format_version": 2, "changes": [], "policy": null}`,
		"no hash":        `{"format_version": 2, "changes": [], "policy": {"confirm": []}}`,
		"not json":       `plan`,
	}
	for name, in := range bad {
		if _, err := ReadPlanJSON(strings.NewReader(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	_, err = ReadPlanJSON(strings.NewReader(`{"format_version": 1}`))
	var fe *PlanFormatError
	if !errors.As(err, &fe) || fe.Version != 1 {
		t.Errorf("error %v is not a *PlanFormatError for version 1", err)
	}
}

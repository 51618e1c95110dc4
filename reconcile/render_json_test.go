package reconcile

import (
	"bytes"
	"errors"
	goldenfile "github.com/hexform/hexform/internal/golden"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/schema"
)

// golden compares got with the golden file, or rewrites it under -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	goldenfile.Check(t, "./reconcile", path, got)
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

// renderings are the engine's own renderings of p: the plan file (the text
// and Markdown views are the view package's).
func renderings(t *testing.T, p *Plan) map[string][]byte {
	t.Helper()
	var b bytes.Buffer
	if err := RenderJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{"plan.json": b.Bytes()}
}

// TestRenderGolden: the plan files of the rendering cases, which the view
// package's golden tests read back and render.
func TestRenderGolden(t *testing.T) {
	cases := map[string]*Plan{
		"rich":   Diff(richWant(), richHave(), Options{Target: "file:.hexform/state.json"}),
		"review": reviewPlan(),
		"empty":  Diff(&schema.Workspace{Workspace: "acme"}, richHave(), Options{Target: "file:state.json"}),
		"create": Diff(richWant(), &Snapshot{}, Options{Target: "file:state.json"}),
		// A target that cannot read connections: the access review says so.
		"unreadable": Diff(richWant(), unreadableHave(), Options{Target: "file:state.json"}),
	}
	for name, p := range cases {
		t.Run(name, func(t *testing.T) {
			for file, got := range renderings(t, p) {
				golden(t, filepath.Join("testdata", "render", name, file), got)
			}
		})
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

func unreadableHave() *Snapshot {
	s := richHave()
	s.Connections, s.Unreadable = nil, []Kind{KindConnection}
	return s
}

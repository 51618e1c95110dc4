package reconcile

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/hexform/hexform/schema"
)

// caseDir holds the end-to-end cases: <case>/workspace.yaml and current.json,
// with the golden plan.txt, plan.json and plan.md.
const caseDir = "../testdata"

// loadCase reads a case's desired workspace and current state (a missing
// current.json is an empty workspace).
func loadCase(t *testing.T, dir string) (*schema.Workspace, *Snapshot) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "workspace.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ws, diags := schema.Parse("workspace.yaml", data)
	if diags.HasErrors() {
		t.Fatalf("%s: %v", dir, diags.Err())
	}
	snap := &Snapshot{}
	cur, err := os.ReadFile(filepath.Join(dir, "current.json"))
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		t.Fatal(err)
	default:
		dec := json.NewDecoder(bytes.NewReader(cur))
		dec.DisallowUnknownFields()
		if err := dec.Decode(snap); err != nil {
			t.Fatalf("%s/current.json: %v", dir, err)
		}
	}
	return ws, snap
}

func caseDirs(t *testing.T) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(caseDir, "*", "workspace.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 5 {
		t.Fatalf("found %d cases under %s, want at least 5", len(dirs), caseDir)
	}
	for i, d := range dirs {
		dirs[i] = filepath.Dir(d)
	}
	return dirs
}

func TestGoldenCases(t *testing.T) {
	for _, dir := range caseDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			ws, snap := loadCase(t, dir)
			p := Diff(ws, snap, Options{Target: "file:current.json"})
			// A plan that breaks an invariant records the error in invariants.txt.
			if err := Check(p, ws, snap, Policy{Confirm: ws.Confirm, Settings: ws.Settings}); err != nil {
				golden(t, filepath.Join(dir, "invariants.txt"), []byte(err.Error()+"\n"))
			} else if _, err := os.Stat(filepath.Join(dir, "invariants.txt")); err == nil {
				t.Errorf("%s/invariants.txt exists but the plan breaks no invariant", dir)
			}
			for file, got := range renderings(t, p) {
				golden(t, filepath.Join(dir, file), got)
			}
			// The JSON form reads back as the same plan.
			back, err := ReadPlanJSON(bytes.NewReader(renderings(t, p)["plan.json"]))
			if err != nil {
				t.Fatal(err)
			}
			var a, b bytes.Buffer
			if err := RenderJSON(&a, p); err != nil {
				t.Fatal(err)
			}
			if err := RenderJSON(&b, back); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("plan.json does not read back to the same plan")
			}
		})
	}
}

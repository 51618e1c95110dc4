package reconcile

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A state prepared ahead of the workspace file plans exactly as Diff does,
// and leaves the state it was made from as it was.
func TestDiffPreparedMatchesDiff(t *testing.T) {
	for _, dir := range caseDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			ws, snap := loadCase(t, dir)
			orig := jsonCopy(t, snap) // as it is: CloneSnapshot would normalise it
			pr := Prepare(snap)
			if d := cmp.Diff(orig, snap); d != "" {
				t.Fatalf("Prepare changed the state (-before +after):\n%s", d)
			}
			opts := Options{Target: "file:current.json"}
			want, got := Diff(ws, snap, opts), DiffPrepared(ws, pr, opts)
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("DiffPrepared differs from Diff (-Diff +DiffPrepared):\n%s", d)
			}
			if d := cmp.Diff(orig, snap); d != "" {
				t.Errorf("the plans changed the state (-before +after):\n%s", d)
			}
		})
	}
}

func jsonCopy(t *testing.T, s *Snapshot) *Snapshot {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var c Snapshot
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

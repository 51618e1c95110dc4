package filetarget

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/journal"
	"github.com/hexform/hexform/internal/secrets"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// fakeSecrets resolves every reference to a value derived from its name.
func fakeSecrets() *secrets.Resolver {
	return &secrets.Resolver{
		Getenv:   func(k string) string { return "value-of-" + k },
		ReadFile: func(p string) ([]byte, error) { return []byte("content-of-" + p + "\n"), nil },
	}
}

func planFor(t *testing.T, ws *schema.Workspace, tg *Target) *reconcile.Plan {
	t.Helper()
	snap, err := tg.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return reconcile.Diff(ws, snap, reconcile.Options{Target: tg.Name(), SecretFingerprint: tg.SecretFingerprint})
}

// TestApplyThenPlanIsEmpty runs every testdata case and example through Diff, Apply (on
// the plan as computed, and as read back from a plan file) and Diff again.
func TestApplyThenPlanIsEmpty(t *testing.T) {
	cases, _ := filepath.Glob("../../testdata/*/workspace.yaml")
	examples, _ := filepath.Glob("../../examples/*/workspace.yaml")
	cases = append(cases, examples...)
	if len(cases) == 0 {
		t.Fatal("no testdata cases")
	}
	for _, wsPath := range cases {
		dir := filepath.Dir(wsPath)
		for _, viaFile := range []bool{false, true} {
			name := filepath.Base(filepath.Dir(dir)) + "/" + filepath.Base(dir)
			if viaFile {
				name += "/plan-file"
			}
			t.Run(name, func(t *testing.T) {
				ws, diags := schema.Load(wsPath)
				if diags.HasErrors() {
					t.Fatal(diags.Err())
				}
				state := filepath.Join(t.TempDir(), "state.json")
				// An empty object is how the cases write an empty workspace;
				// for the file target that is a missing state file.
				if data, err := os.ReadFile(filepath.Join(dir, "current.json")); err == nil && strings.TrimSpace(string(data)) != "{}" {
					if err := os.WriteFile(state, data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				tg := New(state, fakeSecrets())
				p := planFor(t, ws, tg)
				if viaFile {
					p = roundTrip(t, p)
				}
				j, err := journal.Open(filepath.Join(filepath.Dir(state), "journal.jsonl"))
				if err != nil {
					t.Fatal(err)
				}
				defer j.Close()
				r := reconcile.Apply(context.Background(), p, tg, fakeSecrets(), reconcile.ApplyOptions{Journal: j})
				if r.Err != nil || len(r.Applied) != len(p.Changes) {
					t.Fatalf("apply: %d of %d applied: %v", len(r.Applied), len(p.Changes), r.Err)
				}
				again := planFor(t, ws, tg)
				for _, c := range again.Changes {
					t.Errorf("left after apply: %s %+v", c.ID, c.Fields)
				}
				data, _ := os.ReadFile(state)
				if strings.Contains(string(data), "value-of-") || strings.Contains(string(data), "content-of-") {
					t.Error("a secret value reached the state file")
				}
			})
		}
	}
}

func roundTrip(t *testing.T, p *reconcile.Plan) *reconcile.Plan {
	t.Helper()
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var out reconcile.Plan
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}

// TestPartialFailureJournalAndStateAgree applies a plan with a failing
// change: the state holds exactly the applied changes and the journal says
// so. The changes go in one batch, written once: each is journaled as
// started before it is staged, a failure as soon as it is known, and the
// applied ones only after the write.
func TestPartialFailureJournalAndStateAgree(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "state.json")
	tg := New(state, nil)
	p := &reconcile.Plan{Changes: []reconcile.Change{
		chg(C, reconcile.KindGroup, "A"),
		chg(U, reconcile.KindGroup, "Missing", fld("members", nil, []string{"a@b.c"})),
		chg(C, reconcile.KindStatus, "WIP"),
	}}
	dependent := chg(U, reconcile.KindStatus, "WIP", fld("endorsed", false, true))
	dependent.DependsOn = []string{"update group/Missing"}
	p.Changes = append(p.Changes, dependent)

	j, err := journal.Open(filepath.Join(dir, "journal.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	r := reconcile.Apply(context.Background(), p, tg, nil, reconcile.ApplyOptions{Journal: j})
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	if r.ExitCode() != 1 || len(r.Applied) != 2 || len(r.Failed) != 1 || len(r.Skipped) != 1 {
		t.Fatalf("result %+v", r)
	}
	if !strings.Contains(r.Err.Error(), "update group/Missing: group/Missing not found in the state") {
		t.Errorf("Err = %v", r.Err)
	}
	s, _ := tg.Snapshot(context.Background())
	if s.Revision != 1 || len(s.Groups) != 1 || len(s.Statuses) != 1 || s.Statuses[0].Endorsed {
		t.Errorf("state after partial apply: %+v", s)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "journal.jsonl"))
	var results []string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var e reconcile.JournalEntry
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatal(err)
		}
		if e.Target != tg.Name() {
			t.Errorf("journal target = %q", e.Target)
		}
		results = append(results, e.Change+"="+e.Result)
	}
	want := "create group/A=started update group/Missing=started update group/Missing=failed " +
		"create status/WIP=started update status/WIP=skipped create group/A=applied create status/WIP=applied"
	if got := strings.Join(results, " "); got != want {
		t.Errorf("journal:\n%s\nwant\n%s", got, want)
	}
}

package operation

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hexform/hexform/internal/filetarget"
	"github.com/hexform/hexform/internal/redact"
	"github.com/hexform/hexform/internal/secrets"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// rig is a workspace file and a file target's state in a temp dir.
type rig struct {
	t     *testing.T
	dir   string
	file  string // workspace.yaml
	state string // .hexform/state.json
	rep   *recorder
	opens int // how often open was called
}

func newRig(t *testing.T, workspace string) *rig {
	t.Helper()
	dir := t.TempDir()
	r := &rig{t: t, dir: dir, file: filepath.Join(dir, "workspace.yaml"),
		state: filepath.Join(dir, ".hexform", "state.json"), rep: &recorder{}}
	r.write(workspace)
	return r
}

// write replaces the workspace file.
func (r *rig) write(workspace string) {
	r.t.Helper()
	if err := os.WriteFile(r.file, []byte(workspace), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *rig) resolver(file string, settings *schema.SecretSettings) reconcile.SecretResolver {
	return &secrets.Resolver{Getenv: func(k string) string { return "value-of-" + k }, ReadFile: os.ReadFile,
		Dir: filepath.Dir(file), Settings: settings, Redact: &redact.Set{}}
}

// open opens file targets as the CLI does.
func (r *rig) open(_ context.Context, spec, workspaceFile string) (*Target, error) {
	r.opens++
	ft := filetarget.New(strings.TrimPrefix(spec, "file:"), r.resolver(workspaceFile, nil))
	return &Target{Target: ft, Fingerprint: ft.SecretFingerprint, Lock: ft.Lock, Local: true,
		Notes: ft.Notes, Missing: ft.Missing, Lineage: ft.Lineage}, nil
}

func (r *rig) planRequest() PlanRequest {
	return PlanRequest{Source: Source{File: r.file}, Open: r.open, Reporter: r.rep}
}

// applyFile is a request to apply the workspace file.
func (r *rig) applyFile() ApplyRequest {
	return ApplyRequest{PlanRequest: r.planRequest(), Resolver: r.resolver}
}

// applySaved is a request to apply the plan saved at path.
func (r *rig) applySaved(path string) ApplyRequest {
	return ApplyRequest{PlanRequest: PlanRequest{Target: "file:" + r.state, Open: r.open, Reporter: r.rep},
		PlanFile: path, Resolver: r.resolver}
}

// save plans the workspace file and saves the plan as plan --out does.
func (r *rig) save() (string, *reconcile.Plan) {
	r.t.Helper()
	res, err := Plan(context.Background(), r.planRequest())
	if err != nil {
		r.t.Fatal(err)
	}
	path := filepath.Join(r.dir, "plan.json")
	if err := SavePlan(path, res.Plan); err != nil {
		r.t.Fatal(err)
	}
	return path, res.Plan
}

// groups are the group names in the state file.
func (r *rig) groups() []string {
	r.t.Helper()
	s, err := filetarget.New(r.state, nil).Snapshot(context.Background())
	if err != nil {
		r.t.Fatal(err)
	}
	var names []string
	for _, g := range s.Groups {
		names = append(names, g.Name)
	}
	return names
}

// journal is the journal next to the workspace file ("" when absent).
func (r *rig) journal() string {
	data, _ := os.ReadFile(filepath.Join(r.dir, ".hexform", "journal.jsonl"))
	return string(data)
}

// recorder is a Reporter that keeps what it was told.
type recorder struct {
	mu       sync.Mutex
	diags    []string
	planned  int
	nothing  int
	progress []string
}

func (r *recorder) Diagnostics(ds schema.Diagnostics) {
	for _, d := range ds {
		r.diags = append(r.diags, d.String())
	}
}

func (r *recorder) Planned(*reconcile.Plan) error { r.planned++; return nil }

func (r *recorder) NothingToApply(*reconcile.Plan) { r.nothing++ }

func (r *recorder) Progress(c reconcile.Change, result string, _ error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.progress = append(r.progress, c.ID+" "+result)
}

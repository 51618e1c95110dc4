package operation

import (
	"slices"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// commitWorkspace makes r's directory a git repository on branch main with
// the workspace file committed as it is, and returns the commit.
func (r *rig) commitWorkspace() string {
	r.t.Helper()
	repo, err := git.PlainInitWithOptions(r.dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
	})
	if err != nil {
		r.t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		r.t.Fatal(err)
	}
	if _, err := wt.Add("workspace.yaml"); err != nil {
		r.t.Fatal(err)
	}
	sig := &object.Signature{Name: "Test", Email: "t@example.com", When: time.Unix(1700000000, 0).UTC()}
	h, err := wt.Commit("workspace", &git.CommitOptions{Author: sig, Committer: sig})
	if err != nil {
		r.t.Fatal(err)
	}
	return h.String()
}

func TestPlanRecordsTheCommit(t *testing.T) {
	r := newRig(t, analysts)
	c := r.commitWorkspace()
	res, err := Plan(ctx, r.planRequest())
	if err != nil || res.Plan.Commit != c {
		t.Fatalf("commit %q, err %v; want the clean checkout's HEAD %s", res.Plan.Commit, err, c)
	}
	r.write(analystsAndFinance)
	if res, err = Plan(ctx, r.planRequest()); err != nil || res.Plan.Commit != "" {
		t.Errorf("commit %q, err %v; want none for an edited file", res.Plan.Commit, err)
	}
}

func TestPlanAtRef(t *testing.T) {
	r := newRig(t, analysts)
	c := r.commitWorkspace()
	r.write(analystsAndFinance)
	req := r.planRequest()
	req.Ref = "main"
	res, err := Plan(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if got := changeIDs(res.Plan); !slices.Equal(got, []string{"create group/Analysts"}) {
		t.Errorf("changes %v, want the committed file's", got)
	}
	if res.Plan.Source != r.file+"@main" || res.Plan.Commit != c {
		t.Errorf("source %q, commit %q", res.Plan.Source, res.Plan.Commit)
	}
}

func TestPlanBaseRecordsTheEdit(t *testing.T) {
	r := newRig(t, analysts)
	c := r.commitWorkspace()
	r.write(analystsAndFinance)
	req := r.planRequest()
	req.Base = "main"
	res, err := Plan(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if want := "main (" + c[:12] + ")"; res.Plan.Base != want {
		t.Errorf("base %q, want %q", res.Plan.Base, want)
	}
	var edit []string
	for _, ch := range res.Plan.FileChanges {
		edit = append(edit, ch.ID)
	}
	if !slices.Equal(edit, []string{"create group/Finance"}) {
		t.Errorf("file changes %v, want the edit alone", edit)
	}
	if got := changeIDs(res.Plan); len(got) != 2 {
		t.Errorf("changes %v, want both groups against the empty state", got)
	}
	req.Base = "nope"
	if _, err := Plan(ctx, req); err == nil {
		t.Error("an unknown base revision was accepted")
	}
}

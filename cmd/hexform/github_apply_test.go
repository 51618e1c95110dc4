package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-multierror"
	"github.com/hexform/hexform/internal/ghub"
	"github.com/hexform/hexform/internal/ghub/ghubtest"
	"github.com/hexform/hexform/reconcile"
)

const ghMerge = "9fceb02d0ae598e95dc970b74767f19372d61af8"

// reviewedPlan plans ws on the pull request (posting the plan comment),
// then turns the rig into the push that merged it.
func (r *ghRig) reviewedPlan(ws string) {
	r.t.Helper()
	r.mustPlan(0, ws, "--github-comment")
	r.merged()
}

// merged makes the rig's environment a push of ghMerge, the merge commit
// of pull request ghPR.
func (r *ghRig) merged() {
	r.gh.AddPull(ghubtest.Pull{Number: ghPR, State: "closed", Merged: true, HeadSHA: ghHead, MergeCommitSHA: ghMerge})
	r.environ["GITHUB_EVENT_NAME"] = "push"
	r.environ["GITHUB_SHA"] = ghMerge
	delete(r.environ, "GITHUB_EVENT_PATH")
}

// applyReviewed runs apply --github-reviewed-plan on the rig's workspace
// file (as the merge left it: ws).
func (r *ghRig) applyReviewed(ws string, args ...string) (code int, stdout, stderr string) {
	r.t.Helper()
	mustWrite(r.t, r.ws, ws)
	args = append([]string{"apply", "-f", r.ws, "--target", "file:" + r.state, "--no-color", "--auto-approve",
		"--journal", filepath.Join(filepath.Dir(r.ws), "journal.jsonl")}, args...)
	code, stdout, stderr = runCLI(r.t, r.environ, args...)
	if strings.Contains(stdout+stderr, ghubtest.Token) {
		r.t.Errorf("the GitHub token was printed:\n%s\n%s", stdout, stderr)
	}
	return code, stdout, stderr
}

func (r *ghRig) applyComment() string {
	r.t.Helper()
	tag := "<!-- hexform:" + ghub.ApplyMarker("acme", "file:"+r.state) + " -->"
	for _, c := range r.gh.Comments(ghPR) {
		if strings.HasPrefix(c.Body, tag) {
			return c.Body
		}
	}
	return ""
}

func (r *ghRig) stateHas(s string) bool {
	data, err := os.ReadFile(r.state)
	if err != nil {
		r.t.Fatal(err)
	}
	return strings.Contains(string(data), s)
}

func TestGitHubReviewedPlanApplied(t *testing.T) {
	r := newGHRig(t)
	ws := withUsers("ben@acme.example")
	r.reviewedPlan(ws)
	plan := r.gh.Comments(ghPR)[0].Body
	if !strings.Contains(plan, "\n<!-- hexform:plan-hash sha256:") {
		t.Fatalf("the plan comment records no hash:\n%s", plan)
	}
	code, stdout, stderr := r.applyReviewed(ws, "--github-reviewed-plan")
	if code != 0 || !r.stateHas("ben@acme.example") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "the plan is the one reviewed on pull request #7 (sha256:") ||
		!strings.Contains(stderr, "posted the outcome on pull request #7") {
		t.Errorf("stderr:\n%s", stderr)
	}
	body := r.applyComment()
	for _, want := range []string{"Applied the plan reviewed on this pull request", "**Apply complete: 1 applied, 0 failed",
		"<summary>Applied (1)</summary>", "- `create user/ben@acme.example`", "actions/runs/42"} {
		if !strings.Contains(body, want) {
			t.Errorf("apply comment lacks %q:\n%s", want, body)
		}
	}
	if got := r.gh.Comments(ghPR)[0].Body; got != plan {
		t.Error("the reviewed plan comment was changed")
	}
}

// TestGitHubReviewedPlanDiffers: when the plan at the merge is not the one
// reviewed (another pull request merged first, or the workspace drifted),
// nothing is applied and the new plan goes to the pull request.
func TestGitHubReviewedPlanDiffers(t *testing.T) {
	for name, change := range map[string]func(r *ghRig) string{
		"another pull request merged first": func(r *ghRig) string { return withUsers("ben@acme.example", "cy@acme.example") },
		"the workspace drifted": func(r *ghRig) string {
			mustWrite(t, r.state, strings.Replace(ghState, `"members": ["ada@acme.example"]`, `"members": []`, 1))
			return withUsers("ben@acme.example")
		},
	} {
		t.Run(name, func(t *testing.T) {
			r := newGHRig(t)
			r.reviewedPlan(withUsers("ben@acme.example"))
			ws := change(r)
			before, _ := os.ReadFile(r.state)
			code, stdout, stderr := r.applyReviewed(ws, "--github-reviewed-plan")
			if code != 1 || !strings.Contains(stderr, "not the sha256:") || !strings.Contains(stderr, "reviewed on pull request #7; nothing was applied") {
				t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
			}
			if after, _ := os.ReadFile(r.state); string(after) != string(before) {
				t.Error("the state changed: something was applied")
			}
			body := r.applyComment()
			for _, want := range []string{"## hexform applied nothing to `acme`", "is not the plan reviewed on this pull request",
				"[Reviewed plan](https://github.example/acme/hex-admin/pull/7#issuecomment-1001) hash: `sha256:", "**Plan: "} {
				if !strings.Contains(body, want) {
					t.Errorf("comment lacks %q:\n%s", want, body)
				}
			}
		})
	}
}

func TestGitHubReviewedPlanRefusals(t *testing.T) {
	ws := withUsers("ben@acme.example")
	tests := []struct {
		name  string
		setup func(r *ghRig)
		args  []string
		wants []string
	}{
		{"direct push", func(r *ghRig) {
			r.mustPlan(0, ws, "--github-comment")
			r.environ["GITHUB_EVENT_NAME"], r.environ["GITHUB_SHA"] = "push", "0000000000000000000000000000000000000001"
		}, nil, []string{"commit 000000000000 merged no pull request, so no plan was reviewed for it; nothing was applied",
			"hint: change the workspace file through a pull request", "hint: to apply deliberately, review a plan and run `hexform apply --expect-plan HASH`"}},
		{"manual run", func(r *ghRig) { r.merged(); r.environ["GITHUB_EVENT_NAME"] = "workflow_dispatch" }, nil,
			[]string{`this run is for a "workflow_dispatch" event; nothing was applied`, "--expect-plan HASH"}},
		{"with --expect-plan", func(r *ghRig) { r.merged() }, []string{"--expect-plan", "sha256:x"},
			[]string{"--github-reviewed-plan and --expect-plan both name the plan to apply"}},
		{"no plan comment", func(r *ghRig) { r.merged() }, nil,
			[]string{"pull request #7 has no hexform plan comment for this workspace and target written by github-actions[bot]; nothing was applied"}},
		{"only someone else's plan comment", func(r *ghRig) {
			// The right hash, in a comment hexform did not write.
			r.mustPlan(0, ws, "--github-comment")
			cm := r.gh.Comments(ghPR)[0]
			r.gh.AddComment(ghPR, cm.Body)
			r.gh.SetUser("hexform-ci")
			r.merged()
		}, nil, []string{"has no hexform plan comment for this workspace and target written by hexform-ci"}},
		{"plan comment of a plan that broke an invariant", func(r *ghRig) {
			r.gh.AddCommentBy(ghPR, ghubtest.ActionsBot, "<!-- hexform:"+ghub.Marker("acme", "file:"+r.state)+" -->\n> [!CAUTION]\n<!-- hexform:plan-hash sha256:"+strings.Repeat("0", 64)+" -->\n")
			r.merged()
		}, nil, []string{"records no plan hash"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newGHRig(t)
			tt.setup(r)
			code, stdout, stderr := r.applyReviewed(ws, append([]string{"--github-reviewed-plan"}, tt.args...)...)
			if code != 1 || r.stateHas("ben@acme.example") {
				t.Fatalf("exit %d, want 1 with nothing applied\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
			}
			for _, w := range tt.wants {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
		})
	}
}

// TestApplyResultMarkdown: the outcome lists what failed (with the
// server's message, escaped and bounded), what was skipped, blocked, left
// manual and applied.
func TestApplyResultMarkdown(t *testing.T) {
	for name, p := range ghubtest.Payloads {
		t.Run(name, func(t *testing.T) {
			failed := "update group/" + p
			var all *multierror.Error
			all = multierror.Append(all,
				&reconcile.ChangeError{ChangeID: failed, Result: reconcile.ResultFailed, Err: errors.New("hex: 500: " + p + strings.Repeat("x", 400))},
				&reconcile.ChangeError{ChangeID: "create group/B", Result: reconcile.ResultSkipped, Err: &reconcile.DependencyError{Dependency: failed, Result: reconcile.ResultFailed}})
			r := &reconcile.ApplyResult{Applied: []string{"create user/" + p}, Failed: []string{failed}, Skipped: []string{"create group/B"},
				Blocked: []string{"delete group/Old"}, Manual: []string{"update user/" + p}, Err: all}
			plan := &reconcile.Plan{Workspace: "acme", Target: "https://app.hex.tech", Changes: []reconcile.Change{{ID: failed}}}
			body := resultMarkdown(plan, ghub.Env{SHA: ghMerge}, "sha256:abc", r)
			for _, want := range []string{"**Apply complete: 1 applied, 1 failed, 1 skipped, 1 blocked, 1 manual, 0 not started.**",
				"### Failed", "### Skipped", "depends on", "### Blocked", "- `delete group/Old`", "### Left to do by hand", "<summary>Applied (1)</summary>"} {
				if !strings.Contains(body, want) {
					t.Errorf("lacks %q:\n%s", want, body)
				}
			}
			if strings.Contains(body, strings.Repeat("x", 300)) {
				t.Errorf("the server's message is not bounded:\n%s", body)
			}
			// "Apply complete" is this comment's summary line.
			for _, problem := range ghubtest.MarkdownForgeries(strings.ReplaceAll(body, "**Apply complete:", "**Plan: "), 1) {
				t.Errorf("%s\n%s", problem, body)
			}
		})
	}
}

// TestGitHubReviewedPlanWithBase: the plan workflow plans with --base
// (kinds the target cannot read come from the file's diff), apply after the
// merge plans without it; the hashes still agree, so the reviewed plan is
// applied.
func TestGitHubReviewedPlanWithBase(t *testing.T) {
	g := newGitRepo(t)
	r := newGHRig(t)
	r.ws, r.state = g.ws, g.state
	r.mustPlan(0, wsFeature, "--base", "main", "--github-comment")
	r.merged()
	code, stdout, stderr := r.applyReviewed(wsFeature, "--github-reviewed-plan")
	if code != 0 && code != 3 || !strings.Contains(stderr, "the plan is the one reviewed on pull request #7") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if body := r.applyComment(); !strings.Contains(body, "**Apply complete: ") {
		t.Errorf("apply comment:\n%s", body)
	}
}

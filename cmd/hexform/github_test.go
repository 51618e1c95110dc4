package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/go-multierror"
	"github.com/hexform/hexform/internal/ghub"
	"github.com/hexform/hexform/internal/ghub/ghubtest"
	"github.com/hexform/hexform/reconcile"
)

const (
	ghPR   = 7
	ghHead = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
)

// ghState is a file target with one admin and the Analysts group.
const ghState = `{
  "revision": 1,
  "users": [{"id": "u1", "email": "ada@acme.example", "role": "admin", "active": true}],
  "groups": [{"id": "g1", "name": "Analysts", "members": ["ada@acme.example"]}],
  "actor": "ada@acme.example"
}
`

// ghSettled is ghState as a workspace file: planning it changes nothing.
const ghSettled = `version: 1
workspace: acme
users:
  - {email: ada@acme.example, role: admin}
groups:
  - {name: Analysts, members: [ada@acme.example]}
`

func mustWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// run runs hexform with environ as its whole environment.
func runCLI(t *testing.T, environ map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string { return environ[k] }}
	code = runWithEnv(context.Background(), args, e)
	return code, out.String(), errb.String()
}

// ghRig runs hexform in a pull request's Actions environment against the
// fake GitHub API.
type ghRig struct {
	t       *testing.T
	gh      *ghubtest.Server
	ws      string
	state   string
	environ map[string]string
}

func newGHRig(t *testing.T) *ghRig {
	t.Helper()
	dir := t.TempDir()
	r := &ghRig{t: t, gh: ghubtest.New(t), ws: filepath.Join(dir, "workspace.yaml"), state: filepath.Join(dir, "state.json")}
	mustWrite(t, r.state, ghState)
	mustWrite(t, r.ws, ghSettled)
	event := filepath.Join(dir, "event.json")
	mustWrite(t, event, fmt.Sprintf(`{"action": "synchronize", "pull_request": {"number": %d, "head": {"sha": %q}}}`, ghPR, ghHead))
	r.environ = r.gh.Env()
	for k, v := range map[string]string{
		"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": event, "GITHUB_SHA": "merge-sha-not-head",
		"GITHUB_SERVER_URL": "https://github.example", "GITHUB_RUN_ID": "42",
	} {
		r.environ[k] = v
	}
	return r
}

// hexform runs hexform plan with the workspace file content ws and args,
// and checks the token never shows.
func (r *ghRig) plan(ws string, args ...string) (code int, stdout, stderr string) {
	r.t.Helper()
	mustWrite(r.t, r.ws, ws)
	code, stdout, stderr = runCLI(r.t, r.environ, append([]string{"plan", "-f", r.ws, "--target", "file:" + r.state, "--no-color"}, args...)...)
	if strings.Contains(stdout+stderr, ghubtest.Token) {
		r.t.Errorf("the GitHub token was printed:\n%s\n%s", stdout, stderr)
	}
	return code, stdout, stderr
}

func (r *ghRig) mustPlan(want int, ws string, args ...string) (stdout, stderr string) {
	r.t.Helper()
	code, stdout, stderr := r.plan(ws, args...)
	if code != want {
		r.t.Fatalf("plan %v: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", args, code, want, stdout, stderr)
	}
	return stdout, stderr
}

// withUsers is ghSettled with users added.
func withUsers(emails ...string) string {
	var b strings.Builder
	b.WriteString("version: 1\nworkspace: acme\nusers:\n  - {email: ada@acme.example, role: admin}\n")
	for _, e := range emails {
		fmt.Fprintf(&b, "  - {email: %s, role: editor}\n", e)
	}
	b.WriteString("groups:\n  - {name: Analysts, members: [ada@acme.example]}\n")
	return b.String()
}

func (r *ghRig) marker() string {
	return "<!-- hexform:" + ghub.Marker("acme", "file:"+r.state) + " -->"
}

func TestGitHubCommentCreatedThenUpdated(t *testing.T) {
	r := newGHRig(t)
	r.gh.AddComment(ghPR, "please plan this")

	_, stderr := r.mustPlan(0, withUsers("ben@acme.example"), "--github-comment")
	if !strings.Contains(stderr, "hexform: posted the plan comment on pull request #7: https://github.example/") {
		t.Errorf("stderr: %s", stderr)
	}
	comments := r.gh.Comments(ghPR)
	if len(comments) != 2 || !strings.HasPrefix(comments[1].Body, r.marker()) {
		t.Fatalf("comments after the first run: %+v", comments)
	}
	if b := comments[1].Body; !strings.Contains(b, "**Plan: 1 to create") || !strings.Contains(b, "create user/ben@acme.example") {
		t.Errorf("first comment: %s", b)
	}

	_, stderr = r.mustPlan(0, withUsers("ben@acme.example", "cy@acme.example"), "--github-comment")
	if !strings.Contains(stderr, "hexform: updated the plan comment on pull request #7") {
		t.Errorf("stderr: %s", stderr)
	}
	again := r.gh.Comments(ghPR)
	if len(again) != 2 || again[1].ID != comments[1].ID {
		t.Fatalf("second run: %+v; want the same comment updated", again)
	}
	if b := again[1].Body; !strings.Contains(b, "**Plan: 2 to create") || !strings.Contains(b, "create user/cy@acme.example") {
		t.Errorf("updated comment: %s", b)
	}

	r.mustPlan(0, ghSettled, "--github-comment")
	last := r.gh.Comments(ghPR)
	if len(last) != 2 || !strings.Contains(last[1].Body, "No changes. Workspace acme matches ") ||
		strings.Contains(last[1].Body, "create user/") {
		t.Errorf("a plan without changes should say so in the same comment: %+v", last)
	}
	if got := last[0].Body; got != "please plan this" {
		t.Errorf("someone else's comment changed: %q", got)
	}
}

func TestGitHubCommentCutsOversizePlan(t *testing.T) {
	r := newGHRig(t)
	const n = 3000
	emails := make([]string, n)
	for i := range emails {
		emails[i] = fmt.Sprintf("user%04d@acme.example", i)
	}
	stdout, _ := r.mustPlan(0, withUsers(emails...), "--github-comment", "-o", "markdown")
	if got := strings.Count(stdout, "- `+ create user/"); got != n {
		t.Errorf("stdout shows %d of the %d changes; the job log must hold the full plan", got, n)
	}
	comments := r.gh.Comments(ghPR)
	if len(comments) != 1 {
		t.Fatalf("%d comments, want 1", len(comments))
	}
	body := comments[0].Body
	if chars := len([]rune(body)); chars > 65536 {
		t.Fatalf("comment has %d characters, over GitHub's 65,536", chars)
	}
	shown := strings.Count(body, "- `+ create user/")
	note := fmt.Sprintf("_This comment is cut to fit: %d of %d changes are not shown. The full plan is in the job log._", n-shown, n)
	if shown == 0 || shown == n || !strings.Contains(body, note) {
		t.Fatalf("%d changes shown; note %q missing from the end: %q", shown, note, body[max(0, len(body)-300):])
	}
	// Cut at a change boundary: the last change shown is whole (its fields
	// and the closing of its block follow it).
	last := fmt.Sprintf("- `+ create user/%s`", emails[shown-1])
	i := strings.LastIndex(body, last)
	if i < 0 || !strings.Contains(body[i:], "role: `\"editor\"`") || !strings.Contains(body[i:], "</details>") {
		t.Errorf("the last change shown is cut short: %q", body[max(0, i):])
	}
	if _, rest, _ := strings.Cut(strings.TrimPrefix(body, r.marker()+"\n<!-- hexform:plan-hash "), " -->\n"); !strings.HasPrefix(rest, "## hexform plan for `acme`\n\n**Plan: 3000 to create") {
		t.Errorf("comment does not start with the summary: %q", body[:min(200, len(body))])
	}
}

func TestGitHubStatus(t *testing.T) {
	r := newGHRig(t)
	r.mustPlan(0, withUsers("ben@acme.example"), "--github-status")
	// Dropping the group deletes it: blocked until confirmed.
	blocked := strings.Replace(withUsers("ben@acme.example", "cy@acme.example"), "groups:\n  - {name: Analysts, members: [ada@acme.example]}\n", "groups: []\n", 1)
	stdout, _ := r.mustPlan(0, blocked, "--github-status")
	if !strings.Contains(stdout, "delete group/Analysts") {
		t.Fatalf("plan without the blocked deletion:\n%s", stdout)
	}
	r.mustPlan(0, ghSettled, "--github-status")
	want := []ghubtest.Status{
		{SHA: ghHead, State: "success", Description: "1 to create", Context: "hexform/plan", TargetURL: "https://github.example/acme/hex-admin/actions/runs/42"},
		{SHA: ghHead, State: "failure", Description: "2 to create, 1 to delete, 1 blocked", Context: "hexform/plan", TargetURL: "https://github.example/acme/hex-admin/actions/runs/42"},
		{SHA: ghHead, State: "success", Description: "no changes", Context: "hexform/plan", TargetURL: "https://github.example/acme/hex-admin/actions/runs/42"},
	}
	got := r.gh.Statuses()
	if len(got) != len(want) {
		t.Fatalf("statuses %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("status %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestGitHubDriftIssue(t *testing.T) {
	r := newGHRig(t)
	r.environ["GITHUB_EVENT_NAME"] = "schedule"
	delete(r.environ, "GITHUB_EVENT_PATH")
	issue := func() ghubtest.Issue {
		t.Helper()
		all := r.gh.Issues()
		if len(all) != 1 {
			t.Fatalf("issues %+v, want exactly one", all)
		}
		return all[0]
	}

	_, stderr := r.mustPlan(2, withUsers("ben@acme.example"), "--detailed-exitcode", "--github-drift-issue")
	if !strings.Contains(stderr, "hexform: drift issue created: https://github.example/acme/hex-admin/issues/1") {
		t.Errorf("stderr: %s", stderr)
	}
	is := issue()
	if is.State != "open" || is.Title != "hexform: workspace acme drifted from its workspace file" ||
		!strings.Contains(is.Body, "create user/ben@acme.example") || len(is.Labels) != 1 || is.Labels[0] != ghub.DriftLabel {
		t.Errorf("drift issue: %+v", is)
	}

	_, stderr = r.mustPlan(2, withUsers("cy@acme.example"), "--detailed-exitcode", "--github-drift-issue")
	if is = issue(); !strings.Contains(stderr, "drift issue updated") || !strings.Contains(is.Body, "create user/cy@acme.example") ||
		strings.Contains(is.Body, "ben@") {
		t.Errorf("drift issue not updated: %s\n%+v", stderr, is)
	}

	_, stderr = r.mustPlan(0, ghSettled, "--detailed-exitcode", "--github-drift-issue")
	if is = issue(); is.State != "closed" || !strings.Contains(stderr, "drift issue closed") {
		t.Errorf("drift issue not closed: %s\n%+v", stderr, is)
	}
	if cm := r.gh.Comments(1); len(cm) != 1 || !strings.Contains(cm[0].Body, "No drift found in run https://github.example/acme/hex-admin/actions/runs/42") {
		t.Errorf("closing comment: %+v", cm)
	}
	r.mustPlan(0, ghSettled, "--detailed-exitcode", "--github-drift-issue")
	if is = issue(); is.State != "closed" {
		t.Errorf("a run without drift reopened the issue: %+v", is)
	}
}

func TestGitHubErrorsNeverHideThePlan(t *testing.T) {
	denied := `{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest"}`
	tests := []struct {
		name  string
		flag  string
		setup func(r *ghRig)
		wants []string
	}{
		{"comment 403", "--github-comment", func(r *ghRig) { r.gh.SetFail(ghubtest.FailWith(http.StatusForbidden, nil, denied)) },
			[]string{"hexform: publishing to GitHub failed: github: list comments of pull request #7: 403 forbidden: Resource not accessible by integration",
				"add `permissions: pull-requests: write`"}},
		{"status 403", "--github-status", func(r *ghRig) { r.gh.SetFail(ghubtest.FailWith(http.StatusForbidden, nil, denied)) },
			[]string{"set commit status hexform/plan: 403 forbidden", "add `permissions: statuses: write`"}},
		{"drift 403", "--github-drift-issue", func(r *ghRig) { r.gh.SetFail(ghubtest.FailWith(http.StatusForbidden, nil, denied)) },
			[]string{"list drift issues: 403 forbidden", "add `permissions: issues: write`"}},
		{"bad token", "--github-comment", func(r *ghRig) { r.environ["GITHUB_TOKEN"] = "ghs_wrongTOKENvalue" },
			[]string{"401 unauthorized: Bad credentials: the token is invalid or expired"}},
		{"no token", "--github-comment", func(r *ghRig) { delete(r.environ, "GITHUB_TOKEN") },
			[]string{"GITHUB_TOKEN is not set", "secrets.GITHUB_TOKEN"}},
		{"not a pull request", "--github-status", func(r *ghRig) { r.environ["GITHUB_EVENT_NAME"] = "push" },
			[]string{`GITHUB_EVENT_NAME is "push", not a pull request event`}},
		{"server down", "--github-comment", func(r *ghRig) { r.gh.Close() },
			[]string{"publishing to GitHub failed: github: find the token's user: "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newGHRig(t)
			tt.setup(r)
			code, stdout, stderr := r.plan(withUsers("ben@acme.example"), tt.flag)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if !strings.Contains(stdout, "+ create user/ben@acme.example") || !strings.Contains(stdout, "Plan: 1 to create") {
				t.Errorf("the plan is not in stdout:\n%s", stdout)
			}
			for _, w := range append(tt.wants, "hint: the plan above is complete; only the GitHub update failed") {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if strings.Contains(stdout+stderr, "ghs_wrongTOKENvalue") {
				t.Error("the token was printed")
			}
		})
	}
}

// TestGitHubDriftIgnoresUnverifiable: a target that cannot read statuses
// lists every status as unverifiable in every plan; that is not drift, or
// the drift issue would never close.
func TestGitHubDriftIgnoresUnverifiable(t *testing.T) {
	r := newGHRig(t)
	r.environ["GITHUB_EVENT_NAME"] = "schedule"
	mustWrite(t, r.state, strings.Replace(ghState, `"actor"`, `"unreadable": ["status"], "actor"`, 1))
	withStatus := ghSettled + "tags:\n  statuses:\n    - {name: Production}\n"

	r.mustPlan(2, withUsers("ben@acme.example")+"tags:\n  statuses:\n    - {name: Production}\n", "--detailed-exitcode", "--github-drift-issue")
	if all := r.gh.Issues(); len(all) != 1 || all[0].State != "open" {
		t.Fatalf("drift in users opened no issue: %+v", all)
	}
	stdout, _ := r.mustPlan(0, withStatus, "--detailed-exitcode", "--github-drift-issue")
	if !strings.Contains(stdout, "create status/Production  (unverifiable)") {
		t.Errorf("the checklist is gone from the plan:\n%s", stdout)
	}
	if all := r.gh.Issues(); len(all) != 1 || all[0].State != "closed" {
		t.Errorf("only unverifiable changes left, yet the drift issue stays: %+v", all)
	}
}

// TestGitHubInvariant: a plan that breaks an invariant is still published,
// the status fails, and the exit code is the invariant's.
func TestGitHubInvariant(t *testing.T) {
	r := newGHRig(t)
	// The identity applying the plan (ada, the state's actor) is demoted.
	demoted := strings.Replace(withUsers("ben@acme.example"), "role: admin", "role: editor", 1)
	demoted = strings.Replace(demoted, "{email: ben@acme.example, role: editor}", "{email: ben@acme.example, role: admin}", 1)
	code, stdout, stderr := r.plan(demoted, "--github-comment", "--github-status")
	if code != 1 || !strings.Contains(stdout, "update user/ada@acme.example") || !strings.Contains(stderr, "invariant") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	cm := r.gh.Comments(ghPR)
	if len(cm) != 1 || !strings.Contains(cm[0].Body, "**This plan cannot be applied:**") || !strings.Contains(cm[0].Body, "update user/ada@acme.example") {
		t.Errorf("comment: %+v", cm)
	}
	st := r.gh.Statuses()
	if len(st) != 1 || st[0].State != "failure" || st[0].Description != "breaks an invariant: 1 to create, 1 to update, 1 blocked" {
		t.Errorf("status: %+v", st)
	}
}

// TestPublishErrorsStayTyped: every GitHub failure of one run is reported,
// each reachable with errors.As.
func TestPublishErrorsStayTyped(t *testing.T) {
	r := newGHRig(t)
	r.gh.SetFail(ghubtest.FailWith(http.StatusForbidden, nil, `{"message":"Resource not accessible by integration"}`))
	environ := r.environ
	e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(k string) string { return environ[k] }}
	g := &githubFlags{comment: true, status: true, driftIssue: true}
	err := g.publish(context.Background(), e, &reconcile.Plan{Workspace: "acme", Target: "file:x"})
	var me *multierror.Error
	if !errors.As(err, &me) || len(me.Errors) != 3 {
		t.Fatalf("got %v, want 3 errors", err)
	}
	var perms []string
	for _, err := range me.Errors {
		var ae *ghub.APIError
		if !errors.As(err, &ae) || ae.Kind != ghub.KindPermission {
			t.Errorf("%v is not a permission *ghub.APIError", err)
			continue
		}
		perms = append(perms, ae.Permission)
	}
	if want := []string{ghub.PermPullRequests, ghub.PermStatuses, ghub.PermIssues}; !slices.Equal(perms, want) {
		t.Errorf("permissions %q, want %q", perms, want)
	}
}

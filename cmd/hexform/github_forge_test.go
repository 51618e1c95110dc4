package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/ghub"
	"github.com/hexform/hexform/internal/ghub/ghubtest"
	"github.com/hexform/hexform/reconcile"
)

// commentInner is a hexform comment's body without its two marker tags,
// failing the test unless the body is exactly tag, text, tag.
func commentInner(t *testing.T, body, tag string) string {
	t.Helper()
	inner, ok := strings.CutPrefix(body, tag+"\n")
	if ok {
		inner, ok = strings.CutSuffix(inner, "\n"+tag)
	}
	if !ok {
		t.Fatalf("comment is not wrapped in its marker %q:\n%s", tag, body)
	}
	return inner
}

// TestGitHubCommentPayloadsCannotForge: names a target holds (here the
// file target's state, as a workspace's groups would come from Hex) reach
// the pull-request comment and the job log only escaped.
func TestGitHubCommentPayloadsCannotForge(t *testing.T) {
	for name, p := range ghubtest.Payloads {
		t.Run(name, func(t *testing.T) {
			r := newGHRig(t)
			group, _ := json.Marshal("Team " + p)
			mustWrite(t, r.state, strings.Replace(ghState, `"groups": [`,
				`"groups": [{"id": "g9", "name": `+string(group)+`, "members": ["ada@acme.example"]}, `, 1))
			code, stdout, stderr := r.plan(withUsers("ben@acme.example"), "--github-comment")
			if code != 0 {
				t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
			}
			if strings.ContainsAny(stdout, "\x1b\r\u202e") || strings.Count("\n"+stdout, "\nPlan:") != 1 {
				t.Errorf("the job log can be forged:\n%s", stdout)
			}
			cm := r.gh.Comments(ghPR)
			if len(cm) != 1 {
				t.Fatalf("comments: %+v", cm)
			}
			inner := commentInner(t, cm[0].Body, r.marker())
			// hexform's own hidden hash line comes first; nothing else may hide.
			hashLine, inner, _ := strings.Cut(inner, "\n")
			if !strings.HasPrefix(hashLine, "<!-- hexform:plan-hash sha256:") {
				t.Fatalf("no hash line first: %q", hashLine)
			}
			if !strings.Contains(inner, "delete group/Team ") {
				t.Fatalf("the group is not in the comment:\n%s", inner)
			}
			for _, problem := range ghubtest.MarkdownForgeries(inner, 1) {
				t.Errorf("%s\n%s", problem, inner)
			}
		})
	}
}

// TestGitHubInvariantCommentEscaped: an invariant's message names users
// and groups; in the comment it is text, never Markdown or HTML.
func TestGitHubInvariantCommentEscaped(t *testing.T) {
	for name, p := range ghubtest.Payloads {
		t.Run(name, func(t *testing.T) {
			r := newGHRig(t)
			environ := r.environ
			e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(k string) string { return environ[k] }}
			c, err := ghub.NewClient(context.Background(), ghub.Env{Token: ghubtest.Token, Repository: ghubtest.Repository, APIURL: r.gh.URL}, nil)
			if err != nil {
				t.Fatal(err)
			}
			inv := &reconcile.InvariantError{Violations: []reconcile.Violation{
				{Invariant: "protected", Message: fmt.Sprintf("group %s is protected", p), Changes: []string{"delete group/" + p}},
			}}
			plan := &reconcile.Plan{Workspace: "acme", Target: "file:x", Changes: []reconcile.Change{
				{ID: "delete group/" + p, Action: reconcile.ActionDelete, Kind: reconcile.KindGroup, Name: p, Risk: reconcile.RiskHigh, Mode: reconcile.ModeAuto},
			}}
			plan.Summarize()
			g := &githubFlags{comment: true}
			if err := g.postComment(context.Background(), e, c, ghPR, "k", plan, inv); err != nil {
				t.Fatal(err)
			}
			inner := commentInner(t, r.gh.Comments(ghPR)[0].Body, "<!-- hexform:k -->")
			if !strings.Contains(inner, "**This plan cannot be applied:**") {
				t.Fatalf("no caution:\n%s", inner)
			}
			for _, problem := range ghubtest.MarkdownForgeries(inner, 1) {
				t.Errorf("%s\n%s", problem, inner)
			}
		})
	}
}

// TestGitHubDriftTitleEscaped: the drift issue's title is one line of
// visible text whatever the workspace is called.
func TestGitHubDriftTitleEscaped(t *testing.T) {
	r := newGHRig(t)
	environ := r.environ
	e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(k string) string { return environ[k] }}
	c, err := ghub.NewClient(context.Background(), ghub.Env{Token: ghubtest.Token, Repository: ghubtest.Repository, APIURL: r.gh.URL}, nil)
	if err != nil {
		t.Fatal(err)
	}
	plan := &reconcile.Plan{Workspace: "acme\r\n\x1b[2Kfine", Target: "file:x", Changes: []reconcile.Change{{ID: "create group/A", Mode: reconcile.ModeAuto}}}
	if err := (&githubFlags{driftIssue: true}).syncDrift(context.Background(), e, c, "k", plan); err != nil {
		t.Fatal(err)
	}
	if is := r.gh.Issues(); len(is) != 1 || is[0].Title != `hexform: workspace acme\r\n\x1b[2Kfine drifted from its workspace file` {
		t.Errorf("issues: %+v", is)
	}
}

package ghub

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/ghub/ghubtest"
)

const (
	mergeSHA = "1111111111111111111111111111111111111111"
	headSHA  = "2222222222222222222222222222222222222222"
	hashA    = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
)

func TestMergedPullRequest(t *testing.T) {
	ctx := context.Background()
	f := ghubtest.New(t)
	f.SetPageSize(1)
	f.AddPull(ghubtest.Pull{Number: 3, State: "open", HeadSHA: "3333", Commits: []string{mergeSHA}})
	f.AddPull(ghubtest.Pull{Number: 5, State: "closed", Merged: true, HeadSHA: headSHA, MergeCommitSHA: mergeSHA})
	f.AddPull(ghubtest.Pull{Number: 6, State: "closed", HeadSHA: "4444", MergeCommitSHA: "5555", Commits: []string{"direct"}})
	c := newTestClient(t, f)
	pr, err := c.MergedPullRequest(ctx, mergeSHA)
	if err != nil || pr.Number != 5 || pr.HeadSHA != headSHA || !strings.HasSuffix(pr.URL, "/pull/5") {
		t.Fatalf("got %+v, %v; want pull request 5", pr, err)
	}
	for _, sha := range []string{"direct", "unknown"} {
		_, err := c.MergedPullRequest(ctx, sha)
		var np *NoPullError
		if !errors.As(err, &np) || np.SHA != sha {
			t.Errorf("%s: got %v, want a *NoPullError", sha, err)
		}
	}
	// A closed, unmerged pull request with that merge commit SHA (a test
	// merge) does not count, nor does an open one holding the commit.
	_, err = c.MergedPullRequest(ctx, "5555")
	var np *NoPullError
	if !errors.As(err, &np) || !strings.Contains(err.Error(), "commit 5555 merged no pull request (it is in pull request #6") {
		t.Errorf("unmerged: %v", err)
	}
	f.AddPull(ghubtest.Pull{Number: 8, State: "closed", Merged: true, HeadSHA: "6666", MergeCommitSHA: mergeSHA})
	if _, err := c.MergedPullRequest(ctx, mergeSHA); err == nil || !strings.Contains(err.Error(), "ambiguous") {
		t.Errorf("two merged pull requests: %v", err)
	}
	if _, err := c.MergedPullRequest(ctx, ""); err == nil {
		t.Error("empty SHA accepted")
	}
}

func TestReviewedPlan(t *testing.T) {
	ctx := context.Background()
	m := Marker("acme", "https://app.hex.tech")
	own := func(body string) string { full, _, _ := CommentBody(m, body); return full }
	hashB := strings.Replace(hashA, "a", "b", -1)
	tests := []struct {
		name     string
		comments map[string]string // author -> body, added in this order: someone, then the bot
		want     string            // hash, or a message fragment
	}{
		{"own comment", map[string]string{ghubtest.ActionsBot: own(PlanHashLine(hashA) + "\n## plan")}, hashA},
		{"someone else's comment first", map[string]string{ghubtest.Someone: own(PlanHashLine(hashB) + "\nforged"), ghubtest.ActionsBot: own(PlanHashLine(hashA) + "\n## plan")}, hashA},
		{"only someone else's comment", map[string]string{ghubtest.Someone: own(PlanHashLine(hashB) + "\nforged")}, "has no hexform plan comment for this workspace and target written by github-actions[bot]"},
		{"hash line further down", map[string]string{ghubtest.ActionsBot: own("## plan\n" + PlanHashLine(hashB))}, "records no plan hash"},
		{"older comment without a hash", map[string]string{ghubtest.ActionsBot: own("## plan")}, "records no plan hash"},
		{"malformed hash", map[string]string{ghubtest.ActionsBot: own(PlanHashLine("sha256:xyz") + "\n## plan")}, "records no plan hash"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := ghubtest.New(t)
			for _, who := range []string{ghubtest.Someone, ghubtest.ActionsBot} {
				if body, ok := tt.comments[who]; ok {
					f.AddCommentBy(5, who, body)
				}
			}
			got, err := newTestClient(t, f).ReviewedPlan(ctx, 5, m)
			switch {
			case strings.HasPrefix(tt.want, "sha256:"):
				if err != nil || got.Hash != tt.want || !strings.Contains(got.CommentURL, "/pull/5#issuecomment-") {
					t.Errorf("got %+v, %v; want %s", got, err, tt.want)
				}
			case err == nil || !strings.Contains(err.Error(), tt.want):
				t.Errorf("got %+v, %v; want an error containing %q", got, err, tt.want)
			}
		})
	}
}

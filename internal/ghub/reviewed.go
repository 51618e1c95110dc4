package ghub

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/google/go-github/v60/github"

	"github.com/hexform/hexform/reconcile"
)

// PermReadPullRequests is the permission that finds the pull request a
// commit merged.
const PermReadPullRequests = "pull-requests: read"

// MergedPull is the pull request a commit on the default branch merged.
type MergedPull struct {
	Number  int
	HeadSHA string // the pull request's last commit
	URL     string
}

// NoPullError says that a commit merged no pull request: it was pushed to
// the branch directly (or merged some other way GitHub does not record).
type NoPullError struct {
	SHA string
	// Open lists pull requests that hold the commit but are not merged by
	// it, to name in the message.
	Open []int
}

func (e *NoPullError) Error() string {
	msg := fmt.Sprintf("commit %s merged no pull request", reconcile.ShortCommit(e.SHA))
	if len(e.Open) > 0 {
		msg += fmt.Sprintf(" (it is in pull request #%d, which it did not merge)", e.Open[0])
	}
	return msg
}

// MergedPullRequest finds the pull request that commit sha merged: the one
// merged pull request GitHub associates with sha whose merge commit is sha
// (a merge, squash or rebase merge all record it). A commit that merged
// none is a *NoPullError; two is an error too, since the reviewed plan
// would be ambiguous.
func (c *Client) MergedPullRequest(ctx context.Context, sha string) (*MergedPull, error) {
	if sha == "" {
		return nil, &EnvError{Var: "GITHUB_SHA", Problem: "is not set", Fix: "GitHub Actions sets it on a push; elsewhere export the commit's SHA"}
	}
	var found []*github.PullRequest
	var other []int
	opts := &github.ListOptions{PerPage: 100}
	for {
		page, resp, err := c.gh.PullRequests.ListPullRequestsWithCommit(ctx, c.owner, c.repo, sha, opts)
		if err != nil {
			return nil, c.wrap("list the pull requests of commit "+reconcile.ShortCommit(sha), PermReadPullRequests, err)
		}
		for _, pr := range page {
			if pr.MergedAt != nil && strings.EqualFold(pr.GetMergeCommitSHA(), sha) {
				found = append(found, pr)
			} else {
				other = append(other, pr.GetNumber())
			}
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	switch len(found) {
	case 0:
		return nil, &NoPullError{SHA: sha, Open: other}
	case 1:
		pr := found[0]
		return &MergedPull{Number: pr.GetNumber(), HeadSHA: pr.GetHead().GetSHA(), URL: pr.GetHTMLURL()}, nil
	}
	return nil, fmt.Errorf("github: commit %s is the merge commit of %d pull requests (#%d, #%d); which plan was reviewed is ambiguous",
		reconcile.ShortCommit(sha), len(found), found[0].GetNumber(), found[1].GetNumber())
}

// planHashLine is the hidden line that records a plan comment's plan hash,
// right after the comment's opening marker tag, where nothing but hexform
// writes.
var planHashLine = regexp.MustCompile(`^<!-- hexform:plan-hash (sha256:[0-9a-f]{64}) -->$`)

// PlanHashLine is the hidden line that makes a plan comment's hash
// machine-readable; it must be the first line of the body given to
// UpsertPRComment. The hash is the one `hexform plan` prints.
func PlanHashLine(hash string) string {
	return "<!-- hexform:plan-hash " + hash + " -->"
}

// ReviewedPlan is the plan a pull request's hexform comment shows.
type ReviewedPlan struct {
	Hash       string // "sha256:..."
	CommentURL string
}

// ReviewedPlan reads the plan hash from pull request pr's plan comment for
// marker: only the comment hexform's own identity wrote counts (see
// FindComment), and only the hash line right after its opening tag.
func (c *Client) ReviewedPlan(ctx context.Context, pr int, marker string) (*ReviewedPlan, error) {
	tag, err := markerTag(marker)
	if err != nil {
		return nil, err
	}
	cm, err := c.FindComment(ctx, pr, tag)
	if err != nil {
		return nil, err
	}
	if cm == nil {
		me, _ := c.Identity(ctx)
		return nil, fmt.Errorf("pull request #%d has no hexform plan comment for this workspace and target written by %s", pr, me)
	}
	first, _, _ := strings.Cut(strings.TrimPrefix(cm.GetBody(), tag+"\n"), "\n")
	m := planHashLine.FindStringSubmatch(first)
	if m == nil {
		return nil, fmt.Errorf("the hexform plan comment on pull request #%d (%s) records no plan hash: it is from an older hexform, or its plan could not be applied", pr, cm.GetHTMLURL())
	}
	return &ReviewedPlan{Hash: m[1], CommentURL: cm.GetHTMLURL()}, nil
}

package ghub

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/go-github/v60/github"
)

// DriftLabel labels the drift issue.
const DriftLabel = "hexform-drift"

// Drift issue actions reported by SyncDriftIssue.
const (
	DriftCreated = "created"
	DriftUpdated = "updated"
	DriftClosed  = "closed"
	DriftNone    = "none"
)

// SyncDriftIssue keeps one open issue per marker describing drift. When
// drifted, the open issue labelled DriftLabel holding marker's tag gets
// title and body (or is created); when not, an open one is closed with a
// comment naming the run. It returns the issue's URL ("" for "none") and
// the action taken: "created", "updated", "closed" or "none".
func (c *Client) SyncDriftIssue(ctx context.Context, marker, title, body string, drifted bool) (url string, action string, err error) {
	tag, err := markerTag(marker)
	if err != nil {
		return "", "", err
	}
	if drifted && strings.TrimSpace(title) == "" {
		return "", "", fmt.Errorf("github: the drift issue needs a title")
	}
	open, err := c.findDriftIssue(ctx, tag)
	if err != nil {
		return "", "", err
	}
	if !drifted {
		if open == nil {
			return "", DriftNone, nil
		}
		return c.closeDriftIssue(ctx, open)
	}
	full, _, err := CommentBody(marker, body)
	if err != nil {
		return "", "", err
	}
	req := &github.IssueRequest{Title: &title, Body: &full}
	if open != nil {
		is, _, err := c.gh.Issues.Edit(ctx, c.owner, c.repo, open.GetNumber(), req)
		if err != nil {
			return "", "", c.wrap(fmt.Sprintf("update drift issue #%d", open.GetNumber()), PermIssues, err)
		}
		return is.GetHTMLURL(), DriftUpdated, nil
	}
	req.Labels = &[]string{DriftLabel}
	is, _, err := c.gh.Issues.Create(ctx, c.owner, c.repo, req)
	if err != nil {
		return "", "", c.wrap("create drift issue", PermIssues, err)
	}
	return is.GetHTMLURL(), DriftCreated, nil
}

func (c *Client) closeDriftIssue(ctx context.Context, is *github.Issue) (string, string, error) {
	n := is.GetNumber()
	run := "a later run"
	if c.runURL != "" {
		run = "run " + c.runURL
	}
	msg := fmt.Sprintf("No drift found in %s: the workspace matches the YAML again. Closing.", run)
	if _, _, err := c.gh.Issues.CreateComment(ctx, c.owner, c.repo, n, &github.IssueComment{Body: &msg}); err != nil {
		return "", "", c.wrap(fmt.Sprintf("comment on drift issue #%d", n), PermIssues, err)
	}
	req := &github.IssueRequest{State: github.String("closed"), StateReason: github.String("completed")}
	closed, _, err := c.gh.Issues.Edit(ctx, c.owner, c.repo, n, req)
	if err != nil {
		return "", "", c.wrap(fmt.Sprintf("close drift issue #%d", n), PermIssues, err)
	}
	return closed.GetHTMLURL(), DriftClosed, nil
}

// findDriftIssue returns the oldest open issue (not pull request) labelled
// DriftLabel that hexform's identity opened and whose body starts with tag,
// or nil.
func (c *Client) findDriftIssue(ctx context.Context, tag string) (*github.Issue, error) {
	me, err := c.Identity(ctx)
	if err != nil {
		return nil, err
	}
	opts := &github.IssueListByRepoOptions{
		State: "open", Labels: []string{DriftLabel}, Sort: "created", Direction: "asc",
		ListOptions: github.ListOptions{PerPage: 100},
	}
	for {
		page, resp, err := c.gh.Issues.ListByRepo(ctx, c.owner, c.repo, opts)
		if err != nil {
			return nil, c.wrap("list drift issues", PermIssues, err)
		}
		for _, is := range page {
			if !is.IsPullRequest() && byIdentity(is.GetUser().GetLogin(), me) && strings.HasPrefix(is.GetBody(), tag+"\n") {
				return is, nil
			}
		}
		if resp.NextPage == 0 {
			return nil, nil
		}
		opts.Page = resp.NextPage
	}
}

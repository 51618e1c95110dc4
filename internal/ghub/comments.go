package ghub

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/go-github/v60/github"
)

// StatusContext is the commit status hexform posts.
const StatusContext = "hexform/plan"

// maxDescription is GitHub's limit on a status description.
const maxDescription = 140

// UpsertPRComment makes body the text of pull request pr's hexform comment:
// the comment written by hexform's own identity (Identity) holding marker's
// hidden tag is updated in place, or created when there is none. A comment
// by anyone else is never taken for it, whatever it holds. Every page of
// comments is searched, so a busy pull request never gets a second one. It returns the comment's URL and whether
// it was created. A body over MaxBodyChars is cut with a note.
func (c *Client) UpsertPRComment(ctx context.Context, pr int, marker string, body string) (url string, created bool, err error) {
	if pr <= 0 {
		return "", false, fmt.Errorf("github: pull request number %d is not valid", pr)
	}
	full, _, err := CommentBody(marker, body)
	if err != nil {
		return "", false, err
	}
	tag, _ := markerTag(marker)
	found, err := c.FindComment(ctx, pr, tag)
	if err != nil {
		return "", false, err
	}
	if found != nil {
		if found.GetBody() == full {
			return found.GetHTMLURL(), false, nil
		}
		upd, _, err := c.gh.Issues.EditComment(ctx, c.owner, c.repo, found.GetID(), &github.IssueComment{Body: &full})
		if err != nil {
			return "", false, c.wrap("update pull request comment", PermPullRequests, err)
		}
		return upd.GetHTMLURL(), false, nil
	}
	cm, _, err := c.gh.Issues.CreateComment(ctx, c.owner, c.repo, pr, &github.IssueComment{Body: &full})
	if err != nil {
		return "", false, c.wrap("create pull request comment", PermPullRequests, err)
	}
	return cm.GetHTMLURL(), true, nil
}

// FindComment returns the first (oldest) comment on pr that hexform's
// identity wrote and that starts with tag, or nil.
func (c *Client) FindComment(ctx context.Context, pr int, tag string) (*github.IssueComment, error) {
	me, err := c.Identity(ctx)
	if err != nil {
		return nil, err
	}
	opts := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	for {
		page, resp, err := c.gh.Issues.ListComments(ctx, c.owner, c.repo, pr, opts)
		if err != nil {
			return nil, c.wrap(fmt.Sprintf("list comments of pull request #%d", pr), PermPullRequests, err)
		}
		for _, cm := range page {
			if byIdentity(cm.GetUser().GetLogin(), me) && strings.HasPrefix(cm.GetBody(), tag+"\n") {
				return cm, nil
			}
		}
		if resp.NextPage == 0 {
			return nil, nil
		}
		opts.Page = resp.NextPage
	}
}

// SetStatus posts the commit status "hexform/plan" on sha. state is one of
// pending, success, failure, error; description is cut to 140 characters;
// targetURL may be empty.
func (c *Client) SetStatus(ctx context.Context, sha, state, description, targetURL string) error {
	switch state {
	case "pending", "success", "failure", "error":
	default:
		return fmt.Errorf("github: commit status state %q must be pending, success, failure or error", state)
	}
	if sha == "" {
		return fmt.Errorf("github: no commit to set the status on")
	}
	st := &github.RepoStatus{State: &state, Context: github.String(StatusContext)}
	if d := cutDescription(description); d != "" {
		st.Description = &d
	}
	if targetURL != "" {
		st.TargetURL = &targetURL
	}
	_, _, err := c.gh.Repositories.CreateStatus(ctx, c.owner, c.repo, sha, st)
	return c.wrap("set commit status "+StatusContext, PermStatuses, err)
}

func cutDescription(s string) string {
	r := []rune(s)
	if len(r) <= maxDescription {
		return s
	}
	return string(r[:maxDescription-1]) + "…"
}

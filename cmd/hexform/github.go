package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/go-multierror"
	"github.com/hexform/hexform/internal/ghub"
	"github.com/hexform/hexform/internal/view"
	"github.com/hexform/hexform/reconcile"
	"github.com/spf13/cobra"
)

// githubCommentLimit is GitHub's maximum comment body, less room for the marker.
const githubCommentLimit = 65536 - 512

// githubFlags publish a plan to GitHub from Actions.
type githubFlags struct {
	comment    bool
	status     bool
	driftIssue bool
}

func (g *githubFlags) register(c *cobra.Command) {
	fl := c.Flags()
	fl.BoolVar(&g.comment, "github-comment", false, "post the plan as one pull-request comment, updated in place on every push")
	fl.BoolVar(&g.status, "github-status", false, "set the commit status hexform/plan on the head commit")
	fl.BoolVar(&g.driftIssue, "github-drift-issue", false, "open (or update) an issue when the workspace drifted, close it when not")
}

func (g *githubFlags) any() bool { return g.comment || g.status || g.driftIssue }

// publishInvariant publishes a plan that breaks an invariant: the comment
// shows it, the status fails. A publishing error is printed, since the
// invariant error is what the command reports.
func (g *githubFlags) publishInvariant(ctx context.Context, e *env, p *reconcile.Plan, invariant error) {
	if err := g.publishWith(ctx, e, p, invariant); err != nil {
		printError(e.stderr, err)
	}
}

// publish posts what the flags ask for. The plan is already in the job log,
// so a failure here is reported but never hides it.
func (g *githubFlags) publish(ctx context.Context, e *env, p *reconcile.Plan) error {
	return g.publishWith(ctx, e, p, nil)
}

func (g *githubFlags) publishWith(ctx context.Context, e *env, p *reconcile.Plan, invariant error) error {
	if !g.any() {
		return nil
	}
	var errs *multierror.Error
	genv, err := ghub.EnvFromGetenv(e.getenv)
	if err != nil {
		return publishErr(multierror.Append(errs, err))
	}
	client, err := ghub.NewClient(ctx, genv, nil)
	if err != nil {
		return publishErr(multierror.Append(errs, err))
	}
	marker := ghub.Marker(p.Workspace, p.Target)
	if g.comment || g.status {
		errs = multierror.Append(errs, g.publishPR(ctx, e, client, genv, marker, p, invariant))
	}
	if g.driftIssue {
		errs = multierror.Append(errs, g.syncDrift(ctx, e, client, marker, p))
	}
	return publishErr(errs)
}

// publishErr reports what failed, each error still reachable with
// errors.As, under the reminder that the plan itself was printed.
func publishErr(errs *multierror.Error) error {
	if errs.ErrorOrNil() == nil {
		return nil
	}
	errs.ErrorFormat = func(es []error) string {
		msgs := make([]string, len(es))
		for i, err := range es {
			msgs[i] = err.Error()
		}
		return strings.Join(msgs, "; ")
	}
	return withHint(fmt.Errorf("publishing to GitHub failed: %w", errs), "the plan above is complete; only the GitHub update failed")
}

// publishPR posts the comment and the status the flags ask for on the pull
// request the run is for.
func (g *githubFlags) publishPR(ctx context.Context, e *env, c *ghub.Client, genv ghub.Env, marker string, p *reconcile.Plan, invariant error) error {
	pr, head, err := genv.PullRequest()
	if err != nil {
		return err
	}
	var errs *multierror.Error
	if g.comment {
		errs = multierror.Append(errs, g.postComment(ctx, e, c, pr, marker, p, invariant))
	}
	if g.status {
		state, desc := statusState(p), summaryLine(p)
		if invariant != nil {
			state, desc = "failure", "breaks an invariant: "+desc
		}
		errs = multierror.Append(errs, c.SetStatus(ctx, head, state, desc, genv.RunURL()))
	}
	return errs.ErrorOrNil()
}

func (g *githubFlags) postComment(ctx context.Context, e *env, c *ghub.Client, pr int, marker string, p *reconcile.Plan, invariant error) error {
	var buf bytes.Buffer
	if invariant != nil {
		fmt.Fprintf(&buf, "> [!CAUTION]\n> **This plan cannot be applied:** %s\n\n", view.MarkdownText(invariant.Error()))
	} else {
		// Machine-readable, for apply --github-reviewed-plan after the merge.
		fmt.Fprintf(&buf, "%s\n", ghub.PlanHashLine(p.Hash()))
	}
	if err := view.PlanMarkdown(&buf, p, view.Options{MaxBytes: githubCommentLimit - buf.Len()}); err != nil {
		return err
	}
	url, created, err := c.UpsertPRComment(ctx, pr, marker, e.redact.Scrub(buf.String()))
	if err != nil {
		return err
	}
	verb := "updated"
	if created {
		verb = "posted"
	}
	fmt.Fprintf(e.stderr, "hexform: %s the plan comment on pull request #%d: %s\n", verb, pr, url)
	return nil
}

func (g *githubFlags) syncDrift(ctx context.Context, e *env, c *ghub.Client, marker string, p *reconcile.Plan) error {
	var buf bytes.Buffer
	if err := view.PlanMarkdown(&buf, p, view.Options{MaxBytes: githubCommentLimit}); err != nil {
		return err
	}
	title := fmt.Sprintf("hexform: workspace %s drifted from its workspace file", reconcile.EscapeText(p.Workspace))
	url, action, err := c.SyncDriftIssue(ctx, marker, title, e.redact.Scrub(buf.String()), drifted(p))
	if err != nil {
		return err
	}
	if action != "none" {
		fmt.Fprintf(e.stderr, "hexform: drift issue %s: %s\n", action, url)
	}
	return nil
}

// drifted reports whether the plan found a difference between the
// workspace file and what the target reads: it decides the drift issue and
// plan --detailed-exitcode. Unverifiable changes (kinds the target cannot
// read) are a checklist, not drift: they show in every plan, so counting
// them would keep the drift issue open and exit 2 forever.
func drifted(p *reconcile.Plan) bool {
	for _, c := range p.Changes {
		if c.Mode != reconcile.ModeUnverifiable {
			return true
		}
	}
	return false
}

func statusState(p *reconcile.Plan) string {
	if p.Summary.Blocked > 0 {
		return "failure"
	}
	return "success"
}

// summaryLine is the one-line summary used for statuses: "2 to create, 1 blocked".
func summaryLine(p *reconcile.Plan) string {
	s := p.Summary
	var parts []string
	add := func(n int, what string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, what))
		}
	}
	add(s.Create, "to create")
	add(s.Update, "to update")
	add(s.Delete, "to delete")
	add(s.Blocked, "blocked")
	add(s.Manual, "manual")
	add(s.Unverifiable, "unverifiable")
	if len(parts) == 0 {
		return "no changes"
	}
	return strings.Join(parts, ", ")
}

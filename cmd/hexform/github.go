package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/go-multierror"
	"github.com/hexform/hexform/internal/ghub"
	"github.com/hexform/hexform/internal/view"
	"github.com/hexform/hexform/reconcile"
	"github.com/spf13/cobra"
)

// githubFlags publish a plan to GitHub from Actions.
type githubFlags struct {
	comment    bool
	status     bool
	driftIssue bool
	summary    bool
}

func (g *githubFlags) register(c *cobra.Command) {
	fl := c.Flags()
	fl.BoolVar(&g.comment, "github-comment", false, "post the plan as one pull-request comment, updated in place on every push")
	fl.BoolVar(&g.status, "github-status", false, "set the commit status hexform/plan on the head commit")
	fl.BoolVar(&g.driftIssue, "github-drift-issue", false, "open (or update) an issue when the workspace drifted, close it when not")
	fl.BoolVar(&g.summary, "github-summary", false, "append the plan in Markdown, cut to GitHub's 1 MiB, to the job summary ($GITHUB_STEP_SUMMARY)")
}

func (g *githubFlags) any() bool { return g.comment || g.status || g.driftIssue || g.summary }

// writeJobSummary appends the plan, cut to the job summary's limit, to the
// file GitHub Actions names in GITHUB_STEP_SUMMARY.
func writeJobSummary(e *env, p *reconcile.Plan) error {
	path := e.getenv("GITHUB_STEP_SUMMARY")
	if path == "" {
		return errors.New("--github-summary: GITHUB_STEP_SUMMARY is not set (GitHub Actions sets it in every step; outside Actions leave the flag out)")
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("--github-summary: %w", err)
	}
	_, err = f.WriteString(view.JobSummary(p))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("--github-summary: %w", err)
	}
	return nil
}

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
	if g.summary {
		errs = multierror.Append(errs, writeJobSummary(e, p))
	}
	if !g.comment && !g.status && !g.driftIssue {
		return publishErr(errs)
	}
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
		state, desc := view.CommitStatus(p, invariant)
		errs = multierror.Append(errs, c.SetStatus(ctx, head, state, desc, genv.RunURL()))
	}
	return errs.ErrorOrNil()
}

func (g *githubFlags) postComment(ctx context.Context, e *env, c *ghub.Client, pr int, marker string, p *reconcile.Plan, invariant error) error {
	body, err := view.PlanComment(p, invariant)
	if err != nil {
		return err
	}
	url, created, err := c.UpsertPRComment(ctx, pr, marker, e.redact.Scrub(body))
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
	title, body, err := view.DriftIssue(p)
	if err != nil {
		return err
	}
	url, action, err := c.SyncDriftIssue(ctx, marker, title, e.redact.Scrub(body), drifted(p))
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

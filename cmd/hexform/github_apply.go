package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/hexform/hexform/internal/ghub"
	"github.com/hexform/hexform/internal/view"
	"github.com/hexform/hexform/reconcile"
	"github.com/spf13/cobra"
)

// githubApplyFlags make apply, run on a push to the default branch, apply
// the plan reviewed on the pull request the push merged, or nothing: the
// hash in hexform's own plan comment on that pull request is the plan
// apply must compute, and the outcome (or why nothing was applied, with the
// plan computed instead) is posted back on it.
type githubApplyFlags struct {
	reviewed bool

	// Set by prepare when reviewed.
	genv   ghub.Env
	client *ghub.Client
	pull   *ghub.MergedPull
	hash   string // the reviewed plan's hash, once check found it
}

func (g *githubApplyFlags) register(c *cobra.Command, e *env) {
	c.Flags().BoolVar(&g.reviewed, "github-reviewed-plan", false,
		"on a push to the default branch, apply only the plan reviewed on the pull request the push merged (the hash in hexform's plan comment there), or nothing; post the outcome on that pull request")
	prev := c.PreRunE
	c.PreRunE = func(cmd *cobra.Command, args []string) error {
		if prev != nil {
			if err := prev(cmd, args); err != nil {
				return err
			}
		}
		return g.prepare(cmd, e)
	}
}

// deliberateHint says how to apply without a merged pull request.
const deliberateHint = "to apply deliberately, review a plan and run `hexform apply --expect-plan HASH` with its hash " +
	"(the example apply workflow's Run workflow button takes one)"

// prepare finds the merged pull request before anything is read from the
// target, so a direct push is refused at once.
func (g *githubApplyFlags) prepare(cmd *cobra.Command, e *env) error {
	if !g.reviewed {
		return nil
	}
	if cmd.Flags().Changed("expect-plan") {
		return withHint(errors.New("--github-reviewed-plan and --expect-plan both name the plan to apply; nothing was applied"),
			"give --github-reviewed-plan on a push that merged a pull request, or --expect-plan to apply a plan you reviewed yourself")
	}
	genv, err := ghub.EnvFromGetenv(e.getenv)
	if err != nil {
		return err
	}
	if genv.EventName != "push" {
		return withHint(fmt.Errorf("--github-reviewed-plan applies what a push to the default branch merged, and this run is for a %q event; nothing was applied", genv.EventName),
			"run it in a workflow triggered `on: push` to the default branch", deliberateHint)
	}
	client, err := ghub.NewClient(cmd.Context(), genv, nil)
	if err != nil {
		return err
	}
	pull, err := client.MergedPullRequest(cmd.Context(), genv.SHA)
	var np *ghub.NoPullError
	if errors.As(err, &np) {
		return withHint(fmt.Errorf("%v, so no plan was reviewed for it; nothing was applied", err),
			"change the workspace file through a pull request: merging it applies the plan reviewed there", deliberateHint)
	}
	if err != nil {
		return err
	}
	g.genv, g.client, g.pull = genv, client, pull
	fmt.Fprintf(e.stderr, "hexform: commit %s merged pull request #%d: applying the plan reviewed there, or nothing\n", reconcile.ShortCommit(genv.SHA), pull.Number)
	return nil
}

// check refuses, and says so on the pull request with the plan computed
// now, unless p is the plan reviewed there.
func (g *githubApplyFlags) check(ctx context.Context, e *env, p *reconcile.Plan) error {
	if !g.reviewed {
		return nil
	}
	n := g.pull.Number
	rev, err := g.client.ReviewedPlan(ctx, n, ghub.Marker(p.Workspace, p.Target))
	if err != nil {
		g.post(ctx, e, p, view.RefusedComment(p, g.genv, nil, err.Error()))
		return withHint(fmt.Errorf("%w; nothing was applied", err),
			"the plan workflow posts the plan comment on every pull request that changes the workspace file", deliberateHint)
	}
	if rev.Hash != p.Hash() {
		why := "The plan computed at the merge is not the plan reviewed on this pull request: another pull request changed the workspace file first, or the workspace changed since the review."
		g.post(ctx, e, p, view.RefusedComment(p, g.genv, rev, why))
		return withHint(fmt.Errorf("the plan at commit %s has hash %s, not the %s reviewed on pull request #%d; nothing was applied",
			reconcile.ShortCommit(g.genv.SHA), p.Hash(), rev.Hash, n),
			fmt.Sprintf("the plan above is posted on pull request #%d; review it, then apply it with --expect-plan %s (or change the workspace file in a new pull request)", n, p.Hash()))
	}
	g.hash = rev.Hash
	fmt.Fprintf(e.stderr, "hexform: the plan is the one reviewed on pull request #%d (%s)\n", n, rev.Hash)
	if !p.HasChanges() {
		g.post(ctx, e, p, resultMarkdown(p, g.genv, g.hash, &reconcile.ApplyResult{}))
	}
	return nil
}

// report posts the outcome of the apply on the pull request and returns
// applyErr, the apply's own verdict. A failure to post is printed; it
// fails the run only when the apply itself succeeded.
func (g *githubApplyFlags) report(ctx context.Context, e *env, p *reconcile.Plan, r *reconcile.ApplyResult, applyErr error) error {
	if !g.reviewed || g.hash == "" {
		return applyErr
	}
	err := g.post(ctx, e, p, resultMarkdown(p, g.genv, g.hash, r))
	if err != nil && applyErr == nil {
		return withHint(fmt.Errorf("posting the outcome on pull request #%d failed: %w", g.pull.Number, err),
			"the apply itself completed; only the GitHub update failed")
	}
	return applyErr
}

// post writes body as pull request's hexform apply comment (one per
// workspace and target, updated in place by later runs). A failure is
// printed and returned.
func (g *githubApplyFlags) post(ctx context.Context, e *env, p *reconcile.Plan, body string) error {
	url, _, err := g.client.UpsertPRComment(ctx, g.pull.Number, ghub.ApplyMarker(p.Workspace, p.Target), e.redact.Scrub(body))
	if err != nil {
		printError(e.stderr, fmt.Errorf("posting on pull request #%d: %w", g.pull.Number, err))
		return err
	}
	fmt.Fprintf(e.stderr, "hexform: posted the outcome on pull request #%d: %s\n", g.pull.Number, url)
	return nil
}

// resultMarkdown is the comment reporting an apply of the reviewed plan
// (view.ApplyComment).
func resultMarkdown(p *reconcile.Plan, genv ghub.Env, hash string, r *reconcile.ApplyResult) string {
	return view.ApplyComment(p, genv, hash, r)
}

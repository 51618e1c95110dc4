package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/go-multierror"
	"github.com/hexform/hexform/internal/operation"
	"github.com/hexform/hexform/internal/view"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func init() { register(newApplyCmd) }

type applyCmd struct {
	planFlags
	autoApprove bool
	expectPlan  string
	journalPath string
	noColor     bool
	parallelism int
	output      string
	github      githubApplyFlags
	// reported: -o json's document was written.
	reported bool
}

func newApplyCmd(e *env) *cobra.Command {
	ac := &applyCmd{}
	c := &cobra.Command{
		Use:   "apply [PLANFILE]",
		Short: "Make the workspace match the file (or carry out a saved plan)",
		Long: `apply computes the plan exactly as 'hexform plan' does, shows it, and carries out every
change that is not blocked: in dependency order, past independent failures, skipping the
changes that depend on a failed one. Destructive changes are applied only when confirmed.
With PLANFILE (from 'plan --out') it carries out that plan, refusing when the workspace
changed since it was made.

Exit codes: 0 done, 1 any failure, 3 done except blocked changes that need confirmation.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			var err error
			if len(args) == 1 {
				err = ac.runPlanFile(c.Context(), e, c.Flags(), args[0])
			} else {
				err = ac.run(c.Context(), e)
			}
			return ac.reportRefusal(e, err)
		},
	}
	ac.planFlags.register(c)
	fl := c.Flags()
	fl.BoolVar(&ac.autoApprove, "auto-approve", false, "apply without asking (required when not on a terminal)")
	fl.StringVar(&ac.expectPlan, "expect-plan", "", "refuse unless the computed plan has this hash (printed by plan)")
	fl.StringVar(&ac.journalPath, "journal", "", "journal file, one JSON line per change (default .hexform/journal.jsonl next to the workspace file)")
	fl.BoolVar(&ac.noColor, "no-color", false, "never colour the output")
	fl.StringVarP(&ac.output, "output", "o", "text", "output format: text, or json (the result as one JSON document on stdout; the plan and progress go to stderr)")
	fl.IntVar(&ac.parallelism, "parallelism", 4, "changes of one kind in flight at once on targets that allow it (Hex; the file target takes one at a time)")
	ac.github.register(c, e)
	return c
}

func (ac *applyCmd) run(ctx context.Context, e *env) error {
	if err := ac.checkFlags(); err != nil {
		return err
	}
	req, err := ac.planFlags.request(e)
	if err != nil {
		return err
	}
	return ac.execute(ctx, e, operation.ApplyRequest{PlanRequest: req})
}

// runPlanFile carries out a plan saved by 'plan --out'. The flags whose
// meaning the plan fixed are refused; the rest (what this run confirms, the
// target) go into the request, and the operation checks the plan.
func (ac *applyCmd) runPlanFile(ctx context.Context, e *env, fl *pflag.FlagSet, path string) error {
	if err := ac.checkFlags(); err != nil {
		return err
	}
	if err := refuseFixedFlags(fl, path); err != nil {
		return err
	}
	req := operation.PlanRequest{Policy: ac.policy(), Target: ac.target.named(e), Open: ac.target.opener(e)}
	return ac.execute(ctx, e, operation.ApplyRequest{PlanRequest: req, PlanFile: path})
}

// execute runs the apply operation and reports it. With -o json the human
// output goes to stderr and stdout gets the result document alone.
func (ac *applyCmd) execute(ctx context.Context, e *env, req operation.ApplyRequest) error {
	if ac.output != "json" {
		_, err := ac.executeText(ctx, e, e, req)
		return err
	}
	human := *e
	human.stdout = e.stderr
	res, err := ac.executeText(ctx, e, &human, req)
	if res == nil {
		return err
	}
	ac.reported = true
	if werr := writeApplyReport(e.stdout, newApplyReport(res.Plan, res.Result, err)); werr != nil {
		return werr
	}
	return err
}

// executeText runs the apply operation: targets are opened and secrets read
// with e, the plan, questions and outcome are shown on out.
func (ac *applyCmd) executeText(ctx context.Context, e, out *env, req operation.ApplyRequest) (*operation.ApplyResult, error) {
	req.Reporter = &cliReporter{e: out, noColor: ac.noColor}
	req.Gate = func(ctx context.Context, p *reconcile.Plan) error { return ac.github.check(ctx, out, p) }
	req.Approve = func(p *reconcile.Plan) error { return ac.approve(out, p) }
	req.Resolver = func(file string, settings *schema.SecretSettings) reconcile.SecretResolver {
		return newResolver(e, file, ac.target.tokenFile, settings)
	}
	req.ExpectPlan, req.Journal, req.Scrub, req.Parallelism = ac.expectPlan, ac.journalPath, e.redact.Scrub, ac.parallelism
	var err error
	if req.BatchSize, err = batchSize(e); err != nil {
		return nil, err
	}
	req.Finish = func(ctx context.Context, p *reconcile.Plan, r *reconcile.ApplyResult) error {
		return ac.github.report(ctx, out, p, r, ac.finish(out, r))
	}
	return operation.Apply(ctx, req)
}

func (ac *applyCmd) checkFlags() error {
	if err := checkFormat(ac.output, "text", "json"); err != nil {
		return err
	}
	if ac.parallelism < 1 {
		return withHint(fmt.Errorf("--parallelism must be at least 1, got %d", ac.parallelism), "--parallelism 1 applies one change at a time")
	}
	return nil
}

// approve asks on a terminal; without one it needs --auto-approve.
func (ac *applyCmd) approve(e *env, p *reconcile.Plan) error {
	if ac.autoApprove {
		return nil
	}
	if !isTerminal(e.stdin) {
		return withHint(errors.New("apply needs confirmation, and there is no terminal to ask on; nothing was applied"),
			"review the plan above, then run again with --auto-approve (CI), or pin it with --expect-plan "+p.Hash())
	}
	view.ApplyPrompt(e.stdout, operation.Runnable(p), p.Target)
	line, _ := bufio.NewReader(e.stdin).ReadString('\n')
	if strings.TrimSpace(line) != "yes" {
		return &exitCode{Code: exitError, Err: errors.New("apply cancelled; nothing was applied")}
	}
	return nil
}

// printProgress prints one change's outcome (view.ApplyProgress).
func printProgress(e *env, c reconcile.Change, result string, err error) {
	view.ApplyProgress(e.stdout, c, result, err)
}

// finish prints the outcome and chooses the exit code.
func (ac *applyCmd) finish(e *env, r *reconcile.ApplyResult) error {
	view.ApplyOutcome(e.stdout, r)
	code := r.ExitCode()
	switch {
	case code == exitOK:
		return nil
	case r.Err != nil:
		return &exitCode{Code: code, Err: applyErr(r)}
	case code == exitBlocked:
		return &exitCode{Code: code, Err: withHint(fmt.Errorf("%d blocked change(s) were not applied", len(r.Blocked)),
			"add the ids above under confirm: in the workspace file (reviewed in the pull request), or pass --confirm ID",
			"a blanket --allow-delete over the mass-deletion limits also needs --force")}
	}
	return &exitCode{Code: code}
}

// applyErr is r.Err with the changes an interrupt left not started (listed
// above, one line each) folded into one line that says how to finish.
// applyErr says what did not apply, one change a line, and what to do.
// Changes not started after an interrupt are counted, not listed.
func applyErr(r *reconcile.ApplyResult) error {
	var all *multierror.Error
	if !errors.As(r.Err, &all) {
		return r.Err
	}
	var lines []string
	waiting := false
	for _, err := range all.Errors {
		var ce *reconcile.ChangeError
		if errors.As(err, &ce) && ce.Result == reconcile.ResultNotStarted {
			continue
		}
		var de *reconcile.DependencyError
		waiting = waiting || (errors.As(err, &de) && (de.Result == reconcile.ResultManual || de.Result == reconcile.ResultUnverifiable))
		lines = append(lines, reconcile.EscapeText(err.Error()))
	}
	var msgs, hints []string
	if len(lines) > 0 {
		msgs = append(msgs, fmt.Sprintf("%d change(s) did not apply:\n  %s", len(lines), strings.Join(lines, "\n  ")))
	}
	if waiting {
		hints = append(hints, "changes that wait on a manual step apply once it is done in Settings: run apply again then")
	}
	if n := len(r.NotStarted); n > 0 {
		msgs = append(msgs, fmt.Sprintf("apply interrupted: %d change(s) not started", n))
		hints = append(hints, "run apply again to carry them out; the journal records what was done")
	}
	return withHint(errors.New(strings.Join(msgs, "\n")), hints...)
}

package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/go-multierror"
	"github.com/hexform/hexform/internal/journal"
	"github.com/hexform/hexform/internal/view"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
	"github.com/spf13/cobra"
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
	// result is what the last Apply returned (nil until one ran).
	result *reconcile.ApplyResult
	// secretSettings are the workspace file's settings.secrets (apply -f).
	secretSettings *schema.SecretSettings
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
	res, err := compute(ctx, e, &ac.planFlags, true)
	if err != nil {
		return err
	}
	defer res.release()
	if res.want.Settings != nil {
		ac.secretSettings = res.want.Settings.Secrets
	}
	return ac.execute(ctx, e, res.plan, res.have, res.target, res.invariant)
}

// execute shows the plan, checks it, asks, applies and reports: the part of
// apply shared by the workspace-file and plan-file paths. With -o json the
// human output goes to stderr and stdout gets the result document alone.
func (ac *applyCmd) execute(ctx context.Context, e *env, p *reconcile.Plan, have *reconcile.Snapshot, t *openedTarget, invariant error) error {
	if ac.output != "json" {
		return ac.executeText(ctx, e, p, have, t, invariant)
	}
	human := *e
	human.stdout = e.stderr
	err := ac.executeText(ctx, &human, p, have, t, invariant)
	ac.reported = true
	if werr := writeApplyReport(e.stdout, newApplyReport(p, ac.result, err)); werr != nil {
		return werr
	}
	return err
}

func (ac *applyCmd) executeText(ctx context.Context, e *env, p *reconcile.Plan, have *reconcile.Snapshot, t *openedTarget, invariant error) error {
	if err := view.PlanText(e.stdout, p, view.Options{Color: colorOK(e, ac.noColor)}); err != nil {
		return err
	}
	if invariant != nil {
		return invariantExit(invariant)
	}
	if err := ac.github.check(ctx, e, p); err != nil {
		return err
	}
	if ac.expectPlan != "" && ac.expectPlan != p.Hash() {
		return withHint(fmt.Errorf("the plan's hash is %s, not the expected %s; nothing was applied", p.Hash(), ac.expectPlan),
			"the workspace file or the workspace changed since that plan; review the plan above and run plan again")
	}
	if !p.HasChanges() {
		return nil
	}
	resolver := newResolver(e, ac.file, ac.target.tokenFile, ac.secretSettings)
	if err := reconcile.Preflight(ctx, p, have, t.Target, resolver); err != nil {
		return withHint(err, "fix what is named above and apply again; the workspace is as it was")
	}
	if runnable(p) == 0 {
		// Nothing to ask about; Apply still journals what stays blocked or manual.
		view.NothingToApply(e.stdout)
	} else if err := ac.approve(e, p); err != nil {
		return err
	}
	j, err := journal.Open(ac.journalFile(), journal.WithScrubber(e.redact.Scrub))
	if err != nil {
		return err
	}
	defer j.Close()
	r := reconcile.Apply(ctx, p, t, resolver, reconcile.ApplyOptions{
		Journal: j, Commit: p.Commit, Concurrency: ac.concurrency(t),
		Progress: func(c reconcile.Change, result string, err error) { printProgress(e, c, result, err) },
	})
	ac.result = r
	return ac.github.report(ctx, e, p, r, ac.finish(e, r))
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

// concurrency is how many changes may be in flight against t.
func (ac *applyCmd) concurrency(t *openedTarget) int {
	if !t.concurrent || ac.parallelism < 1 {
		return 1
	}
	return ac.parallelism
}

func (ac *applyCmd) journalFile() string {
	if ac.journalPath != "" {
		return ac.journalPath
	}
	return filepath.Join(filepath.Dir(ac.file), ".hexform", "journal.jsonl")
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
	view.ApplyPrompt(e.stdout, runnable(p), p.Target)
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

func runnable(p *reconcile.Plan) int {
	n := 0
	for _, c := range p.Changes {
		if c.Blocked == nil && c.Mode == reconcile.ModeAuto {
			n++
		}
	}
	return n
}

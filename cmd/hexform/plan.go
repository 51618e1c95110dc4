package main

import (
	"bytes"
	"fmt"
	"io"

	"github.com/hexform/hexform/internal/operation"
	"github.com/hexform/hexform/internal/view"
	"github.com/spf13/cobra"
)

func init() { register(newPlanCmd) }

type planCmd struct {
	planFlags
	output           string
	out              string
	detailedExitcode bool
	noColor          bool
	gh               githubFlags
}

func newPlanCmd(e *env) *cobra.Command {
	pc := &planCmd{}
	c := &cobra.Command{
		Use:   "plan",
		Short: "Show the changes that would make the workspace match the file",
		Long: `plan reads the workspace file and the target's current state and prints the changes
apply would make: blocked changes (destructive, not yet confirmed) first, each with the line
that confirms it. It changes nothing.

Exit codes: 0 ok, 1 error, 2 changes present (only with --detailed-exitcode).`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error { return pc.run(c, e) },
	}
	pc.planFlags.register(c)
	fl := c.Flags()
	fl.StringVarP(&pc.output, "output", "o", "text", "output format: text, json or markdown")
	fl.StringVar(&pc.out, "out", "", "also save the plan to this file, for 'hexform apply PLANFILE'")
	fl.BoolVar(&pc.detailedExitcode, "detailed-exitcode", false, "exit 2 when the plan has changes (the unverifiable checklist alone does not count)")
	fl.BoolVar(&pc.noColor, "no-color", false, "never colour the text output")
	pc.gh.register(c)
	return c
}

func (pc *planCmd) run(c *cobra.Command, e *env) error {
	if err := checkFormat(pc.output, "text", "json", "markdown"); err != nil {
		return err
	}
	res, err := compute(c.Context(), e, &pc.planFlags)
	if err != nil {
		return err
	}
	p := res.Plan
	var buf bytes.Buffer
	if err := view.Plan(&buf, p, pc.output, colorOK(e, pc.noColor)); err != nil {
		return err
	}
	if _, err := io.Copy(e.stdout, &buf); err != nil {
		return err
	}
	if res.Invariant != nil {
		pc.gh.publishInvariant(c.Context(), e, p, res.Invariant)
		return invariantExit(res.Invariant)
	}
	if pc.out != "" {
		if err := operation.SavePlan(pc.out, p); err != nil {
			return err
		}
		view.PlanSaved(e.stderr, pc.out)
	}
	if err := pc.gh.publish(c.Context(), e, p); err != nil {
		return err
	}
	if pc.detailedExitcode && drifted(p) {
		return &exitCode{Code: exitChanges}
	}
	return nil
}

func checkFormat(got string, allowed ...string) error {
	for _, a := range allowed {
		if got == a {
			return nil
		}
	}
	return withHint(fmt.Errorf("unknown output format %q", got), fmt.Sprintf("use one of %v", allowed))
}

// colorOK: colour only on a terminal, never with NO_COLOR or --no-color.
func colorOK(e *env, noColor bool) bool {
	if noColor || e.getenv("NO_COLOR") != "" || e.getenv("TERM") == "dumb" {
		return false
	}
	return isTerminal(e.stdout)
}

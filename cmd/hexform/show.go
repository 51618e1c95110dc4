package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/hexform/hexform/internal/view"
	"github.com/hexform/hexform/reconcile"
	"github.com/spf13/cobra"
)

func init() { register(newShowCmd) }

func newShowCmd(e *env) *cobra.Command {
	var output string
	var noColor bool
	c := &cobra.Command{
		Use:   "show PLANFILE",
		Short: "Render a plan saved by 'plan --out'",
		Long: `show prints a plan saved by 'hexform plan --out' exactly as plan printed it, in any of
plan's formats. It reads only the file: no workspace file, no target, no credential.
A plan file that was edited after it was made, or made by another format version, is
refused. Which changes are blocked is what the plan recorded; apply decides it again.`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if err := checkFormat(output, "text", "json", "markdown"); err != nil {
				return err
			}
			p, err := readSavedPlan(args[0])
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := view.Plan(&buf, p, output, colorOK(e, noColor)); err != nil {
				return err
			}
			_, err = io.Copy(e.stdout, &buf)
			return err
		},
	}
	fl := c.Flags()
	fl.StringVarP(&output, "output", "o", "text", "output format: text, json or markdown")
	fl.BoolVar(&noColor, "no-color", false, "never colour the text output")
	return c
}

// readSavedPlan reads a plan file, saying which of the ways a file can fail
// to be a plan this hexform trusts applies, and how to get one that is.
func readSavedPlan(path string) (*reconcile.Plan, error) {
	again := "make one with 'hexform plan --out " + path + "'"
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, withHint(fmt.Errorf("cannot read plan file %s: %w", path, errors.Unwrap(err)), again)
	}
	p, err := reconcile.ReadPlanJSON(bytes.NewReader(data))
	var edited *reconcile.PlanEditedError
	var format *reconcile.PlanFormatError
	switch {
	case err == nil:
		return p, nil
	case errors.As(err, &edited) && edited.Recorded != "":
		return nil, withHint(fmt.Errorf("%s was edited after it was made: it records plan_hash %s, its content hashes to %s", path, edited.Recorded, edited.Content),
			"a plan file is checked, not trusted: make the plan again with 'hexform plan --out "+path+"' and review it")
	case errors.As(err, &format):
		return nil, withHint(fmt.Errorf("%s has format_version %d; this hexform reads format_version %d", path, format.Version, reconcile.FormatVersion),
			"make the plan again with this hexform: hexform plan --out "+path)
	}
	return nil, withHint(fmt.Errorf("%s is not a hexform plan file: %w", path, err), again)
}

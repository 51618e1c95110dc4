package main

import (
	"bytes"
	"io"

	"github.com/hexform/hexform/internal/view"
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

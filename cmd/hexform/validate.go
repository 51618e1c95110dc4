package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/hexform/hexform/internal/view"
	"github.com/hexform/hexform/schema"
)

func init() { register(newValidateCmd) }

// Output formats of validate.
const (
	formatText   = view.FormatText
	formatJSON   = view.FormatJSON
	formatGitHub = view.FormatGitHub
)

func newValidateCmd(e *env) *cobra.Command {
	var file, format string
	var strict bool
	cmd := &cobra.Command{
		Use:   "validate [-f workspace.yaml]",
		Short: "Check a workspace file and report every mistake with file:line:col",
		Long: "validate loads the workspace file strictly and reports every problem at once.\n" +
			"Exit status: 0 when valid (warnings are printed), 1 on errors, or on warnings with --strict.\n" +
			"Files over 64MiB are refused; set HEXFORM_MAX_FILE_SIZE (e.g. 128MiB) to change the limit.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("format") {
				fmt.Fprintln(e.stderr, "hexform: warning: --format is deprecated: use -o/--output, as every hexform command does")
			}
			if format == "" {
				format = formatText
				if e.getenv("GITHUB_ACTIONS") == "true" {
					format = formatGitHub
				}
			}
			switch format {
			case formatText, formatJSON, formatGitHub:
			default:
				return withHint(fmt.Errorf("unknown output format %q", format), "use -o text, json or github")
			}
			opts, err := loadOptions(e)
			if err != nil {
				return err
			}
			_, diags := schema.LoadWith(file, opts)
			return reportDiagnostics(e, file, format, strict, diags)
		},
	}
	cmd.Flags().StringVarP(&file, "file", "f", "workspace.yaml", "workspace file to check")
	cmd.Flags().BoolVar(&strict, "strict", false, "fail on warnings too")
	cmd.Flags().StringVarP(&format, "output", "o", "", "output format: text, json or github (default github when GITHUB_ACTIONS=true, else text)")
	// --format was validate's name for -o before every command used -o.
	cmd.Flags().StringVar(&format, "format", "", "the former name of -o/--output")
	_ = cmd.Flags().MarkHidden("format")
	return cmd
}

// reportDiagnostics prints diags in format on stdout and returns the
// command's result: nil when valid, exit code 1 with a summary otherwise.
func reportDiagnostics(e *env, file, format string, strict bool, diags schema.Diagnostics) error {
	if err := view.Diagnostics(e.stdout, format, diags); err != nil {
		return err
	}
	nErr, nWarn := diags.Count(schema.SeverityError), diags.Count(schema.SeverityWarning)
	if nErr > 0 || (strict && nWarn > 0) {
		return &exitCode{Code: exitError, Err: errors.New(view.Invalid(file, nErr, nWarn))}
	}
	if format == formatText {
		return view.Valid(e.stdout, file, nWarn)
	}
	return nil
}

// plural is view.Plural, for the messages of the commands.
func plural(n int, word string) string { return view.Plural(n, word) }

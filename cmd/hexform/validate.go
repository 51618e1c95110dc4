package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hexform/hexform/schema"
)

func init() { register(newValidateCmd) }

// Output formats of validate.
const (
	formatText   = "text"
	formatJSON   = "json"
	formatGitHub = "github"
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
	var err error
	switch format {
	case formatJSON:
		err = writeJSON(e.stdout, diags)
	case formatGitHub:
		err = writeGitHub(e.stdout, diags)
	default:
		err = writeText(e.stdout, diags)
	}
	if err != nil {
		return err
	}
	nErr, nWarn := diags.Count(schema.SeverityError), diags.Count(schema.SeverityWarning)
	if nErr > 0 || (strict && nWarn > 0) {
		msg := fmt.Sprintf("%s, %s in %s", plural(nErr, "error"), plural(nWarn, "warning"), file)
		if nErr == 0 {
			msg += " (--strict fails on warnings)"
		}
		return &exitCode{Code: exitError, Err: errors.New(msg)}
	}
	if format == formatText {
		summary := file + ": valid"
		if nWarn > 0 {
			summary += " (" + plural(nWarn, "warning") + ")"
		}
		fmt.Fprintln(e.stdout, summary)
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func writeText(w io.Writer, diags schema.Diagnostics) error {
	for _, d := range diags {
		if _, err := fmt.Fprintln(w, d.String()); err != nil {
			return err
		}
	}
	return nil
}

// jsonDiagnostic is one entry of -o json: every key always present.
type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Hint     string `json:"hint"`
}

func writeJSON(w io.Writer, diags schema.Diagnostics) error {
	out := make([]jsonDiagnostic, 0, len(diags))
	for _, d := range diags {
		out = append(out, jsonDiagnostic{File: d.File, Line: d.Line, Column: d.Col, Severity: string(d.Severity), Message: d.Message, Hint: d.Hint})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// writeGitHub prints GitHub Actions workflow commands, one per diagnostic.
func writeGitHub(w io.Writer, diags schema.Diagnostics) error {
	for _, d := range diags {
		props := []string{"file=" + escapeProperty(d.File)}
		if d.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Line))
			if d.Col > 0 {
				props = append(props, fmt.Sprintf("col=%d", d.Col))
			}
		}
		msg := d.Message
		if d.Hint != "" {
			msg += "\nhint: " + d.Hint
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", d.Severity, strings.Join(props, ","), escapeData(msg)); err != nil {
			return err
		}
	}
	return nil
}

// escapeData escapes a workflow command's message as the Actions runner expects.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

package view

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/hexform/hexform/schema"
)

// Output formats. Every command takes the ones that fit it: text always,
// json for a machine, markdown for a plan, github for validate's workflow
// annotations.
const (
	FormatText     = "text"
	FormatJSON     = "json"
	FormatMarkdown = "markdown"
	FormatGitHub   = "github"
)

// Diagnostics writes validate's report of diags in format: text (one
// "file:line:col: severity: message" line each, hint lines under it), json
// (one array, every key always present) or github (one GitHub Actions
// workflow command each, so the runner annotates the file's lines).
func Diagnostics(w io.Writer, format string, diags schema.Diagnostics) error {
	switch format {
	case FormatJSON:
		return diagnosticsJSON(w, diags)
	case FormatGitHub:
		return diagnosticsGitHub(w, diags)
	}
	for _, d := range diags {
		if _, err := fmt.Fprintln(w, d.String()); err != nil {
			return err
		}
	}
	return nil
}

// Valid writes the line a text report of a valid file ends with:
// "workspace.yaml: valid", with the number of warnings when there are some.
func Valid(w io.Writer, file string, warnings int) error {
	summary := file + ": valid"
	if warnings > 0 {
		summary += " (" + Plural(warnings, "warning") + ")"
	}
	_, err := fmt.Fprintln(w, summary)
	return err
}

// Invalid is why validate fails: "2 errors, 1 warning in workspace.yaml",
// saying so when only --strict makes warnings fail.
func Invalid(file string, errors, warnings int) string {
	msg := fmt.Sprintf("%s, %s in %s", Plural(errors, "error"), Plural(warnings, "warning"), file)
	if errors == 0 {
		msg += " (--strict fails on warnings)"
	}
	return msg
}

// Plural is n and word, with an s unless n is 1: "1 error", "3 requests".
// Kind names have their own plurals (reconcile.Kind.Plural).
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// jsonDiagnostic is one entry of validate -o json: every key always present.
type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Hint     string `json:"hint"`
}

func diagnosticsJSON(w io.Writer, diags schema.Diagnostics) error {
	out := make([]jsonDiagnostic, 0, len(diags))
	for _, d := range diags {
		out = append(out, jsonDiagnostic{File: d.File, Line: d.Line, Column: d.Col, Severity: string(d.Severity), Message: d.Message, Hint: d.Hint})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// diagnosticsGitHub prints GitHub Actions workflow commands, one per diagnostic.
func diagnosticsGitHub(w io.Writer, diags schema.Diagnostics) error {
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

package schema

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/go-multierror"
)

// Severity says whether a Diagnostic fails validation.
type Severity string

// Severities.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Diagnostic is one finding about a workspace file, with its position.
// A Diagnostic is also an error, so errors.As can find it in Diagnostics.Err.
type Diagnostic struct {
	Pos
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint,omitempty"`
	// Omitted, when above zero, makes this the summary that stands for that
	// many further diagnostics of its severity, which were counted but not
	// kept (see MaxDiagnostics). It sorts after every other diagnostic.
	Omitted int `json:"omitted,omitempty"`
}

// MaxDiagnostics is how many errors, and separately how many warnings,
// Parse keeps. Past it, each further one is only counted, and one summary
// diagnostic ("and N more errors") closes the list, so a file with an
// error on every line costs no more memory than a valid one.
const MaxDiagnostics = 200

// String renders "FILE:LINE:COL: error: message", plus "\n\thint: ..." when
// there is a hint. Unknown parts of the position are left out.
func (d Diagnostic) String() string {
	var b strings.Builder
	if loc := d.Pos.String(); loc != "" {
		b.WriteString(loc)
		b.WriteString(": ")
	}
	b.WriteString(string(d.Severity))
	b.WriteString(": ")
	b.WriteString(d.Message)
	if d.Hint != "" {
		b.WriteString("\n\thint: ")
		b.WriteString(strings.ReplaceAll(d.Hint, "\n", "\n\t      "))
	}
	return b.String()
}

// Error implements error.
func (d Diagnostic) Error() string { return d.String() }

// String renders the position as "FILE:LINE:COL", leaving out unknown parts.
func (p Pos) String() string {
	s := p.File
	if p.Line > 0 {
		if s != "" {
			s += ":"
		}
		s += fmt.Sprint(p.Line)
		if p.Col > 0 {
			s += fmt.Sprintf(":%d", p.Col)
		}
	}
	return s
}

// Diagnostics is a list of findings, sorted by file, line and column once
// returned by Load or Parse.
type Diagnostics []Diagnostic

// Sort sorts ds by file, line, column, then errors before warnings, then
// message, and drops exact duplicates (which YAML aliases can produce).
func (ds *Diagnostics) Sort() {
	s := *ds
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		switch {
		case (a.Omitted > 0) != (b.Omitted > 0):
			return b.Omitted > 0
		case a.File != b.File:
			return a.File < b.File
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Col != b.Col:
			return a.Col < b.Col
		case a.Severity != b.Severity:
			return a.Severity == SeverityError
		}
		return a.Message < b.Message
	})
	out := s[:0]
	for i, d := range s {
		if i > 0 && d == s[i-1] {
			continue
		}
		out = append(out, d)
	}
	*ds = out
}

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Count returns how many diagnostics of severity sev were found, counting
// those a summary diagnostic stands for.
func (ds Diagnostics) Count(sev Severity) int {
	n := 0
	for _, d := range ds {
		switch {
		case d.Severity != sev:
		case d.Omitted > 0:
			n += d.Omitted
		default:
			n++
		}
	}
	return n
}

// Errors returns the error diagnostics.
func (ds Diagnostics) Errors() Diagnostics { return ds.filter(SeverityError) }

// Warnings returns the warning diagnostics.
func (ds Diagnostics) Warnings() Diagnostics { return ds.filter(SeverityWarning) }

func (ds Diagnostics) filter(s Severity) Diagnostics {
	var out Diagnostics
	for _, d := range ds {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Err returns nil when there are no errors, else a *multierror.Error holding
// every error diagnostic (each one a Diagnostic), one per line.
func (ds Diagnostics) Err() error {
	errs := ds.Errors()
	if len(errs) == 0 {
		return nil
	}
	m := &multierror.Error{ErrorFormat: func(es []error) string {
		lines := make([]string, len(es))
		for i, e := range es {
			lines[i] = e.Error()
		}
		return strings.Join(lines, "\n")
	}}
	for _, d := range errs {
		m.Errors = append(m.Errors, d)
	}
	return m
}

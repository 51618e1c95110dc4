package operation

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hexform/hexform/reconcile"
)

// HintError is an error with "hint:" lines, each saying how to fix it,
// to be printed under it.
type HintError struct {
	Err   error
	Hints []string
}

func (e *HintError) Error() string { return e.Err.Error() }
func (e *HintError) Unwrap() error { return e.Err }

// WithHint wraps err with hint lines.
func WithHint(err error, hints ...string) error { return &HintError{Err: err, Hints: hints} }

// gitErr adds the hint a gitsrc error carries.
func gitErr(err error) error {
	var h interface{ Hint() string }
	if errors.As(err, &h) && h.Hint() != "" {
		return WithHint(err, h.Hint())
	}
	return err
}

// RefuseInvariant turns an invariant violation (a *reconcile.InvariantError
// from the policy check) into the refusal a command reports, one hint line
// per violation. Any other error is returned as it is.
func RefuseInvariant(err error) error {
	var ie *reconcile.InvariantError
	if !errors.As(err, &ie) {
		return err
	}
	hints := make([]string, 0, len(ie.Violations))
	for _, v := range ie.Violations {
		hints = append(hints, fmt.Sprintf("%s: %s", v.Invariant, v.Message))
	}
	return WithHint(fmt.Errorf("the plan breaks %d invariant(s) that no flag overrides; nothing was applied", len(ie.Violations)), hints...)
}

// OneLine keeps the first line of s, at most 300 bytes of it: how an
// error's text goes into a one-line message.
func OneLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 300 {
		s = strings.ToValidUTF8(s[:300], "") + "…"
	}
	return s
}

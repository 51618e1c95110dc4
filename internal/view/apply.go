package view

import (
	"fmt"
	"io"
	"strings"

	"github.com/hexform/hexform/reconcile"
)

// ApplyProgress writes one change's outcome as apply reaches it: "ID: done",
// "ID: not started", or the result and the error. Ids hold names the target
// reported and errors hold what servers said: both are escaped, so no name
// can print a line of its own.
func ApplyProgress(w io.Writer, c reconcile.Change, result string, err error) {
	id := reconcile.EscapeText(c.ID)
	switch {
	case result == reconcile.ResultNotStarted:
		fmt.Fprintf(w, "%s: not started\n", id)
	case err != nil && strings.HasPrefix(err.Error(), result+":"):
		fmt.Fprintf(w, "%s: %s\n", id, reconcile.EscapeText(err.Error())) // the error already says what happened
	case err != nil:
		fmt.Fprintf(w, "%s: %s: %s\n", id, result, reconcile.EscapeText(err.Error()))
	case result == reconcile.ResultApplied:
		fmt.Fprintf(w, "%s: done\n", id)
	}
}

// ApplyOutcome writes the counts an apply ends with, then each change that
// stays blocked with the line that confirms it.
func ApplyOutcome(w io.Writer, r *reconcile.ApplyResult) {
	fmt.Fprintf(w, "\nApply complete: %d applied, %d failed, %d skipped, %d blocked, %d manual, %d not started.\n",
		len(r.Applied), len(r.Failed), len(r.Skipped), len(r.Blocked), len(r.Manual), len(r.NotStarted))
	for _, id := range r.Blocked {
		fmt.Fprintf(w, "  blocked: %s (confirm with: %s)\n", reconcile.EscapeText(id), reconcile.EscapeText(strings.TrimSpace(reconcile.ConfirmLine(id))))
	}
}

// NothingToApply writes why apply asks nothing: no change of the plan can
// be carried out by the target.
func NothingToApply(w io.Writer) {
	fmt.Fprintln(w, "\nNothing can be applied: every change is blocked, manual or unverifiable.")
}

// ApplyPrompt writes the question apply asks on a terminal before it
// changes anything.
func ApplyPrompt(w io.Writer, n int, target string) {
	fmt.Fprintf(w, "\nApply %d change(s) to %s? Only 'yes' will be accepted: ", n, target)
}

package view

import (
	"fmt"
	"github.com/hexform/hexform/internal/par"
	"io"

	"github.com/hexform/hexform/reconcile"
)

// Plan writes p in format, as plan and show print it: json is the plan file
// itself (reconcile.RenderJSON), markdown is PlanMarkdown uncut, and text
// is PlanText (coloured when color is set) followed, when the plan has
// changes, by the hash apply --expect-plan pins it with.
func Plan(w io.Writer, p *reconcile.Plan, format string, color bool) error {
	switch format {
	case FormatJSON:
		return reconcile.RenderJSON(w, p)
	case FormatMarkdown:
		return PlanMarkdown(w, p, Options{})
	}
	if !p.HasChanges() {
		return PlanText(w, p, Options{Color: color})
	}
	// Both only read p: the hash (an encoding of every change) is computed
	// on another core while the text is written.
	var h string
	hashed := par.Go(func() { h = p.Hash() })
	err := PlanText(w, p, Options{Color: color})
	hashed()
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "\nPlan hash: %s\n", h)
	return err
}

// PlanSaved writes the line that says where plan --out saved the plan and
// how to apply it.
func PlanSaved(w io.Writer, path string) {
	fmt.Fprintf(w, "Saved the plan to %s; apply it with: hexform apply %s\n", path, path)
}

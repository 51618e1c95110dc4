package view

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"

	"github.com/hashicorp/go-multierror"
	"github.com/hexform/hexform/reconcile"
)

// applyReportVersion is the version of apply -o json's document.
const applyReportVersion = 1

// ApplyReport is what apply -o json prints: every change of the plan with
// its outcome, the counts, the hash of the plan applied and the exit code.
type ApplyReport struct {
	FormatVersion int             `json:"format_version"`
	Workspace     string          `json:"workspace"`
	Target        string          `json:"target"`
	PlanHash      string          `json:"plan_hash"`
	Changes       []ChangeOutcome `json:"changes"`
	Summary       ApplySummary    `json:"summary"`
	ExitCode      int             `json:"exit_code"`
	// Error is why nothing (or not everything) was applied, when apply
	// refused the plan or a change failed.
	Error string `json:"error,omitempty"`
}

// ChangeOutcome is one change of an ApplyReport.
type ChangeOutcome struct {
	ID      string `json:"id"`
	Outcome string `json:"outcome"` // a reconcile.Result* value, or "not_applied" when apply refused the plan
	Error   string `json:"error,omitempty"`
}

// ApplySummary counts the changes of an ApplyReport by outcome.
type ApplySummary struct {
	Applied      int `json:"applied"`
	Failed       int `json:"failed"`
	Skipped      int `json:"skipped"`
	Blocked      int `json:"blocked"`
	Manual       int `json:"manual"`
	Unverifiable int `json:"unverifiable"`
	NotStarted   int `json:"not_started"`
}

// OutcomeNotApplied marks every change of a plan apply refused as a whole.
const OutcomeNotApplied = "not_applied"

// NewApplyReport builds the report of an apply of p that exits with code
// and says msg (empty when there is nothing to say); r is nil when apply
// refused the plan before running it.
func NewApplyReport(p *reconcile.Plan, r *reconcile.ApplyResult, code int, msg string) *ApplyReport {
	rep := &ApplyReport{FormatVersion: applyReportVersion, Workspace: p.Workspace, Target: p.Target, PlanHash: p.Hash(),
		Changes: []ChangeOutcome{}, ExitCode: code, Error: msg}
	outcome, msgs := map[string]string{}, changeErrors(r)
	if r != nil {
		lists := map[string][]string{reconcile.ResultApplied: r.Applied, reconcile.ResultFailed: r.Failed,
			reconcile.ResultSkipped: r.Skipped, reconcile.ResultBlocked: r.Blocked, reconcile.ResultManual: r.Manual,
			reconcile.ResultUnverifiable: r.Unverifiable, reconcile.ResultNotStarted: r.NotStarted}
		for res, ids := range lists {
			for _, id := range ids {
				outcome[id] = res
			}
		}
		rep.Summary = ApplySummary{len(r.Applied), len(r.Failed), len(r.Skipped), len(r.Blocked), len(r.Manual), len(r.Unverifiable), len(r.NotStarted)}
	}
	for _, c := range p.Changes {
		o := outcome[c.ID]
		if o == "" {
			o = OutcomeNotApplied
		}
		rep.Changes = append(rep.Changes, ChangeOutcome{ID: c.ID, Outcome: o, Error: msgs[c.ID]})
	}
	return rep
}

// changeErrors maps change ids to why they did not apply.
func changeErrors(r *reconcile.ApplyResult) map[string]string {
	out := map[string]string{}
	var all *multierror.Error
	if r == nil || !errors.As(r.Err, &all) {
		return out
	}
	for _, err := range all.Errors {
		var ce *reconcile.ChangeError
		if errors.As(err, &ce) {
			out[ce.ChangeID] = ce.Err.Error()
		}
	}
	return out
}

// Write prints the report as one indented JSON document.
func (rep *ApplyReport) Write(w io.Writer) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

package main

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

// applyReport is what apply -o json prints: every change of the plan with
// its outcome, the counts, the hash of the plan applied and the exit code.
type applyReport struct {
	FormatVersion int             `json:"format_version"`
	Workspace     string          `json:"workspace"`
	Target        string          `json:"target"`
	PlanHash      string          `json:"plan_hash"`
	Changes       []changeOutcome `json:"changes"`
	Summary       applySummary    `json:"summary"`
	ExitCode      int             `json:"exit_code"`
	// Error is why nothing (or not everything) was applied, when apply
	// refused the plan or a change failed.
	Error string `json:"error,omitempty"`
}

type changeOutcome struct {
	ID      string `json:"id"`
	Outcome string `json:"outcome"` // a reconcile.Result* value, or "not_applied" when apply refused the plan
	Error   string `json:"error,omitempty"`
}

type applySummary struct {
	Applied      int `json:"applied"`
	Failed       int `json:"failed"`
	Skipped      int `json:"skipped"`
	Blocked      int `json:"blocked"`
	Manual       int `json:"manual"`
	Unverifiable int `json:"unverifiable"`
	NotStarted   int `json:"not_started"`
}

// outcomeNotApplied marks every change of a plan apply refused as a whole.
const outcomeNotApplied = "not_applied"

// newApplyReport builds the report of an apply of p; r is nil when apply
// refused the plan before running it, and err is what the command returns.
func newApplyReport(p *reconcile.Plan, r *reconcile.ApplyResult, err error) *applyReport {
	rep := &applyReport{FormatVersion: applyReportVersion, Workspace: p.Workspace, Target: p.Target, PlanHash: p.Hash(),
		Changes: []changeOutcome{}, ExitCode: exitOK}
	if err != nil {
		rep.Error, rep.ExitCode = err.Error(), exitError
		var ec *exitCode
		if errors.As(err, &ec) {
			rep.ExitCode = ec.Code
			if ec.Err == nil {
				rep.Error = ""
			}
		}
	}
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
		rep.Summary = applySummary{len(r.Applied), len(r.Failed), len(r.Skipped), len(r.Blocked), len(r.Manual), len(r.Unverifiable), len(r.NotStarted)}
	}
	for _, c := range p.Changes {
		o := outcome[c.ID]
		if o == "" {
			o = outcomeNotApplied
		}
		rep.Changes = append(rep.Changes, changeOutcome{ID: c.ID, Outcome: o, Error: msgs[c.ID]})
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

func writeApplyReport(w io.Writer, rep *applyReport) error {
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

// reportRefusal writes, with -o json, the document of an apply that stopped
// before it had a plan to show (an invalid file, a target that cannot be
// read or is leased): no changes, the error and the exit code. Otherwise it
// returns err as it is.
func (ac *applyCmd) reportRefusal(e *env, err error) error {
	if ac.output != "json" || ac.reported || err == nil {
		return err
	}
	rep := newApplyReport(&reconcile.Plan{}, nil, err)
	rep.PlanHash = ""
	if werr := writeApplyReport(e.stdout, rep); werr != nil {
		return werr
	}
	return err
}

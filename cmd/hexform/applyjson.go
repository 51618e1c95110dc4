package main

import (
	"errors"
	"io"

	"github.com/hexform/hexform/internal/view"
	"github.com/hexform/hexform/reconcile"
)

// newApplyReport builds apply -o json's report of an apply of p; r is nil
// when apply refused the plan before running it, and err is what the
// command returns, which gives the report its exit code and error.
func newApplyReport(p *reconcile.Plan, r *reconcile.ApplyResult, err error) *view.ApplyReport {
	code, msg := exitOK, ""
	if err != nil {
		code, msg = exitError, err.Error()
		var ec *exitCode
		if errors.As(err, &ec) {
			code = ec.Code
			if ec.Err == nil {
				msg = ""
			}
		}
	}
	return view.NewApplyReport(p, r, code, msg)
}

func writeApplyReport(w io.Writer, rep *view.ApplyReport) error { return rep.Write(w) }

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

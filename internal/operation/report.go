package operation

import (
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// Reporter receives what an operation has to say while it runs; the
// caller renders it. Its methods are called from the operation's goroutine,
// except Progress, which Apply calls as reconcile.Apply does.
type Reporter interface {
	// Diagnostics receives the warnings and errors found in the workspace
	// file, once per load.
	Diagnostics(ds schema.Diagnostics)
	// Planned receives the plan Apply is about to check and carry out. An
	// error stops Apply with that error; nothing is applied.
	Planned(p *reconcile.Plan) error
	// NothingToApply says that every change of the plan is blocked, manual
	// or unverifiable: nothing is asked, Apply only journals them.
	NothingToApply(p *reconcile.Plan)
	// Progress receives each change's outcome as Apply makes it.
	Progress(c reconcile.Change, result string, err error)
}

// Quiet is a Reporter that shows nothing.
type Quiet struct{}

func (Quiet) Diagnostics(schema.Diagnostics)           {}
func (Quiet) Planned(*reconcile.Plan) error            { return nil }
func (Quiet) NothingToApply(*reconcile.Plan)           {}
func (Quiet) Progress(reconcile.Change, string, error) {}

package main

import (
	"fmt"

	"github.com/hexform/hexform/internal/operation"
	"github.com/hexform/hexform/reconcile"
	"github.com/spf13/pflag"
)

// planFixedFlags are the flags whose meaning a saved plan already fixed:
// apply PLANFILE refuses them rather than silently ignoring them.
var planFixedFlags = []string{"file", "ref", "base", "scope", "rotate-secrets"}

// refuseFixedFlags refuses the flags whose meaning the saved plan fixed.
func refuseFixedFlags(fl *pflag.FlagSet, path string) error {
	for _, name := range planFixedFlags {
		if f := fl.Lookup(name); f != nil && f.Changed {
			return withHint(fmt.Errorf("--%s cannot be used with a saved plan: the plan already fixed it", name),
				"apply the plan as it was made (hexform apply "+path+"), or plan again with the new value and apply that plan")
		}
	}
	return nil
}

// readSavedPlan reads a plan file saved by 'plan --out'.
func readSavedPlan(path string) (*reconcile.Plan, error) { return operation.ReadPlan(path) }

// implicitTarget reports whether apply goes to a saved plan's recorded
// target without --target.
var implicitTarget = operation.ImplicitTarget

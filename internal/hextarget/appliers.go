package hextarget

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/go-multierror"

	"github.com/hexform/hexform/reconcile"
)

// applier is everything the Hex target knows about writing one kind: the
// actions it can carry out, the fields an update may touch, and when a
// change it could carry out is still a step in Settings. Each kind's applier
// is in its own file (kind_<name>.go) and is listed once, in appliers;
// Capabilities, Apply and Preflight all read that table, so what planning
// marks "auto" is exactly what Apply carries out.
type applier struct {
	kind reconcile.Kind
	// noun names the kind in the API's words, in messages: "data connection".
	noun string
	// read fills in the kind's part of a snapshot.
	read func(ctx context.Context, t *Target, r *reading) error
	// actions carry out the kind's changes, one function per action the
	// API has; an action missing here is manual.
	actions map[reconcile.Action]applyFunc
	// fields are the field paths (path prefixes) a change may set: the
	// update restriction of Capabilities.WriteFields. nil: every field the
	// kind has.
	fields []string
	// checked are further paths Apply accepts, left out of WriteFields so
	// that planning marks them manual, which the kind's mapping refuses with
	// its own message (a connection's "type").
	checked []string
	// manualIf marks a change manual for a reason its action and fields
	// cannot say; nil marks none.
	manualIf func(c reconcile.Change) bool
	// preflight builds the request a change would send, without sending
	// it; nil: the kind has nothing to check before the run starts.
	preflight func(tc *reconcile.Typed, secrets reconcile.SecretResolver) error
	// cost is the requests, by operation, carrying out c sends, given the
	// state as read (for the lists a create checks names in); nil: none.
	cost func(c reconcile.Change, s *reconcile.Snapshot) map[string]int
}

// applyFunc carries out one change, given its typed items; it returns the
// id Hex gave a created item ("" otherwise), also when a create half failed.
type applyFunc func(ctx context.Context, t *Target, tc *reconcile.Typed, secrets reconcile.SecretResolver) (id string, err error)

// appliers lists every kind the Hex target reads, in the order Snapshot
// reads them, each with what the API can write of it.
var appliers = []*applier{userApplier, groupApplier, connectionApplier, collectionApplier}

// applierOf returns the applier of k, or nil for a kind the API cannot read.
func applierOf(k reconcile.Kind) *applier {
	for _, a := range appliers {
		if a.kind == k {
			return a
		}
	}
	return nil
}

// unreadable are the kinds the API has no read endpoint for: those without
// an applier, in the engine's order.
var unreadable = unreadableKinds()

func unreadableKinds() []reconcile.Kind {
	var out []reconcile.Kind
	for _, k := range reconcile.Kinds {
		if applierOf(k) == nil {
			out = append(out, k)
		}
	}
	return out
}

// Capabilities are read off the appliers: see the package documentation.
func (t *Target) Capabilities() reconcile.Capabilities {
	c := reconcile.Capabilities{Read: map[reconcile.Kind]bool{}, Write: map[reconcile.Kind]map[reconcile.Action]bool{},
		WriteFields: map[reconcile.Kind][]string{}, ManualIf: manualIf}
	for _, a := range appliers {
		c.Read[a.kind] = true
		w := map[reconcile.Action]bool{}
		for act := range a.actions {
			w[act] = true
		}
		c.Write[a.kind] = w
		if a.fields != nil {
			c.WriteFields[a.kind] = a.fields
		}
	}
	return c
}

// manualIf asks the change's applier.
func manualIf(c reconcile.Change) bool {
	a := applierOf(c.Kind)
	return a != nil && a.manualIf != nil && a.manualIf(c)
}

// action finds what carries out c, or says that the API cannot.
func action(c reconcile.Change) (*applier, applyFunc, error) {
	if a := applierOf(c.Kind); a != nil {
		if do := a.actions[c.Action]; do != nil {
			return a, do, nil
		}
	}
	return nil, nil, fmt.Errorf("the Hex API cannot %s a %s: do it in Settings", c.Action, c.Kind)
}

// checkPaths refuses, naming each, the fields the API cannot set.
func (a *applier) checkPaths(c reconcile.Change) error {
	if a.fields == nil {
		return nil
	}
	verb := "change"
	if c.Action == reconcile.ActionCreate {
		verb = "set"
	}
	var errs *multierror.Error
	for _, f := range c.Fields {
		if !covered(f.Path, a.fields) && !covered(f.Path, a.checked) {
			errs = multierror.Append(errs, fmt.Errorf("field %q: the Hex API cannot %s it on a %s", f.Path, verb, a.noun))
		}
	}
	return joined(errs)
}

// covered reports whether path is one of prefixes or below one.
func covered(path string, prefixes []string) bool {
	for _, pre := range prefixes {
		if path == pre || strings.HasPrefix(path, pre+".") {
			return true
		}
	}
	return false
}

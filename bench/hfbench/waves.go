package main

import (
	"context"
	"sync"

	"github.com/hexform/hexform/reconcile"
)

// applyConcurrently is a sketch of a concurrent Apply, for measurement only:
// the plan's runnable changes (auto, not blocked) are cut into waves of
// consecutive changes of one kind and direction (creates and updates, or
// deletions) that do not depend on each other; the changes of a wave run on
// up to workers goroutines, waves one after the other, in plan order. A
// change whose dependency did not apply is skipped. It returns the ids
// applied (in plan order) and the number that failed.
func applyConcurrently(ctx context.Context, p *reconcile.Plan, t reconcile.Target, workers int) ([]string, int) {
	ok := map[string]bool{}
	var applied []string
	failed := 0
	for _, wave := range waves(p) {
		errs := make([]error, len(wave))
		sem := make(chan struct{}, workers)
		var wg sync.WaitGroup
		for i, c := range wave {
			if !depsApplied(c, ok) {
				errs[i] = context.Canceled
				continue
			}
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; wg.Done() }()
				errs[i] = t.Apply(ctx, c, benchSecrets{})
			}()
		}
		wg.Wait()
		for i, c := range wave {
			if errs[i] == nil {
				ok[c.ID] = true
				applied = append(applied, c.ID)
			} else if errs[i] != context.Canceled {
				failed++
			}
		}
	}
	return applied, failed
}

func depsApplied(c reconcile.Change, ok map[string]bool) bool {
	for _, d := range c.DependsOn {
		if !ok[d] {
			return false
		}
	}
	return true
}

// waves cuts the runnable changes into waves (see applyConcurrently).
func waves(p *reconcile.Plan) [][]reconcile.Change {
	var out [][]reconcile.Change
	var cur []reconcile.Change
	inCur := map[string]bool{}
	for _, c := range p.Changes {
		if c.Blocked != nil || c.Mode != reconcile.ModeAuto {
			continue
		}
		if len(cur) > 0 && (c.Kind != cur[0].Kind || c.IsDestructive() != cur[0].IsDestructive() || dependsOnAny(c, inCur)) {
			out, cur, inCur = append(out, cur), nil, map[string]bool{}
		}
		cur = append(cur, c)
		inCur[c.ID] = true
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

func dependsOnAny(c reconcile.Change, ids map[string]bool) bool {
	for _, d := range c.DependsOn {
		if ids[d] {
			return true
		}
	}
	return false
}

package hextarget

import (
	"time"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/reconcile"
)

var _ reconcile.CostEstimator = (*Target)(nil)

// leaseCost is what apply's workspace lease costs: the group list, the
// lease group created, the list again to see it is the only one, and the
// lease deleted at the end.
var leaseCost = map[string]int{"ListGroups": 2, "CreateGroup": 1, "DeleteGroup": 1}

// ApplyCost estimates what applying p costs: the read the plan made, made
// again by apply; the lease; and, for each change that is to run, the
// requests its kind's applier sends (cost). The wall time is hexapi.Cost's
// at the client's limits.
func (t *Target) ApplyCost(p *reconcile.Plan) *reconcile.ApplyCost {
	t.mu.Lock()
	by := map[string]int{}
	for op, n := range t.lastRead {
		by[op] += n
	}
	snap := t.snap
	t.mu.Unlock()
	if snap == nil {
		snap = &reconcile.Snapshot{}
	}
	for op, n := range leaseCost {
		by[op] += n
	}
	for _, c := range p.Changes {
		a := applierOf(c.Kind)
		if c.Mode != reconcile.ModeAuto || c.Blocked != nil || a == nil || a.cost == nil {
			continue
		}
		for op, n := range a.cost(c, snap) {
			by[op] += n
		}
	}
	limits := t.c.Limits()
	total, wall := hexapi.Cost(by, limits)
	named := "Hex's limits"
	if !sameLimits(limits, hexapi.HexLimits()) {
		named = "the limits of this run"
	}
	return &reconcile.ApplyCost{Requests: total, ByOperation: by, Seconds: int(wall.Round(time.Second) / time.Second), Limits: named}
}

func sameLimits(a, b hexapi.Limits) bool {
	if len(a) != len(b) {
		return false
	}
	for g, n := range a {
		if b[g] != n {
			return false
		}
	}
	return true
}

// pages is how many list requests n items take at per a page (an empty
// list is one request).
func pages(n, per int) int { return max(1, ceilDiv(n, per)) }

// ceilDiv is n/d rounded up.
func ceilDiv(n, d int) int { return (n + d - 1) / d }

// onlyFields reports whether every field of c is one of paths: a change
// Hex has no place for (protected) costs nothing.
func onlyFields(c reconcile.Change, paths ...string) bool {
	for _, f := range c.Fields {
		ok := false
		for _, p := range paths {
			ok = ok || f.Path == p
		}
		if !ok {
			return false
		}
	}
	return true
}

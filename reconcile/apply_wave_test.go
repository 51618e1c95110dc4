package reconcile

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// barrier lets n callers through together; it fails the test rather than
// hang when fewer ever arrive (that is, when Apply did not overlap them).
type barrier struct {
	mu      sync.Mutex
	n, seen int
	open    chan struct{}
}

func newBarrier(n int) *barrier { return &barrier{n: n, open: make(chan struct{})} }

func (b *barrier) wait(t *testing.T) {
	b.mu.Lock()
	b.seen++
	if b.seen == b.n {
		close(b.open)
	}
	b.mu.Unlock()
	select {
	case <-b.open:
	case <-time.After(10 * time.Second):
		t.Errorf("only %d of %d changes were ever in flight together", b.seen, b.n)
	}
}

func TestApplyConcurrentWaves(t *testing.T) {
	var ids []string
	deps := map[string][]string{}
	for i := range 8 {
		ids = append(ids, fmt.Sprintf("create group/g%d", i))
	}
	// A connection update waits for the groups; deletions come last.
	ids = append(ids, "update connection/C", "delete group/old1", "delete group/old2")
	deps["update connection/C"] = []string{"create group/g0", "create group/g7"}
	p := applyPlan(ids, deps)
	for i := range p.Changes {
		p.Changes[i].Kind = Kind(map[byte]string{'c': "group", 'u': "connection", 'd': "group"}[p.Changes[i].ID[0]])
		if p.Changes[i].ID[0] == 'd' {
			p.Changes[i].Action = ActionDelete
		}
	}
	f, j := newFakeTarget("create group/g3"), &fakeJournal{}
	first, second := newBarrier(4), newBarrier(4)
	var creates, inFlight, maxInFlight atomic.Int32
	f.onApply = func(c Change) {
		n := inFlight.Add(1)
		for m := maxInFlight.Load(); n > m && !maxInFlight.CompareAndSwap(m, n); m = maxInFlight.Load() {
		}
		if c.Action == "" && c.Kind == KindGroup {
			if creates.Add(1) <= 4 {
				first.wait(t)
			} else {
				second.wait(t)
			}
		}
		inFlight.Add(-1)
	}
	r := Apply(context.Background(), p, f, nil, ApplyOptions{Journal: j, Concurrency: 4})
	if got := maxInFlight.Load(); got != 4 {
		t.Errorf("at most %d changes in flight, want 4", got)
	}
	if len(r.Applied) != 10 || len(r.Failed) != 1 || r.Failed[0] != "create group/g3" {
		t.Fatalf("applied %v failed %v", r.Applied, r.Failed)
	}
	// Every change has one outcome in the journal, after its started line.
	started := map[string]bool{}
	outcomes := map[string]int{}
	for _, e := range j.entries {
		if e.Result == ResultStarted {
			started[e.Change] = true
			continue
		}
		if !started[e.Change] {
			t.Errorf("%s journaled %s before it started", e.Change, e.Result)
		}
		outcomes[e.Change]++
	}
	for _, id := range ids {
		if outcomes[id] != 1 {
			t.Errorf("%s has %d outcomes in the journal", id, outcomes[id])
		}
	}
	if diff := cmp.Diff([]string{"create group/g0", "create group/g1", "create group/g2"}, r.Applied[:3]); diff != "" {
		t.Errorf("ApplyResult lists are not in plan order (-want +got):\n%s", diff)
	}
	// The connection update ran only after both groups it needs were created.
	pos := map[string]int{}
	for i, id := range f.applied {
		pos[id] = i
	}
	if pos["update connection/C"] < pos["create group/g0"] || pos["update connection/C"] < pos["create group/g7"] {
		t.Errorf("update ran before its dependencies: %v", f.applied)
	}
	if pos["delete group/old1"] < pos["update connection/C"] {
		t.Errorf("a deletion ran before the update: %v", f.applied)
	}
}

func TestApplyWaveEnds(t *testing.T) {
	p := applyPlan([]string{"a", "b", "c", "d", "e"}, map[string][]string{"c": {"a"}})
	kinds := []Kind{KindGroup, KindGroup, KindGroup, KindGroup, KindConnection}
	for i := range p.Changes {
		p.Changes[i].Kind = kinds[i]
	}
	p.Changes[3].Action = ActionDelete
	run := &applyRun{plan: p, opts: ApplyOptions{Concurrency: 4}}
	var waves [][]string
	for i := 0; i < len(p.Changes); {
		j := run.waveEnd(i)
		var w []string
		for _, c := range p.Changes[i:j] {
			w = append(w, c.ID)
		}
		waves = append(waves, w)
		i = j
	}
	// c depends on a: a new wave; d deletes: a new wave; e is another kind.
	want := [][]string{{"a", "b"}, {"c"}, {"d"}, {"e"}}
	if diff := cmp.Diff(want, waves); diff != "" {
		t.Errorf("waves (-want +got):\n%s", diff)
	}
	run.opts.Concurrency = 1
	if run.waveEnd(0) != 1 {
		t.Error("one at a time must make waves of one")
	}
}

func TestApplyConcurrentCancelStartsNothingMore(t *testing.T) {
	var ids []string
	for i := range 6 {
		ids = append(ids, fmt.Sprintf("create group/g%d", i))
	}
	p := applyPlan(ids, nil)
	for i := range p.Changes {
		p.Changes[i].Kind = KindGroup
	}
	ctx, cancel := context.WithCancel(context.Background())
	f := newFakeTarget()
	f.onApply = func(c Change) {
		if c.ID == "create group/g0" {
			cancel()
			return
		}
		<-ctx.Done() // any other change in flight is still running when the cancel comes
	}
	r := Apply(ctx, p, f, nil, ApplyOptions{Concurrency: 2})
	// g0 and, if it was already launched, g1 finish; nothing starts after the cancel.
	if len(r.Applied)+len(r.NotStarted) != 6 || len(r.Applied) == 0 || len(r.Applied) > 2 ||
		r.Applied[0] != "create group/g0" || (len(r.Applied) == 2 && r.Applied[1] != "create group/g1") {
		t.Fatalf("applied %v, not started %v", r.Applied, r.NotStarted)
	}
}

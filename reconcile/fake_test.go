package reconcile

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// fakeTarget is a Target for engine tests: it records the changes it is
// asked to apply, fails on chosen change ids and can cancel a context when a
// chosen change runs.
type fakeTarget struct {
	mu      sync.Mutex
	failOn  map[string]error
	applied []string
	// onApply, when set, runs inside Apply before the outcome is decided.
	onApply func(c Change)
	// ctxErrs records ctx.Err() as each change saw it.
	ctxErrs []error
}

func newFakeTarget(failing ...string) *fakeTarget {
	f := &fakeTarget{failOn: map[string]error{}}
	for _, id := range failing {
		f.failOn[id] = fmt.Errorf("fake target refuses %q", id)
	}
	return f
}

func (f *fakeTarget) Name() string               { return "fake:test" }
func (f *fakeTarget) Capabilities() Capabilities { return AllCapabilities() }

func (f *fakeTarget) Snapshot(context.Context) (*Snapshot, error) {
	return nil, errors.New("fake target: no snapshot")
}

func (f *fakeTarget) Apply(ctx context.Context, c Change, _ SecretResolver) error {
	if f.onApply != nil {
		f.onApply(c)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ctxErrs = append(f.ctxErrs, ctx.Err())
	if err, ok := f.failOn[c.ID]; ok {
		return err
	}
	f.applied = append(f.applied, c.ID)
	return nil
}

// fakeJournal keeps the entries it is given; it fails on chosen change ids.
type fakeJournal struct {
	entries []JournalEntry
	failOn  map[string]bool
}

func (j *fakeJournal) Record(e JournalEntry) error {
	if j.failOn[e.Change] {
		return errors.New("disk full")
	}
	j.entries = append(j.entries, e)
	return nil
}

// fakeClock returns a fixed time, one second later at each call.
func fakeClock() func() time.Time {
	t := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	return func() time.Time {
		t = t.Add(time.Second)
		return t
	}
}

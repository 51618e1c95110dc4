package reconcile

import (
	"context"
	"fmt"
	"slices"
)

// Apply runs the plan in waves. With Concurrency 1 every wave is one change,
// so each change finishes, and is journaled, before the next starts. With
// more, a wave is a run of consecutive changes of one kind and one direction
// (creating or destroying) none of which depends on another in the wave: the
// plan's order already puts dependencies in earlier kinds and destructive
// changes last, so a wave's changes are independent and may overlap. Each
// outcome is journaled when it is known, after the change's started line.

// waveEnd returns the end (exclusive) of the wave that starts at i.
func (a *applyRun) waveEnd(i int) int {
	cs := a.plan.Changes
	if a.opts.Concurrency <= 1 {
		return i + 1
	}
	first := cs[i]
	in := map[string]bool{first.ID: true}
	j := i + 1
	for ; j < len(cs); j++ {
		c := cs[j]
		if c.Kind != first.Kind || c.IsDestructive() != first.IsDestructive() ||
			slices.ContainsFunc(c.DependsOn, func(d string) bool { return in[d] }) {
			break
		}
		in[c.ID] = true
	}
	return j
}

// wave carries out one wave, at most Concurrency changes at a time. Only
// this goroutine records outcomes (results, journal, progress), each as soon
// as it is known. Once ctx is cancelled no further change starts; those in
// flight finish.
func (a *applyRun) wave(ctx context.Context, cs []Change, secrets SecretResolver) {
	type finished struct {
		c      Change
		result string
		err    error
	}
	done := make(chan finished, len(cs))
	inFlight := 0
	collect := func() {
		f := <-done
		inFlight--
		a.finish(f.c, f.result, f.err)
	}
	for _, c := range cs {
		if ctx.Err() == nil {
			if result, err, run := a.decide(c); !run {
				a.finish(c, result, err)
				continue
			}
		}
		for inFlight >= max(a.opts.Concurrency, 1) {
			collect()
		}
		if ctx.Err() != nil {
			a.finish(c, ResultNotStarted, interrupted(ctx))
			continue
		}
		if jerr := a.record(c, ResultStarted, nil); jerr != nil {
			a.journalErrs = append(a.journalErrs, &JournalError{ChangeID: c.ID, Err: jerr})
		}
		inFlight++
		go func(c Change) {
			if err := safeApply(context.WithoutCancel(ctx), a.target, c, secrets); err != nil {
				done <- finished{c, ResultFailed, err}
				return
			}
			done <- finished{c, ResultApplied, nil}
		}(c)
	}
	for inFlight > 0 {
		collect()
	}
}

func interrupted(ctx context.Context) error {
	return fmt.Errorf("%w (%w)", ErrInterrupted, context.Cause(ctx))
}

// safeApply is t.Apply, with a panic in it turned into that change's
// failure: a goroutine's panic would otherwise end the process with exit
// status 2, which CI reads as "changes present".
func safeApply(ctx context.Context, t Target, c Change, secrets SecretResolver) (err error) {
	defer recoverInto(&err, "applying the change")
	return t.Apply(ctx, c, secrets)
}

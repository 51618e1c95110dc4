package schema

import (
	"maps"
	"runtime"
	"sync"
)

// The sections of a file decode into separate fields of the Workspace and
// read the YAML tree without changing it, so they decode side by side,
// each with a decoder of its own (fork), joined back in the file's key
// order (join): the diagnostics, and which of them the cap keeps, are
// those decoding them one after another gives.

// fork is a decoder for one section: its own diagnostics, positions and
// marks.
func (d *decoder) fork() *decoder { return newDecoder(d.file) }

// join adds what sub found to d, as if d had found it itself: past
// MaxDiagnostics of a severity a diagnostic is only counted.
func (d *decoder) join(sub *decoder) {
	for _, x := range sub.diags {
		if d.found[x.Severity] < MaxDiagnostics {
			d.diags = append(d.diags, x)
		}
		d.found[x.Severity]++
	}
	for sev, n := range sub.found {
		kept := min(n, MaxDiagnostics) // counted above
		d.found[sev] += n - kept
	}
	maps.Copy(d.vals, sub.vals)
	maps.Copy(d.keys, sub.keys)
	maps.Copy(d.bad, sub.bad)
	d.memberPos = append(d.memberPos, sub.memberPos...)
	d.secretUses = append(d.secretUses, sub.secretUses...)
}

// inParallel runs f(0) … f(n-1) on up to GOMAXPROCS goroutines and
// returns when all are done. A panic in one is raised again in the
// caller, once the others are done.
func inParallel(n int, f func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		next     int
		panicked any
	)
	take := func() int {
		mu.Lock()
		defer mu.Unlock()
		if panicked != nil || next == n {
			return -1
		}
		next++
		return next - 1
	}
	run := func(i int) {
		defer func() {
			if r := recover(); r != nil {
				mu.Lock()
				panicked = r
				mu.Unlock()
			}
		}()
		f(i)
	}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := take(); i >= 0; i = take() {
				run(i)
			}
		}()
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}

package par

import (
	"runtime"
	"sync"
)

// Go runs f on another goroutine. wait returns once f has returned, and
// raises f's panic, if it had one, in the goroutine that calls it.
func Go(f func()) (wait func()) {
	done := make(chan struct{})
	var panicked any
	go func() {
		defer close(done)
		defer func() { panicked = recover() }()
		f()
	}()
	return func() {
		<-done
		if panicked != nil {
			panic(panicked)
		}
	}
}

// Each runs f(0) … f(n-1) on up to GOMAXPROCS goroutines and returns when
// all are done. After a panic in one no further index is started, and the
// panic is raised in the caller once the others are done.
func Each(n int, f func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var (
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
	waits := make([]func(), workers)
	for w := range waits {
		waits[w] = Go(func() {
			for i := take(); i >= 0; i = take() {
				run(i)
			}
		})
	}
	for _, wait := range waits {
		wait()
	}
	if panicked != nil {
		panic(panicked)
	}
}

package schema

import (
	"sync/atomic"
	"testing"
)

// inParallel runs every index once, and a panic in one reaches the caller
// (where the loader turns it into an internal-error diagnostic) instead of
// ending the process from another goroutine.
func TestInParallel(t *testing.T) {
	var ran [50]atomic.Int32
	inParallel(len(ran), func(i int) { ran[i].Add(1) })
	for i := range ran {
		if n := ran[i].Load(); n != 1 {
			t.Fatalf("index %d ran %d times", i, n)
		}
	}
	defer func() {
		if r := recover(); r != "boom 7" {
			t.Fatalf("recovered %v, want the worker's panic", r)
		}
	}()
	inParallel(20, func(i int) {
		if i == 7 {
			panic("boom 7")
		}
	})
	t.Fatal("the panic did not reach the caller")
}

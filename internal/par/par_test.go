package par

import (
	"sync/atomic"
	"testing"
)

// Go waits for f and raises its panic in the waiting goroutine.
func TestGo(t *testing.T) {
	ran := false
	Go(func() { ran = true })()
	if !ran {
		t.Fatal("wait returned before f ran")
	}
	defer func() {
		if r := recover(); r != "boom" {
			t.Fatalf("recovered %v, want f's panic", r)
		}
	}()
	wait := Go(func() { panic("boom") })
	wait()
	t.Fatal("the panic did not reach the waiting goroutine")
}

// Each runs every index once, and a panic in one reaches the caller.
func TestEach(t *testing.T) {
	var ran [50]atomic.Int32
	Each(len(ran), func(i int) { ran[i].Add(1) })
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
	Each(20, func(i int) {
		if i == 7 {
			panic("boom 7")
		}
	})
	t.Fatal("the panic did not reach the caller")
}

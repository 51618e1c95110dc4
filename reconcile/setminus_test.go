package reconcile

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// SetMinus gives the same answer whether its lists come sorted (merged) or
// not (through a set), duplicates included.
func TestSetMinusSortedOrNot(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	list := func() []string {
		var l []string
		for range rng.IntN(12) {
			l = append(l, fmt.Sprint(rng.IntN(15)))
		}
		return l
	}
	for range 2000 {
		a, b := list(), list()
		want := SetMinus(append(a, "~unsorted", ""), append(b, "~unsorted", "")) // the set, the same elements
		sa, sb := slices.Clone(a), slices.Clone(b)
		slices.Sort(sa)
		slices.Sort(sb)
		if got := SetMinus(sa, sb); !cmp.Equal(got, want) {
			t.Fatalf("SetMinus(%q, %q) = %q, want %q", sa, sb, got, want)
		}
	}
}

package reconcile

import (
	stdcmp "cmp"
	"slices"
	"strings"
)

// sortAccess puts access changes in the review's order: what the tests
// expect the review to give.
func sortAccess(cs []AccessChange) {
	slices.SortStableFunc(cs, func(a, b AccessChange) int {
		return stdcmp.Or(
			stdcmp.Compare(resourceRank(a.Resource), resourceRank(b.Resource)),
			stdcmp.Compare(a.Resource, b.Resource),
			stdcmp.Compare(a.User, b.User))
	})
}

// resourceRank orders roles first, then resources in kind order.
func resourceRank(resource string) int {
	if resource == ResourceRole {
		return -1
	}
	k, _, _ := strings.Cut(resource, "/")
	return kindIndex(Kind(k))
}

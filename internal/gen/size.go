package gen

import "fmt"

// Size is how many items of each kind the desired workspace holds.
// Memberships is the total number of group members over all groups.
type Size struct {
	Users, Groups, Memberships int
	Connections, Packages      int
	Statuses, Categories       int
}

// Reference is the size the benchmarks measure: 10,000 users, 1,000 groups, 50,000
// memberships, 200 connections, 500 packages, 100 statuses and 100 categories.
var Reference = Size{Users: 10000, Groups: 1000, Memberships: 50000, Connections: 200, Packages: 500, Statuses: 100, Categories: 100}

// Small is Reference divided by 100: the unit of the diff linearity benchmarks
// (Small, Small.Times(10), Small.Times(100) = Reference).
var Small = Size{Users: 100, Groups: 10, Memberships: 500, Connections: 2, Packages: 5, Statuses: 1, Categories: 1}

// Times multiplies every count by n.
func (s Size) Times(n int) Size {
	return Size{Users: s.Users * n, Groups: s.Groups * n, Memberships: s.Memberships * n,
		Connections: s.Connections * n, Packages: s.Packages * n, Statuses: s.Statuses * n, Categories: s.Categories * n}
}

// String is "U users, G groups, M memberships, C connections, P packages, S statuses, K categories".
func (s Size) String() string {
	return fmt.Sprintf("%d users, %d groups, %d memberships, %d connections, %d packages, %d statuses, %d categories",
		s.Users, s.Groups, s.Memberships, s.Connections, s.Packages, s.Statuses, s.Categories)
}

// validate rejects sizes Generate cannot honour.
func (s Size) validate() error {
	switch {
	case s.Users < 2:
		return fmt.Errorf("gen: at least 2 users are needed (two admins), got %d", s.Users)
	case s.Users > 9_999_999:
		return fmt.Errorf("gen: at most 9,999,999 users, got %d", s.Users)
	case s.Groups < 0 || s.Memberships < 0 || s.Connections < 0 || s.Packages < 0 || s.Statuses < 0 || s.Categories < 0:
		return fmt.Errorf("gen: counts must not be negative: %s", s)
	case s.Memberships > 0 && s.Groups == 0:
		return fmt.Errorf("gen: %d memberships need at least one group", s.Memberships)
	case s.Memberships > s.Groups*s.Users:
		return fmt.Errorf("gen: %d memberships do not fit in %d groups of at most %d users", s.Memberships, s.Groups, s.Users)
	}
	return nil
}

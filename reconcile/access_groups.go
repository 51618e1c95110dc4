package reconcile

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"slices"
)

// AccessGroup is the users whose access to one resource a plan changes the
// same way: from Before to After, by the path Via (AccessChange gives the
// meaning of each). Users are lower-case emails, in order.
type AccessGroup struct {
	Resource      string
	Before, After string
	Via           string
	Users         []string
}

// Gain reports whether the group's users gain access (AccessChange.Gain).
func (g AccessGroup) Gain() bool {
	return AccessChange{Resource: g.Resource, Before: g.Before, After: g.After}.Gain()
}

// AccessGroups is a plan's access review: every user whose access to a
// resource, or whose workspace role, the changes change, held as groups
// so that a review of hundreds of thousands of users costs a string per
// user. A resource's groups come together, resources in the review's
// order (the role first, then by kind and name); a user's role change is
// a group of its own, since its Via is the user's change. Its JSON form is
// the list of entries (AccessChange), in that order and by user within a
// resource: Entries. Groups may share their lists of users: they are
// read-only.
type AccessGroups []AccessGroup

// Len is the number of entries.
func (a AccessGroups) Len() int {
	n := 0
	for _, g := range a {
		n += len(g.Users)
	}
	return n
}

// Entries lists one entry per user and resource, in the review's order;
// nil when there is none.
func (a AccessGroups) Entries() []AccessChange {
	if a.Len() == 0 {
		return nil
	}
	out := make([]AccessChange, 0, a.Len())
	for i := 0; i < len(a); {
		j := i + 1
		for j < len(a) && a[j].Resource == a[i].Resource {
			j++
		}
		start := len(out)
		for _, g := range a[i:j] {
			for _, u := range g.Users {
				out = append(out, AccessChange{User: u, Resource: g.Resource, Before: g.Before, After: g.After, Via: g.Via})
			}
		}
		if j-i > 1 { // one resource's users, merged
			slices.SortStableFunc(out[start:], func(x, y AccessChange) int { return cmp.Compare(x.User, y.User) })
		}
		i = j
	}
	return out
}

// GroupAccess groups entries that come in the review's order: each
// resource's entries together.
func GroupAccess(entries []AccessChange) AccessGroups {
	var out AccessGroups
	start := 0 // the first group of the current resource
	for _, e := range entries {
		if len(out) > 0 && out[len(out)-1].Resource != e.Resource {
			start = len(out)
		}
		i := start
		for i < len(out) && (out[i].Before != e.Before || out[i].After != e.After || out[i].Via != e.Via) {
			i++
		}
		if i == len(out) {
			out = append(out, AccessGroup{Resource: e.Resource, Before: e.Before, After: e.After, Via: e.Via})
		}
		out[i].Users = append(out[i].Users, e.User)
	}
	return out
}

// MarshalJSON writes the entries.
func (a AccessGroups) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // the plan's encoder escapes, or not, as it is set
	if err := enc.Encode(a.Entries()); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// UnmarshalJSON reads the entries, refusing keys an entry does not have,
// and entries whose resource comes back after another's.
func (a *AccessGroups) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var entries []AccessChange
	if err := dec.Decode(&entries); err != nil {
		return err
	}
	seen := map[string]bool{}
	for i, e := range entries {
		if i > 0 && entries[i-1].Resource != e.Resource && seen[e.Resource] {
			return errors.New("access: the entries of " + e.Resource + " are not together")
		}
		seen[e.Resource] = true
	}
	*a = GroupAccess(entries)
	return nil
}

package reconcile

import (
	"fmt"
	"strings"
)

// AccessChange is one user's access to one resource that a plan changes:
// the level before and after, and the path that explains the change (the
// one that grants After for a gain, the one that granted Before for a
// loss): "group/Finance", "workspace members", "workspace guests",
// "user/a@x.com" (shared with the user). For a role, Resource is "role",
// Before and After are workspace roles ("none" for no active user) and Via
// is the id of the change that sets it.
type AccessChange struct {
	User     string `json:"user"`
	Resource string `json:"resource"`
	Before   string `json:"before"`
	After    string `json:"after"`
	Via      string `json:"via"`
}

// ResourceRole is the Resource of an AccessChange to a user's workspace role.
const ResourceRole = "role"

// AccessNone is the level of no access, and the role of no active user.
const AccessNone = "none"

// Gain reports whether the change raises the user's access: a higher
// level, in the order of the resource's kind, or a higher role.
func (a AccessChange) Gain() bool {
	if a.Resource == ResourceRole {
		return roleRank(a.After) > roleRank(a.Before)
	}
	k, _, _ := strings.Cut(a.Resource, "/")
	spec := SpecOf(Kind(k))
	if spec == nil || spec.access == nil {
		return a.Before == AccessNone
	}
	return spec.access.rank(a.After) > spec.access.rank(a.Before)
}

// accessKind is how a kind's items grant access: grants reports each
// grant of the items of s; rank orders the kind's levels, 0 for none.
type accessKind struct {
	grants func(s *Snapshot, add func(Grant))
	rank   func(level string) int
}

// SeatCount is how many active users hold a role before and after a plan.
type SeatCount struct {
	Role   string `json:"role"`
	Before int    `json:"before"`
	After  int    `json:"after"`
}

// AccessReview is what a plan does to who can reach what: the access
// changes in a fixed order (roles first, then resources in kind order and
// by name, users by email), the seat counts per role when a role changes,
// and what could not be computed (a kind the target cannot read, a change
// that cannot be resolved against the state) and why.
type AccessReview struct {
	Changes     AccessGroups
	Seats       []SeatCount
	NotComputed []string
}

// Grant is one path by which a kind's item gives a level of access: a
// kind's access function reports each of its items' grants. ID is the
// item's id (it follows a rename), Name its current name, Level the
// level's name in the kind's terms.
type Grant struct {
	Kind     Kind
	ID, Name string
	Level    string
	To       Audience
}

// Audience is who a grant is to: the workspace's members (active users who
// are not guests), its guests, the active members of a group, or one user.
type Audience struct {
	Members, Guests bool
	Group, User     string
}

// via names the audience as an AccessChange's Via.
func (a Audience) via() string {
	switch {
	case a.Members:
		return "workspace members"
	case a.Guests:
		return "workspace guests"
	case a.Group != "":
		return "group/" + a.Group
	}
	return "user/" + a.User
}

// ReviewAccess computes what the changes, applied in order to have, do to
// access: each change is resolved against the state as the changes before
// it left it and stored through its kind's typed items (Resolve, Put), as
// a target applies it; group sharing follows a renamed group, as in Hex.
// Kinds in unreadable, and changes that cannot be resolved, make what they
// touch "not computed" rather than guessed. It is pure: have is not changed.
func ReviewAccess(have *Snapshot, changes []Change, unreadable map[Kind]bool) AccessReview {
	return reviewAccess(cloneSnapshot(have), nil, nil, changes, unreadable)
}

// reviewAccess is ReviewAccess of a normalised state it does not change.
// after, when set, is a copy of it indexed by x, to apply the changes to.
func reviewAccess(before, after *Snapshot, x *Index, changes []Change, unreadable map[Kind]bool) AccessReview {
	var r AccessReview
	for _, k := range []Kind{KindUser, KindGroup} {
		if unreadable[k] {
			r.NotComputed = []string{fmt.Sprintf("access: the target cannot read %s, so no access is computed", k.Plural())}
			return r
		}
	}
	if after == nil {
		after = cloneSnapshot(before)
		x = NewIndex(after)
	}
	skip := applyForAccess(after, x, changes, unreadable)
	p := newAccessPair(before, after, skip)
	r.Changes = p.resourceChanges(p.roleChanges(before, after, changes), before, after, unreadable, skip)
	r.Seats = p.seatCounts(before, after, r.Changes)
	r.NotComputed = skip.notes()
	return r
}

// accessSkip records what the access review cannot compute.
type accessSkip struct {
	kinds     map[Kind]string // kind -> why
	resources map[string]string
	users     map[string]string
	groups    map[string]string
	cut       string // why the listing stopped, when it did
}

func (s *accessSkip) notes() []string {
	var out []string
	for _, m := range []map[string]string{s.resources, s.users, s.groups} {
		for _, k := range sortedKeys(m) {
			out = append(out, k+": "+m[k])
		}
	}
	for _, k := range Kinds {
		if why, ok := s.kinds[k]; ok {
			out = append(out, string(k)+": "+why)
		}
	}
	if s.cut != "" {
		out = append(out, s.cut)
	}
	return out
}

// applyForAccess applies the changes to after, a copy of the state indexed
// by x, recording those it cannot apply and the kinds it cannot read.
func applyForAccess(after *Snapshot, x *Index, changes []Change, unreadable map[Kind]bool) *accessSkip {
	skip := &accessSkip{kinds: map[Kind]string{}, resources: map[string]string{}, users: map[string]string{}, groups: map[string]string{}}
	for _, spec := range kindTable {
		if spec.access != nil && unreadable[spec.Kind] {
			skip.kinds[spec.Kind] = fmt.Sprintf("the target cannot read %s, so access to them is not computed", spec.Plural)
		}
	}
	for _, c := range changes {
		if unreadable[c.Kind] {
			continue // reported for the kind, when it grants access
		}
		t, err := x.Resolve(c)
		if err == nil {
			err = x.Put(t, "planned:"+string(c.Kind)+"/"+c.Name)
		}
		if err != nil {
			skip.failed(c, err)
		}
	}
	after.Normalize()
	return skip
}

// failed records a change that cannot be applied: its resource, user or
// group is not computed.
func (s *accessSkip) failed(c Change, err error) {
	why := "not computed: " + c.ID + " cannot be applied to the state: " + err.Error()
	key := string(c.Kind) + "/" + c.Name
	if spec := SpecOf(c.Kind); spec != nil && spec.access != nil {
		s.resources[key] = why
	} else if c.Kind == KindUser {
		s.users[string(KindUser)+"/"+strings.ToLower(c.Name)] = why
	} else if c.Kind == KindGroup {
		s.groups[key] = why
	}
}

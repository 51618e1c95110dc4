package reconcile

import (
	"strings"

	"github.com/hexform/hexform/schema"
)

// roleRank orders workspace roles as schema.Roles does; "none" (no active
// user) is below every role.
func roleRank(r string) int { return schema.Role(r).Rank() }

// activeRoles maps each active user of s to their role.
func activeRoles(s *Snapshot) map[string]string {
	out := map[string]string{}
	for _, u := range s.Users {
		if u.Active {
			out[u.Email] = string(u.Role)
		}
	}
	return out
}

// roleChanges lists the users whose workspace role the changes set,
// including invitations ("none" before) and deactivations ("none" after),
// each with the id of the user's change as Via.
func roleChanges(before, after *Snapshot, changes []Change, skip *accessSkip) []AccessChange {
	by := map[string]string{}
	for _, c := range changes {
		if c.Kind == KindUser {
			by[strings.ToLower(c.Name)] = c.ID
		}
	}
	rb, ra := activeRoles(before), activeRoles(after)
	var out []AccessChange
	for _, u := range unionKeys(rb, ra, strings.Compare) {
		was, now := levelOrNone(rb[u]), levelOrNone(ra[u])
		if was == now {
			continue
		}
		if _, bad := skip.users[string(KindUser)+"/"+u]; bad {
			continue
		}
		out = append(out, AccessChange{User: u, Resource: ResourceRole, Before: was, After: now, Via: by[u]})
	}
	return out
}

// seatCounts counts the active users of each role before and after, when a
// role changes; nil otherwise.
func seatCounts(before, after *Snapshot, changes []AccessChange) []SeatCount {
	if len(changes) == 0 || changes[0].Resource != ResourceRole {
		return nil
	}
	count := func(s *Snapshot) map[string]int {
		n := map[string]int{}
		for _, r := range activeRoles(s) {
			n[r]++
		}
		return n
	}
	nb, na := count(before), count(after)
	out := make([]SeatCount, 0, len(schema.Roles))
	for _, r := range schema.Roles {
		out = append(out, SeatCount{Role: string(r), Before: nb[string(r)], After: na[string(r)]})
	}
	return out
}

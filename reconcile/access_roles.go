package reconcile

import (
	"strings"

	"github.com/hexform/hexform/schema"
)

// roleRank orders workspace roles as schema.Roles does; "none" (no active
// user) is below every role.
func roleRank(r string) int { return schema.Role(r).Rank() }

// activeRoles is the role of each active user of s, by user number; ""
// for a user s does not hold active.
func activeRoles(s *Snapshot, ids *userIDs) []string {
	out := make([]string, len(ids.emails))
	for _, u := range s.Users {
		if i := ids.lookup(u.Email); u.Active && i >= 0 {
			out[i] = string(u.Role)
		}
	}
	return out
}

// roleChanges lists the users whose workspace role the changes set,
// including invitations ("none" before) and deactivations ("none" after),
// each with the id of the user's change as Via.
func (p *accessPair) roleChanges(before, after *Snapshot, changes []Change) AccessGroups {
	by := map[string]string{}
	for _, c := range changes {
		if c.Kind == KindUser {
			by[strings.ToLower(c.Name)] = c.ID
		}
	}
	rb, ra := p.roles(before, after)
	var out AccessGroups
	for i, u := range p.ids.emails {
		was, now := levelOrNone(rb[i]), levelOrNone(ra[i])
		if was == now || p.skipped[i] {
			continue
		}
		out = append(out, AccessGroup{Resource: ResourceRole, Before: was, After: now, Via: by[u], Users: []string{u}})
	}
	return out
}

// roles is the role of each active user before and after, by user
// number, made once for the role changes and the seat counts.
func (p *accessPair) roles(before, after *Snapshot) (rb, ra []string) {
	if p.rolesBefore == nil {
		p.rolesBefore, p.rolesAfter = activeRoles(before, p.ids), activeRoles(after, p.ids)
	}
	return p.rolesBefore, p.rolesAfter
}

// seatCounts counts the active users of each role before and after, when a
// role changes; nil otherwise.
func (p *accessPair) seatCounts(before, after *Snapshot, changes AccessGroups) []SeatCount {
	if len(changes) == 0 || changes[0].Resource != ResourceRole {
		return nil
	}
	rb, ra := p.roles(before, after)
	nb, na := map[string]int{}, map[string]int{}
	for i := range rb {
		if rb[i] != "" {
			nb[rb[i]]++
		}
		if ra[i] != "" {
			na[ra[i]]++
		}
	}
	out := make([]SeatCount, 0, len(schema.Roles))
	for _, r := range schema.Roles {
		out = append(out, SeatCount{Role: string(r), Before: nb[string(r)], After: na[string(r)]})
	}
	return out
}

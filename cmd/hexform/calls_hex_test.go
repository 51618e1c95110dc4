package main

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/internal/hexsim"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// pages is how many list requests n items take at size per page: an empty
// list still takes one.
func pages(n, size int) int { return max(1, (n+size-1)/size) }

// sizedState is a workspace of u users, c connections and one group per
// entry of members, the i-th group having the first members[i] users.
func sizedState(u, c int, members []int) *reconcile.Snapshot {
	s := &reconcile.Snapshot{}
	for i := 0; i < u; i++ {
		role := schema.RoleEditor
		if i == 0 {
			role = schema.RoleAdmin
		}
		s.Users = append(s.Users, reconcile.UserState{Email: fmt.Sprintf("user%04d@acme.com", i), Role: role, Active: true})
	}
	for g, m := range members {
		gs := reconcile.GroupState{Name: fmt.Sprintf("group %04d", g), Members: []string{}}
		for i := 0; i < m; i++ {
			gs.Members = append(gs.Members, s.Users[i].Email)
		}
		s.Groups = append(s.Groups, gs)
	}
	for i := 0; i < c; i++ {
		s.Connections = append(s.Connections, reconcile.ConnectionState{
			Name: fmt.Sprintf("conn %04d", i), Type: "postgres",
			Config:  map[string]any{"hostname": "db", "port": 5432, "database": "d", "username": "u"},
			Secrets: map[string]string{"password": "sha256:00"},
			Sharing: reconcile.SharingState{Members: "none", Guests: "none", Public: "none"},
		})
	}
	return s
}

// everyKindIgnored manages the users, groups, connections and collections (so a plan
// reads them: a section the file leaves out is not read) and ignores every
// item of them (so it plans nothing).
const everyKindIgnored = `version: 1
workspace: sized
users:
  - {email: user0000@acme.com, role: admin}
groups: []
connections: []
collections: []
ignore:
  users: ["user0*"]
  groups: ["*"]
  connections: ["*"]
  collections: ["*"]
`

// TestHexPlanReadCalls: a plan makes exactly the minimum number of read
// calls (docs/hex.md, "Read calls"):
//
//	1 Me + ⌈U/500⌉ ListUsers + ⌈G/500⌉ ListGroups + Σ_g ⌈m_g/500⌉ ListUsers?groupId
//	  + ⌈C/100⌉ ListDataConnections + B GetDataConnection + ⌈K/100⌉ ListCollections
//
// with every ⌈⌉ at least 1 (an empty list is one request) and B the
// connections the list returns in their basic form (hexsim's BasicInList)
// and K the collections (none here).
func TestHexPlanReadCalls(t *testing.T) {
	big := make([]int, 501) // 2 pages of groups
	big[0], big[1], big[2] = 1001, 500, 1
	for _, tc := range []struct {
		name    string
		u, c    int
		members []int
		basic   []string
	}{
		{"small", 4, 1, []int{2, 0}, nil},
		{"several pages", 1001, 201, big, []string{"conn 0007", "conn 0150"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newHexRig(t, hexsim.Config{BasicInList: tc.basic}, sizedState(tc.u, tc.c, tc.members))
			ws := r.write("workspace.yaml", everyKindIgnored)
			r.mustCode(r.hexform("plan", "-f", ws), exitOK, "plan")
			listUsers := pages(tc.u, 500)
			for _, m := range tc.members {
				listUsers += pages(m, 500)
			}
			want := map[string]int{
				"Me":                  1,
				"ListUsers":           listUsers,
				"ListGroups":          pages(len(tc.members), 500),
				"ListDataConnections": pages(tc.c, 100),
				"ListCollections":     pages(0, 100),
			}
			if len(tc.basic) > 0 {
				want["GetDataConnection"] = len(tc.basic)
			}
			st := r.sim.Stats()
			if diff := cmp.Diff(want, st.Endpoints); diff != "" {
				t.Errorf("requests by endpoint (-want +got):\n%s", diff)
			}
			total := 0
			for _, n := range want {
				total += n
			}
			if st.Total != total || st.Faults.RateLimited != 0 {
				t.Errorf("%d requests (%d rate limited), want %d", st.Total, st.Faults.RateLimited, total)
			}
		})
	}
}

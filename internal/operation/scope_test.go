package operation

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/internal/hexsim"
	"github.com/hexform/hexform/internal/hextarget"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// simRig is a workspace on the Hex simulator, and its workspace file.
type simRig struct {
	*rig
	sim *hexsim.Server
	url string
}

const simToken = "hxtw_scope-test"

// scopeState is a workspace of users users and groups groups, each group
// with three members, and two connections.
func scopeState(users, groups int) *reconcile.Snapshot {
	s := &reconcile.Snapshot{}
	for i := range users {
		role := schema.RoleViewer
		if i < 2 {
			role = schema.RoleAdmin
		}
		s.Users = append(s.Users, reconcile.UserState{ID: fmt.Sprintf("u%d", i), Email: fmt.Sprintf("user%03d@acme.com", i), Role: role, Active: true})
	}
	for i := range groups {
		var m []string
		for j := range 3 {
			m = append(m, fmt.Sprintf("user%03d@acme.com", (i+j)%users))
		}
		s.Groups = append(s.Groups, reconcile.GroupState{ID: fmt.Sprintf("g%d", i), Name: fmt.Sprintf("group-%03d", i), Members: m})
	}
	for _, n := range []string{"Lake", "Warehouse"} {
		s.Connections = append(s.Connections, reconcile.ConnectionState{ID: "c-" + n, Name: n, Type: "postgres",
			Config:  map[string]any{"hostname": "db", "port": 5432, "database": "prod", "username": "ro"},
			Secrets: map[string]string{"password": ""}})
	}
	return s
}

func newSimRig(t *testing.T, state *reconcile.Snapshot) *simRig {
	t.Helper()
	sim := hexsim.New(hexsim.Config{Token: simToken, As: "user000@acme.com"}, state)
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	ws := reconcile.Export(sim.Snapshot(), "acme")
	data, err := schema.Marshal(ws)
	if err != nil {
		t.Fatal(err)
	}
	return &simRig{rig: newRig(t, string(data)), sim: sim, url: srv.URL}
}

func (r *simRig) open(context.Context, string, string) (*Target, error) {
	c, err := hexapi.NewClient(r.url, simToken, hexapi.WithRateLimit(0), hexapi.WithRetries(0))
	if err != nil {
		return nil, err
	}
	return &Target{Target: hextarget.New(c), Concurrent: true}, nil
}

func (r *simRig) client() *hexapi.Client {
	r.t.Helper()
	c, err := hexapi.NewClient(r.url, simToken, hexapi.WithRateLimit(0), hexapi.WithRetries(0))
	if err != nil {
		r.t.Fatal(err)
	}
	return c
}

// addMember adds a user to a group behind hexform's back.
func (r *simRig) addMember(group, user string) {
	r.t.Helper()
	edit := &hexapi.GroupEdit{Members: &hexapi.GroupMembersEdit{Add: &hexapi.UserIDList{Users: []hexapi.UserRef{{ID: user}}}}}
	if _, err := r.client().Groups.Edit(context.Background(), group, edit); err != nil {
		r.t.Fatal(err)
	}
}

func ids(p *reconcile.Plan) []string {
	out := []string{}
	for _, c := range p.Changes {
		out = append(out, c.ID)
	}
	return out
}

// plan plans with base and scope, counting the requests it makes.
func (r *simRig) plan(base, scope string) (*reconcile.Plan, int) {
	r.t.Helper()
	r.sim.ResetStats()
	res, err := Plan(context.Background(), PlanRequest{Source: Source{File: r.file, Base: base}, Scope: scope, Open: r.open, Reporter: r.rep})
	if err != nil {
		r.t.Fatal(err)
	}
	return res.Plan, r.sim.Stats().Total
}

// editMembers rewrites the workspace file with group's members replaced.
func (r *simRig) editMembers(group string, members ...string) {
	r.t.Helper()
	ws, ds := schema.LoadWith(r.file, schema.Options{})
	if ds.HasErrors() {
		r.t.Fatal(ds.Err())
	}
	for i := range ws.Groups {
		if ws.Groups[i].Name == group {
			ws.Groups[i].Members = members
		}
	}
	data, err := schema.Marshal(ws)
	if err != nil {
		r.t.Fatal(err)
	}
	r.write(string(data))
}

func TestScopedPlanReadsOnlyTheChange(t *testing.T) {
	r := newSimRig(t, scopeState(60, 30))
	r.commitWorkspace()
	r.editMembers("group-007", "user007@acme.com", "user008@acme.com", "user050@acme.com")
	full, fullCalls := r.plan("main", "")
	p, calls := r.plan("main", ScopeChanged)
	if got := ids(p); !slices.Equal(got, []string{"update group/group-007"}) {
		t.Fatalf("scoped plan %q", got)
	}
	if !slices.Equal(ids(full), ids(p)) {
		t.Errorf("full plan %q differs", ids(full))
	}
	// Me, one page of users, one of groups, the members of group-007.
	if calls != 4 {
		t.Errorf("scoped plan made %d requests, want 4 (full: %d)", calls, fullCalls)
	}
	// Me, users, groups, the members of each, connections, collections.
	if fullCalls != 1+1+1+30+1+1 {
		t.Errorf("full plan made %d requests, want 35", fullCalls)
	}
	want := &reconcile.ScopeNote{Reason: ScopeReason, NotRead: []reconcile.Kind{reconcile.KindConnection, reconcile.KindCollection},
		Partial: map[reconcile.Kind]reconcile.ReadCount{reconcile.KindGroup: {Read: 1, Total: 30}}}
	if p.Scope == nil || fmt.Sprint(*p.Scope) != fmt.Sprint(*want) {
		t.Errorf("scope note %+v, want %+v", p.Scope, want)
	}
	if full.Scope != nil {
		t.Errorf("a full plan has a scope note: %+v", full.Scope)
	}
}

func TestScopedPlanNeverDeletesWhatItDidNotRead(t *testing.T) {
	r := newSimRig(t, scopeState(10, 5))
	r.commitWorkspace()
	r.editMembers("group-001", "user001@acme.com")
	if _, err := r.client().Groups.Create(context.Background(), "made-in-settings", nil); err != nil {
		t.Fatal(err)
	}
	full, _ := r.plan("main", "")
	if !slices.Contains(ids(full), "delete group/made-in-settings") {
		t.Fatalf("the full plan deletes the group the file lacks: %q", ids(full))
	}
	p, _ := r.plan("main", ScopeChanged)
	if got := ids(p); !slices.Equal(got, []string{"update group/group-001"}) {
		t.Errorf("scoped plan %q: it must not delete a group it did not read", got)
	}
}

func TestConnectionsOnlyFileReadsNoUsersOrMembers(t *testing.T) {
	r := newSimRig(t, scopeState(60, 30))
	ws, _ := schema.LoadWith(r.file, schema.Options{})
	ws.Users, ws.Groups, ws.Collections = nil, nil, nil
	data, err := schema.Marshal(ws)
	if err != nil {
		t.Fatal(err)
	}
	r.write(string(data))
	p, calls := r.plan("", "")
	if len(p.Changes) != 0 {
		t.Errorf("changes %q", ids(p))
	}
	st := r.sim.Stats()
	if st.Endpoints["ListUsers"] != 0 || calls != 3 {
		t.Errorf("a connections-only plan made %d requests (%v), want 3: Me, the groups, the connections", calls, st.Endpoints)
	}
}

func TestApplySavedRereadsOnlyWhatItChanges(t *testing.T) {
	r := newSimRig(t, scopeState(60, 30))
	r.commitWorkspace()
	r.editMembers("group-007", "user007@acme.com", "user008@acme.com", "user050@acme.com")
	p, _ := r.plan("main", "")
	if p.Reread == nil {
		t.Fatal("a Hex plan records the fingerprint of what it changes")
	}
	path := filepath.Join(r.dir, "plan.json")
	if err := SavePlan(path, p); err != nil {
		t.Fatal(err)
	}
	// A change elsewhere does not make the plan stale.
	r.addMember("g20", "u1")
	r.sim.ResetStats()
	req := ApplyRequest{PlanRequest: PlanRequest{Target: "hex", Open: r.open, Reporter: r.rep}, PlanFile: path, Resolver: r.resolver}
	if _, err := Apply(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	// Me, users, groups, group-007's members, and the edit.
	if n := r.sim.Stats().Total; n != 5 {
		t.Errorf("apply of the saved plan made %d requests (%v), want 5", n, r.sim.Stats().Endpoints)
	}
	got := r.sim.Snapshot().Groups[7].Members
	if !slices.Equal(got, []string{"user007@acme.com", "user008@acme.com", "user050@acme.com"}) {
		t.Errorf("group-007 has %q", got)
	}
}

func TestApplySavedRefusesWhenWhatItChangesChanged(t *testing.T) {
	r := newSimRig(t, scopeState(10, 5))
	r.commitWorkspace()
	r.editMembers("group-001", "user001@acme.com")
	p, _ := r.plan("main", ScopeChanged)
	path := filepath.Join(r.dir, "plan.json")
	if err := SavePlan(path, p); err != nil {
		t.Fatal(err)
	}
	r.addMember("g1", "u9")
	req := ApplyRequest{PlanRequest: PlanRequest{Target: "hex", Open: r.open, Reporter: r.rep}, PlanFile: path, Resolver: r.resolver}
	_, err := Apply(context.Background(), req)
	if err == nil || !strings.Contains(err.Error(), "stale plan") || !strings.Contains(err.Error(), "changed: groups") {
		t.Fatalf("err = %v, want a stale plan naming groups", err)
	}
}

func TestScopeChangedNeedsBase(t *testing.T) {
	r := newSimRig(t, scopeState(3, 1))
	_, err := Plan(context.Background(), PlanRequest{Source: Source{File: r.file}, Scope: ScopeChanged, Open: r.open, Reporter: r.rep})
	if err == nil || !strings.Contains(err.Error(), "--scope changed needs --base") {
		t.Errorf("err = %v", err)
	}
}

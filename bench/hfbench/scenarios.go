package main

import (
	"context"
	"fmt"
	"github.com/hexform/hexform/internal/hexapi"
	"slices"
	"strings"
	"time"

	"github.com/hexform/hexform/internal/gen"
	"github.com/hexform/hexform/internal/hexsim"
	"github.com/hexform/hexform/internal/hextarget"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// scenario is the requests one kind of run makes against a workspace
// whose file matches it, and the fewest the API allows for it.
type scenario struct {
	name    string
	stats   hexsim.Stats
	minimum int
	changes int
}

// scenarioSizes are the workspaces the scenarios run at: the pull request
// target (2,000 users, 300 groups) and the reference size.
var scenarioSizes = []gen.Size{
	{Users: 2000, Groups: 300, Memberships: 10000, Connections: 40},
	{Users: 10000, Groups: 1000, Memberships: 50000, Connections: 200},
}

// printScenarios measures, at each size, a full plan, a plan of a
// connections-only file, a pull request's plan scoped to a change of one
// group's members, and the apply of that saved plan, each on a fresh
// simulator, with the request counts, the API's minimum and the wall time
// at Hex's limits.
func printScenarios(seed uint64) error {
	fmt.Println("### Request counts by scenario (file matching the workspace; the pull request adds one member to one group)")
	fmt.Println()
	fmt.Println("| workspace | scenario | requests | minimum the API allows | at Hex's limits | changes planned | by endpoint |\n|---|---|---|---|---|---|---|")
	for _, size := range scenarioSizes {
		g, err := gen.Generate(size, seed)
		if err != nil {
			return err
		}
		runs, err := scenarios(g.Current)
		if err != nil {
			return err
		}
		for _, s := range runs {
			fmt.Printf("| %d users, %d groups | %s | %d | %d | %s | %d | %s |\n", size.Users, size.Groups, s.name, s.stats.Total, s.minimum,
				atLimits(s.stats.Endpoints), s.changes, endpoints(s.stats.Endpoints))
		}
	}
	fmt.Println()
	return nil
}

// scenarios runs every scenario on state.
func scenarios(state *reconcile.Snapshot) ([]scenario, error) {
	base := reconcile.Export(state, "bench")
	// The sections Hex cannot read: their changes would be the checklist.
	base.Settings, base.Domains, base.Packages, base.Tags = nil, nil, nil, nil
	head, group := withOneMemberAdded(base)
	conns := *base
	conns.Users, conns.Groups, conns.Collections = nil, nil, nil
	var out []scenario
	for _, sc := range []struct {
		name string
		want *schema.Workspace
		read func(*schema.Workspace) reconcile.Scope
		min  int
	}{
		{"full plan", base, reconcile.FileScope, minReads(state)},
		{"plan of a connections-only file", &conns, reconcile.FileScope, minConnReads(state)},
		{"pull request plan, --scope changed", head, func(w *schema.Workspace) reconcile.Scope { return editScope(w, base) }, minGroupReads(state, group)},
	} {
		s, p, err := planOn(state, sc.want, sc.read(sc.want))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", sc.name, err)
		}
		out = append(out, scenario{sc.name, s, sc.min, len(p.Changes)})
		if strings.HasPrefix(sc.name, "pull request") {
			a, err := applySaved(state, p)
			if err != nil {
				return nil, fmt.Errorf("apply: %w", err)
			}
			out = append(out, scenario{"apply of that saved plan", a, minGroupReads(state, group) + minUserPages(state) + 1, len(p.Changes)})
		}
	}
	return out, nil
}

// withOneMemberAdded is ws with one user added to its first group that
// lacks one, and that group's name.
func withOneMemberAdded(ws *schema.Workspace) (*schema.Workspace, string) {
	head := *ws
	head.Groups = slices.Clone(ws.Groups)
	for i, g := range head.Groups {
		for _, u := range ws.Users {
			if !slices.Contains(g.Members, u.Email) {
				head.Groups[i].Members = append(slices.Clone(g.Members), u.Email)
				return &head, g.Name
			}
		}
	}
	return &head, ""
}

// editScope is what plan --base --scope changed reads for head.
func editScope(head, base *schema.Workspace) reconcile.Scope {
	return reconcile.EditScope(head, base, reconcile.Diff(head, reconcile.FromWorkspace(base), reconcile.Options{}))
}

// planOn reads scope from a fresh simulator on state and plans want.
func planOn(state *reconcile.Snapshot, want *schema.Workspace, scope reconcile.Scope) (hexsim.Stats, *reconcile.Plan, error) {
	s := newSim(state)
	defer s.srv.Close()
	t, err := s.target()
	if err != nil {
		return hexsim.Stats{}, nil, err
	}
	have, err := t.SnapshotScope(context.Background(), scope)
	if err != nil {
		return hexsim.Stats{}, nil, err
	}
	caps := t.Capabilities()
	p := reconcile.Diff(want, have, reconcile.Options{Target: t.Name(), Capabilities: &caps})
	p.Reread = reconcile.RereadOf(have, reconcile.ChangeScope(p.Changes))
	return s.Stats(), p, nil
}

// applySaved applies p as apply PLANFILE does, in a new process's target:
// it reads again what p changes, checks it is not stale, and applies.
func applySaved(state *reconcile.Snapshot, p *reconcile.Plan) (hexsim.Stats, error) {
	s := newSim(state)
	defer s.srv.Close()
	t, err := s.target()
	if err != nil {
		return hexsim.Stats{}, err
	}
	ctx := context.Background()
	scope := reconcile.ChangeScope(p.Changes)
	have, err := t.SnapshotScope(ctx, scope)
	if err != nil {
		return hexsim.Stats{}, err
	}
	if now := reconcile.RereadOf(have, scope); p.Reread == nil || now == nil || now.Fingerprint != p.Reread.Fingerprint {
		return hexsim.Stats{}, fmt.Errorf("the saved plan is stale")
	}
	if res := reconcile.Apply(ctx, p, t, benchSecrets{}, reconcile.ApplyOptions{}); res.Err != nil {
		return hexsim.Stats{}, res.Err
	}
	return s.Stats(), nil
}

var _ reconcile.ScopedReader = (*hextarget.Target)(nil)

// minConnReads is the fewest requests that read the connections with the
// names of the groups they are shared with: Me, the group pages, the
// connection pages.
func minConnReads(s *reconcile.Snapshot) int {
	return 1 + max(1, ceilDiv(len(s.Groups), 500)) + max(1, ceilDiv(len(s.Connections), 100))
}

// minGroupReads is the fewest requests that read one group's members: Me
// (the token's identity), the group pages (its id), its member pages.
func minGroupReads(s *reconcile.Snapshot, name string) int {
	n := 1 + max(1, ceilDiv(len(s.Groups), 500))
	for _, g := range s.Groups {
		if g.Name == name {
			n += max(1, ceilDiv(len(g.Members), 500))
		}
	}
	return n
}

// minUserPages is the user pages that map a new member's email to the id
// the API adds members by (it finds users by id, not by email).
func minUserPages(s *reconcile.Snapshot) int { return max(1, ceilDiv(len(s.Users), 500)) }

// atLimits is the wall time the requests take at Hex's documented limits
// (hexapi.Cost: 30 a minute in each rate-limit group, the groups side by
// side).
func atLimits(by map[string]int) string {
	_, wall := hexapi.Cost(by, hexapi.HexLimits())
	if wall < time.Minute {
		return fmt.Sprintf("%.0f s", wall.Seconds())
	}
	return fmt.Sprintf("%.1f min", wall.Minutes())
}

package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hexform/hexform/internal/gen"
	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/internal/hexsim"
	"github.com/hexform/hexform/internal/hextarget"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

const token = "bench-token"

// sim is a hexsim behind an httptest server that delays every API request
// by the current latency (outside the simulator's lock, as a network would).
type sim struct {
	*hexsim.Server
	srv   *httptest.Server
	delay atomic.Int64
}

func newSim(state *reconcile.Snapshot) *sim {
	s := &sim{Server: hexsim.New(hexsim.Config{Token: token}, state)}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if d := time.Duration(s.delay.Load()); d > 0 && strings.HasPrefix(r.URL.Path, "/api/") {
			time.Sleep(d)
		}
		s.ServeHTTP(w, r)
	}))
	return s
}

// target is a Hex target on s with the client-side rate limit off.
func (s *sim) target() (*hextarget.Target, error) {
	c, err := hexapi.NewClient(s.srv.URL, token, hexapi.WithHTTPClient(s.srv.Client()), hexapi.WithRateLimit(0))
	if err != nil {
		return nil, err
	}
	return hextarget.New(c), nil
}

// benchSecrets resolves every secret reference to a fixed value.
type benchSecrets struct{}

func (benchSecrets) Resolve(schema.SecretRef) (string, error) { return "bench-secret-value", nil }

func apiCmd(args []string) error {
	fs := flag.NewFlagSet("api", flag.ExitOnError)
	scale, seed := sizeFlags(fs)
	latency := fs.Duration("latency", 50*time.Millisecond, "latency of every API request during apply")
	workers := fs.Int("workers", 8, "concurrent requests of the concurrent apply")
	only := fs.Bool("scenarios", false, "measure only the request counts by scenario")
	_ = fs.Parse(args)
	if *only {
		return printScenarios(*seed)
	}
	g, err := gen.Generate(gen.Small.Times(*scale), *seed)
	if err != nil {
		return err
	}
	fmt.Printf("Workspace: %s (seed %d), with the users the plan lists to invite already invited; API latency during apply %v; client rate limit off.\n\n", gen.Small.Times(*scale), *seed, *latency)
	g = invited(g)
	seq, err := planAndApply(g, *latency, 1)
	if err != nil {
		return err
	}
	conc, err := planAndApply(g, *latency, *workers)
	if err != nil {
		return err
	}
	printCalls(seq, minReads(g.Current))
	printApply(seq, conc, *workers)
	fmt.Println()
	return printScenarios(*seed)
}

// run is what one plan-and-apply against a fresh simulator measured.
type run struct {
	reads      hexsim.Stats
	readTime   time.Duration
	plan       *reconcile.Plan
	writes     hexsim.Stats
	applyTime  time.Duration
	applied    []string
	minWrites  int
	failed     int
	replanning int // changes a plan after the apply still holds
}

// planAndApply reads the state through the API (no latency), plans with
// every deletion confirmed, then applies at the given latency with the given
// number of changes in flight (reconcile.ApplyOptions.Concurrency), and plans again.
func planAndApply(g *gen.Generated, latency time.Duration, workers int) (*run, error) {
	s := newSim(g.Current)
	defer s.srv.Close()
	t, err := s.target()
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	r := &run{}
	start := time.Now()
	snap, err := t.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	r.readTime, r.reads = time.Since(start), s.Stats()
	caps := t.Capabilities()
	r.plan = reconcile.Diff(g.Desired, snap, reconcile.Options{Target: t.Name(), Capabilities: &caps})
	if err := reconcile.Check(r.plan, g.Desired, snap, reconcile.Policy{AllowDelete: true, Force: true, Actor: snap.Actor, Settings: g.Desired.Settings}); err != nil {
		return nil, err
	}
	s.ResetStats()
	s.delay.Store(int64(latency))
	start = time.Now()
	res := reconcile.Apply(ctx, r.plan, t, benchSecrets{}, reconcile.ApplyOptions{Concurrency: workers})
	r.applied, r.failed = res.Applied, len(res.Failed)
	if res.Err != nil && os.Getenv("HFBENCH_DEBUG") != "" {
		fmt.Fprintln(os.Stderr, res.Err)
	}
	r.applyTime, r.writes = time.Since(start), s.Stats()
	s.delay.Store(0)
	r.minWrites = minWrites(r.plan, r.applied)
	after, err := t.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	again := reconcile.Diff(g.Desired, after, reconcile.Options{Target: t.Name(), Capabilities: &caps})
	for _, c := range again.Changes {
		if c.Mode == reconcile.ModeAuto {
			r.replanning++
		}
	}
	return r, nil
}

// invited returns g with every listed user the state lacks added to it, as
// if the plan's manual checklist (invite them in Settings; the API cannot)
// had been done: otherwise every group change adding one of them is skipped.
func invited(g *gen.Generated) *gen.Generated {
	cur := *g.Current
	cur.Users = append([]reconcile.UserState(nil), cur.Users...)
	have := map[string]bool{}
	for _, u := range cur.Users {
		have[strings.ToLower(u.Email)] = true
	}
	for i, u := range g.Desired.Users {
		if e := strings.ToLower(u.Email); !have[e] {
			cur.Users = append(cur.Users, reconcile.UserState{ID: fmt.Sprintf("00000000-0000-4000-8999-%012d", i), Email: e, Role: u.Role, Active: true})
		}
	}
	cur.Normalize()
	return &gen.Generated{Desired: g.Desired, YAML: g.YAML, Current: &cur}
}

package hextarget

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/internal/hexsim"
	"github.com/hexform/hexform/reconcile"
)

const simToken = "hxtw_lease-test-token"

// clock is a settable clock for the simulator and the leases; a real one
// follows time.Now.
type clock struct {
	mu   sync.Mutex
	t    time.Time
	real bool
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.real {
		return time.Now()
	}
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// leaseRig is hexsim with one group, behind an optional middleware.
type leaseRig struct {
	sim   *hexsim.Server
	url   string
	clock *clock
}

func newLeaseRig(t *testing.T, wrap func(*clock, http.Handler) http.Handler) *leaseRig {
	t.Helper()
	c := &clock{t: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}
	sim := hexsim.New(hexsim.Config{Token: simToken, Now: c.Now}, &reconcile.Snapshot{
		Users:  []reconcile.UserState{{Email: "alice@acme.com", Role: "admin", Active: true}},
		Groups: []reconcile.GroupState{{Name: "Analysts"}},
	})
	var h http.Handler = sim
	if wrap != nil {
		h = wrap(c, sim)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &leaseRig{sim: sim, url: srv.URL, clock: c}
}

func (r *leaseRig) target(t *testing.T) *Target {
	t.Helper()
	c, err := hexapi.NewClient(r.url, simToken, hexapi.WithRateLimit(0), hexapi.WithRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	return New(c)
}

func (r *leaseRig) opts(holder string, warn *[]string) LeaseOptions {
	o := LeaseOptions{Holder: holder, Now: r.clock.Now, Sleep: func(context.Context, time.Duration) error { return nil }}
	if warn != nil {
		o.Warn = func(m string) { *warn = append(*warn, m) }
	}
	return o
}

// leaseGroups are the simulator's lease groups' names.
func (r *leaseRig) leaseGroups() []string {
	var out []string
	for _, g := range r.sim.Snapshot().Groups {
		if IsLeaseName(g.Name) {
			out = append(out, g.Name)
		}
	}
	return out
}

func TestLeaseTurnsAwayASecondRun(t *testing.T) {
	r := newLeaseRig(t, nil)
	ctx := context.Background()
	a, err := r.target(t).AcquireLease(ctx, r.opts("alice@laptop pid 42", nil))
	if err != nil {
		t.Fatal(err)
	}
	if g := r.leaseGroups(); len(g) != 1 || !strings.HasSuffix(g[0], " alice@laptop pid 42") || !strings.HasPrefix(g[0], LeasePrefix+"2025-03-01T09:00:00Z ") {
		t.Fatalf("lease groups = %q", g)
	}
	r.clock.add(90 * time.Second)
	_, err = r.target(t).AcquireLease(ctx, r.opts("github acme/infra run 7", nil))
	var he *LeaseHeldError
	if !errors.As(err, &he) {
		t.Fatalf("second acquire: %v, want a LeaseHeldError", err)
	}
	want := "the workspace is leased by alice@laptop pid 42 (lease " + a.ID() + ", taken or renewed 1m30s ago): another apply is running"
	if err.Error() != want {
		t.Errorf("err = %q\nwant  %q", err, want)
	}
	if g := r.leaseGroups(); len(g) != 1 {
		t.Fatalf("after the refusal, lease groups = %q", g)
	}
	if err := a.Release(ctx); err != nil {
		t.Fatal(err)
	}
	b, err := r.target(t).AcquireLease(ctx, r.opts("github acme/infra run 7", nil))
	if err != nil {
		t.Fatalf("acquire after release: %v", err)
	}
	if err := b.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if g := r.leaseGroups(); len(g) != 0 {
		t.Fatalf("after both released, lease groups = %q", g)
	}
}

func TestLeaseStaleIsBrokenRenewedIsNot(t *testing.T) {
	r := newLeaseRig(t, nil)
	ctx := context.Background()
	a, err := r.target(t).AcquireLease(ctx, r.opts("alice@laptop pid 42", nil))
	if err != nil {
		t.Fatal(err)
	}
	r.clock.add(10 * time.Minute)
	if err := a.Renew(ctx); err != nil {
		t.Fatal(err)
	}
	r.clock.add(10 * time.Minute) // 20 minutes old, renewed 10 minutes ago
	var he *LeaseHeldError
	if _, err := r.target(t).AcquireLease(ctx, r.opts("bob", nil)); !errors.As(err, &he) || he.Age != 10*time.Minute {
		t.Fatalf("acquire of a renewed lease: %v, want held, renewed 10m ago", err)
	}
	r.clock.add(6 * time.Minute) // 16 minutes since the renewal: stale
	var warns []string
	b, err := r.target(t).AcquireLease(ctx, r.opts("bob", &warns))
	if err != nil {
		t.Fatalf("acquire over a stale lease: %v", err)
	}
	if len(warns) != 1 || warns[0] != "broke the stale lease "+a.ID()+" of alice@laptop pid 42: not renewed for 16m0s (more than 15m0s)" {
		t.Errorf("warnings = %q", warns)
	}
	if err := a.Release(ctx); err == nil || !strings.Contains(err.Error(), "was broken by another run") {
		t.Errorf("release of the broken lease: %v", err)
	}
	if err := b.Release(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestBreakLease(t *testing.T) {
	r := newLeaseRig(t, nil)
	ctx := context.Background()
	tg := r.target(t)
	if _, err := tg.BreakLease(ctx, "nope"); err == nil || err.Error() != "no lease nope: the workspace has no lease" {
		t.Errorf("break with no lease: %v", err)
	}
	a, err := tg.AcquireLease(ctx, r.opts("alice@laptop pid 42", nil))
	if err != nil {
		t.Fatal(err)
	}
	analysts := r.sim.Snapshot().Groups[0].ID
	if _, err := tg.BreakLease(ctx, analysts); err == nil || err.Error() != "no lease "+analysts+": the workspace's lease is "+a.ID() {
		t.Errorf("break of an ordinary group: %v", err)
	}
	l, err := tg.BreakLease(ctx, a.ID())
	if err != nil || l.Holder != "alice@laptop pid 42" {
		t.Fatalf("break: %+v, %v", l, err)
	}
	if g := r.sim.Snapshot().Groups; len(g) != 1 || g[0].Name != "Analysts" {
		t.Errorf("groups after the break = %+v", g)
	}
}

// rival creates another run's lease just before the first CreateGroup
// reaches the simulator, then advances the clock by gap: the two leases
// are made gap apart, the rival's first.
func rival(gap time.Duration) func(*clock, http.Handler) http.Handler {
	var once sync.Once
	return func(c *clock, next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			if req.Method == "POST" && req.URL.Path == "/api/v1/groups" {
				once.Do(func() {
					body := `{"name":"` + LeasePrefix + `2025-03-01T09:00:00Z 0000 rival"}`
					r2 := httptest.NewRequest("POST", "/api/v1/groups", strings.NewReader(body))
					r2.Header.Set("Authorization", "Bearer "+simToken)
					r2.Header.Set("Content-Type", "application/json")
					next.ServeHTTP(httptest.NewRecorder(), r2)
					c.add(gap)
				})
			}
			next.ServeHTTP(w, req)
		})
	}
}

func TestLeaseRace(t *testing.T) {
	for name, gap := range map[string]time.Duration{"rival earlier": time.Millisecond, "same instant": 0} {
		t.Run(name, func(t *testing.T) {
			r := newLeaseRig(t, rival(gap))
			o := r.opts("alice@laptop pid 42", nil)
			sleeps := 0
			o.Sleep = func(context.Context, time.Duration) error { sleeps++; return nil }
			_, err := r.target(t).AcquireLease(context.Background(), o)
			var he *LeaseHeldError
			if !errors.As(err, &he) || he.Lease.Holder != "rival" {
				t.Fatalf("acquire: %v, want held by the rival", err)
			}
			// A draw withdraws and tries again, then finds the rival's lease.
			if want := map[bool]int{true: 1, false: 0}[gap == 0]; sleeps != want {
				t.Errorf("%d pauses, want %d", sleeps, want)
			}
			if g := r.leaseGroups(); len(g) != 1 || !strings.HasSuffix(g[0], " rival") {
				t.Errorf("lease groups = %q, want the rival's only", g)
			}
		})
	}
}

// TestLeaseManyAtOnce: runs started together never hold the lease at the
// same time, and one of them gets it: on the real clock, and on one that
// stands still (every lease made at the same instant: only draws).
func TestLeaseManyAtOnce(t *testing.T) {
	for trial := range 6 {
		r := newLeaseRig(t, nil)
		r.clock.real = trial%2 == 0
		var mu sync.Mutex
		holding, held := 0, 0
		var wg sync.WaitGroup
		for i := range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				o := LeaseOptions{Holder: "run " + string(rune('a'+i)), Now: r.clock.Now, Sleep: func(ctx context.Context, d time.Duration) error {
					time.Sleep(d / 50)
					return nil
				}}
				h, err := r.target(t).AcquireLease(context.Background(), o)
				var he *LeaseHeldError
				if err != nil {
					if !errors.As(err, &he) && !errors.Is(err, ErrLeaseDraw) {
						t.Errorf("trial %d: %v", trial, err)
					}
					return
				}
				mu.Lock()
				holding++
				held++
				if holding > 1 {
					t.Errorf("trial %d: two runs hold the lease", trial)
				}
				mu.Unlock()
				time.Sleep(2 * time.Millisecond)
				mu.Lock()
				holding--
				mu.Unlock()
				if err := h.Release(context.Background()); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if held == 0 {
			t.Errorf("trial %d: no run got the lease", trial)
		}
		if g := r.leaseGroups(); len(g) != 0 {
			t.Errorf("trial %d: lease groups left: %q", trial, g)
		}
	}
}

// An interrupted run still gives its lease back: Release does not use the
// cancelled context's cancellation.
func TestLeaseReleasedWithCancelledContext(t *testing.T) {
	r := newLeaseRig(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	h, err := r.target(t).AcquireLease(ctx, r.opts("alice", nil))
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := h.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if g := r.leaseGroups(); len(g) != 0 {
		t.Errorf("lease groups = %q", g)
	}
}

// The holder renews its lease on its own every TTL/3.
func TestLeaseRenewsItself(t *testing.T) {
	r := newLeaseRig(t, nil)
	o := r.opts("alice", nil)
	o.TTL = 30 * time.Millisecond
	h, err := r.target(t).AcquireLease(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Release(context.Background())
	first := r.leaseGroups()
	r.clock.add(time.Minute)
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if g := r.leaseGroups(); len(g) == 1 && g[0] != first[0] {
			if !strings.HasPrefix(g[0], LeasePrefix+"2025-03-01T09:01:00Z ") {
				t.Errorf("renewed lease %q", g[0])
			}
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("the lease was not renewed: %q", r.leaseGroups())
}

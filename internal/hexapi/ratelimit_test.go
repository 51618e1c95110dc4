package hexapi

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"
)

// virtualClock is a clock that moves only when the client sleeps.
type virtualClock struct {
	mu  sync.Mutex
	now time.Time
}

func (v *virtualClock) Now() time.Time {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.now
}

func (v *virtualClock) sleep(ctx context.Context, d time.Duration) error {
	v.mu.Lock()
	if d > 0 {
		v.now = v.now.Add(d)
	}
	v.mu.Unlock()
	return ctx.Err()
}

// arrivals serves Me, ListUsers and ListDataConnections and records, per
// operation, the virtual time each request arrived at.
func arrivals(clock *virtualClock, start time.Time) (http.Handler, func(op string) []time.Duration) {
	var mu sync.Mutex
	seen := map[string][]time.Duration{}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		op := map[string]string{"/api/v1/users/me": "Me", "/api/v1/users": "ListUsers", "/api/v1/data-connections": "ListDataConnections"}[r.URL.Path]
		mu.Lock()
		seen[op] = append(seen[op], clock.Now().Sub(start))
		mu.Unlock()
		if op == "Me" {
			writeJSON(w, 200, map[string]any{"org": map[string]any{"id": "o1"}, "token": nil})
			return
		}
		writeJSON(w, 200, pageOf([]any{}, ""))
	})
	return h, func(op string) []time.Duration {
		mu.Lock()
		defer mu.Unlock()
		return append([]time.Duration(nil), seen[op]...)
	}
}

// near is true when got is within a millisecond of want (the limiter
// computes in float64 seconds).
func near(got, want time.Duration) bool {
	d := got - want
	return d > -time.Millisecond && d < time.Millisecond
}

// TestRateGroupsWaitApart: ListUsers and Me share the fixed group's 30 a
// minute, which WithRateLimit does not raise, while ListDataConnections
// runs on the default group's budget and never waits for theirs.
func TestRateGroupsWaitApart(t *testing.T) {
	start := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := &virtualClock{now: start}
	h, at := arrivals(clock, start)
	c, _ := newTestClient(t, h, WithRateLimit(6000), WithClock(clock.Now), WithSleep(clock.sleep))
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if _, err := c.Users.Me(ctx); err != nil {
			t.Fatal(err)
		}
		if _, _, err := c.Users.List(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if _, _, err := c.DataConnections.List(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	step := 2040 * time.Millisecond // 30 a minute, paced 2% under
	me, users, conns := at("Me"), at("ListUsers"), at("ListDataConnections")
	for i := 0; i < 3; i++ {
		if want := time.Duration(2*i+1) * step; !near(me[i], want) {
			t.Errorf("Me %d arrived at %v, want %v", i+1, me[i], want)
		}
		if want := time.Duration(2*i+2) * step; !near(users[i], want) {
			t.Errorf("ListUsers %d arrived at %v, want %v (the fixed group stays at 30 a minute)", i+1, users[i], want)
		}
		// The default group's interval (10.2ms) passed long ago: no wait.
		if !near(conns[i], users[i]) {
			t.Errorf("ListDataConnections %d arrived at %v, right after ListUsers at %v: it waited for the other group", i+1, conns[i], users[i])
		}
	}
}

// TestRateLimitSetsTheDefaultGroup: the first request of each group waits
// one interval of its own group, and WithRateLimit paces the default group.
func TestRateLimitSetsTheDefaultGroup(t *testing.T) {
	start := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := &virtualClock{now: start}
	h, at := arrivals(clock, start)
	c, _ := newTestClient(t, h, WithRateLimit(2), WithClock(clock.Now), WithSleep(clock.sleep))
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if _, _, err := c.DataConnections.List(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Users.Me(ctx); err != nil {
		t.Fatal(err)
	}
	conns, me := at("ListDataConnections"), at("Me")
	if want := []time.Duration{30600 * time.Millisecond, 61200 * time.Millisecond}; !near(conns[0], want[0]) || !near(conns[1], want[1]) {
		t.Errorf("ListDataConnections at 2 a minute arrived at %v, want %v", conns, want)
	}
	// Me's group started with its token spent at start: 2.04s, long past.
	if me[0] != conns[1] {
		t.Errorf("Me arrived at %v, want right away at %v", me[0], conns[1])
	}
	if got := c.Limits(); len(got) != 2 || got[RateGroupDefault] != 2 || got[RateGroupFixed] != FixedRateLimit {
		t.Errorf("Limits() = %v", got)
	}
}

func TestRateGroupOf(t *testing.T) {
	for op, want := range map[string]string{
		"ListUsers": RateGroupFixed, "DeactivateUser": RateGroupFixed, "Me": RateGroupFixed,
		"ListGroups": RateGroupDefault, "EditGroup": RateGroupDefault, "CreateGroup": RateGroupDefault,
		"ListDataConnections": RateGroupDefault, "GetDataConnection": RateGroupDefault,
		"EditDataConnection": RateGroupDefault, "SomethingNew": RateGroupDefault,
		"ListCollections": RateGroupDefault, "GetCollection": RateGroupDefault,
		"CreateCollection": RateGroupDefault, "EditCollection": RateGroupDefault,
	} {
		if got := RateGroupOf(op); got != want {
			t.Errorf("RateGroupOf(%s) = %s, want %s", op, got, want)
		}
	}
}

func TestClientLimits(t *testing.T) {
	c, _ := NewClient("https://app.hex.tech", testToken)
	if got := c.Limits(); len(got) != 2 || got[RateGroupDefault] != 30 || got[RateGroupFixed] != 30 {
		t.Errorf("default Limits() = %v, want 30 in each group", got)
	}
	c, _ = NewClient("https://app.hex.tech", testToken, WithRateLimit(0))
	if got := c.Limits(); got == nil || len(got) != 0 || c.limiter != nil || c.fixed != nil {
		t.Errorf("WithRateLimit(0): Limits() = %v, limiters %v %v; want none", got, c.limiter, c.fixed)
	}
	c, _ = NewClient("https://app.hex.tech", testToken, WithLimiter(&countingLimiter{}))
	if got := c.Limits(); got != nil || c.limiter != c.fixed {
		t.Errorf("WithLimiter: Limits() = %v; want nil and one limiter for both groups", got)
	}
}

// TestCost: the groups run side by side, each request of a group waits one
// interval of it (2.04s at 30 a minute).
func TestCost(t *testing.T) {
	counts := map[string]int{
		"Me": 1, "ListUsers": 300, // fixed: 301
		"ListGroups": 2, "GetGroup": 10, "EditGroup": 100, // default: 112
		"CreateGroup": 0, "DeleteGroup": -3, // ignored
	}
	cases := []struct {
		name   string
		limits Limits
		wall   time.Duration
	}{
		{"Hex's limits", HexLimits(), 301 * 2040 * time.Millisecond},
		{"default group raised", Limits{RateGroupDefault: 600, RateGroupFixed: 30}, 301 * 2040 * time.Millisecond},
		{"default group the slower", Limits{RateGroupDefault: 10, RateGroupFixed: 30}, 112 * 6120 * time.Millisecond},
		{"fixed group unlimited", Limits{RateGroupDefault: 6000}, 112 * 10200 * time.Microsecond},
		{"no limits", Limits{}, 0},
		{"nil limits", nil, 0},
	}
	for _, tc := range cases {
		total, wall := Cost(counts, tc.limits)
		if total != 413 || wall != tc.wall {
			t.Errorf("%s: Cost = %d requests, %v; want 413, %v", tc.name, total, wall, tc.wall)
		}
	}
	if total, wall := Cost(nil, HexLimits()); total != 0 || wall != 0 {
		t.Errorf("Cost of nothing = %d, %v", total, wall)
	}
	// 412 requests of the default group at Hex's limits: about 14 minutes.
	if _, wall := Cost(map[string]int{"EditGroup": 412}, HexLimits()); wall.Round(time.Minute) != 14*time.Minute {
		t.Errorf("412 edits take %v, want about 14 minutes", wall)
	}
}

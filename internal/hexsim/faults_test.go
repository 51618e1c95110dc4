package hexsim

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fakeClock is an injectable clock.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// TestRateLimit: each rate-limit group has its own sliding minute: Me and
// ListUsers share the fixed group's, ListGroups counts in the default one.
func TestRateLimit(t *testing.T) {
	clock := &fakeClock{now: time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)}
	s, c := newSim(t, Config{RateLimitPerMinute: 3, FixedRateLimitPerMinute: 2, Now: clock.Now}, fixture())
	for range 2 {
		c.do("GET", "/api/v1/users/me", nil).want(t, 200)
	}
	clock.Advance(20 * time.Second)
	for range 3 {
		c.do("GET", "/api/v1/groups", nil).want(t, 200) // the fixed group's full window does not count
	}
	r := c.do("GET", "/api/v1/users", nil)
	wantCode(t, r, 429, "TOO_MANY_REQUESTS", "rate limit exceeded: 2 requests per minute (hex-api-30rpm)")
	if got := r.header.Get("Retry-After"); got != "40" {
		t.Errorf("Retry-After %q, want 40 (the two Me requests leave the window in 40s)", got)
	}
	r = c.do("GET", "/api/v1/groups", nil)
	wantTsoa(t, r, 429, "rate limit exceeded: 3 requests per minute (hex-api)") // the endpoint's error shape
	if got := r.header.Get("Retry-After"); got != "60" {
		t.Errorf("ListGroups: Retry-After %q, want 60 (its own window, filled just now)", got)
	}
	clock.Advance(40 * time.Second)
	c.do("GET", "/api/v1/users", nil).want(t, 200)
	c.do("GET", "/api/v1/users", nil).want(t, 200)
	r = c.do("GET", "/api/v1/users", nil)
	if r.status != 429 || r.header.Get("Retry-After") != "60" {
		t.Errorf("third request in the fixed group's new window: %d, Retry-After %q", r.status, r.header.Get("Retry-After"))
	}
	r = c.do("GET", "/api/v1/groups", nil)
	if r.status != 429 || r.header.Get("Retry-After") != "20" {
		t.Errorf("ListGroups 40s later: %d, Retry-After %q, want 429 and 20", r.status, r.header.Get("Retry-After"))
	}
	st := s.Stats()
	if want := map[string]int{"hex-api": 2, "hex-api-30rpm": 2}; st.Faults.RateLimited != 4 || st.Total != 11 || !cmp.Equal(st.Faults.RateLimitedByGroup, want) {
		t.Errorf("stats %+v, want 11 requests, 4 answered 429, by group %v", st, want)
	}
	s.ResetStats()
	if st := s.Stats(); st.Faults.RateLimitedByGroup != nil {
		t.Errorf("after a reset: %v", st.Faults.RateLimitedByGroup)
	}
}

// TestFixedGroupDefault: with only the default group's limit set, the fixed
// group is held to 30 a minute, as Hex documents it; a negative fixed limit
// lifts it, and a fixed limit alone leaves the default group free.
func TestFixedGroupDefault(t *testing.T) {
	clock := &fakeClock{now: time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)}
	count429 := func(cfg Config, path string, n int) int {
		cfg.Now = clock.Now
		_, c := newSim(t, cfg, fixture())
		got := 0
		for range n {
			if c.do("GET", path, nil).status == 429 {
				got++
			}
		}
		return got
	}
	cases := []struct {
		cfg  Config
		path string
		n    int
		want int
	}{
		{Config{RateLimitPerMinute: 1}, "/api/v1/users/me", 31, 1},
		{Config{RateLimitPerMinute: 1}, "/api/v1/data-connections", 2, 1},
		{Config{RateLimitPerMinute: 1, FixedRateLimitPerMinute: -1}, "/api/v1/users", 40, 0},
		{Config{FixedRateLimitPerMinute: 1}, "/api/v1/groups", 40, 0},
		{Config{FixedRateLimitPerMinute: 1}, "/api/v1/users", 2, 1},
		{Config{}, "/api/v1/users", 40, 0},
	}
	for _, tc := range cases {
		if got := count429(tc.cfg, tc.path, tc.n); got != tc.want {
			t.Errorf("%+v: %d requests to %s got %d 429s, want %d", tc.cfg, tc.n, tc.path, got, tc.want)
		}
	}
}

// failPattern sends n requests and returns which got an injected 500.
func failPattern(t *testing.T, seed int64, n int) []bool {
	s, c := newSim(t, Config{FailRate: 0.4, Seed: seed}, fixture())
	var out []bool
	fails := 0
	for range n {
		r := c.do("GET", "/api/v1/users/me", nil)
		switch r.status {
		case 200:
			out = append(out, false)
		case 500:
			wantCode(t, r, 500, "INTERNAL_SERVER_ERROR", "internal")
			out = append(out, true)
			fails++
		default:
			t.Fatalf("status %d", r.status)
		}
	}
	if st := s.Stats(); st.Faults.Failed != fails {
		t.Errorf("stats count %d failures, saw %d", st.Faults.Failed, fails)
	}
	return out
}

func TestFailRateSeeded(t *testing.T) {
	a, b := failPattern(t, 42, 40), failPattern(t, 42, 40)
	if !cmp.Equal(a, b) {
		t.Errorf("same seed, different faults:\n%v\n%v", a, b)
	}
	n := 0
	for _, f := range a {
		if f {
			n++
		}
	}
	if n == 0 || n == len(a) {
		t.Errorf("fail rate 0.4 failed %d of %d requests", n, len(a))
	}
	if c := failPattern(t, 7, 40); cmp.Equal(a, c) {
		t.Error("another seed gave the same faults")
	}
}

func TestFailAfterWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s, c := newSim(t, Config{FailAfterWrite: 1, StatePath: path}, fixture())
	wantTsoa(t, c.do("POST", "/api/v1/groups", map[string]any{"name": "Written"}), 500, "internal")
	wantCode(t, c.do("POST", "/api/v1/users/u-bob/deactivate", nil), 500, "INTERNAL_SERVER_ERROR", "internal")
	c.do("GET", "/api/v1/groups", nil).want(t, 200) // reads are not affected
	st, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Groups) != 2 || st.Groups[1].Name != "Written" || st.Users[1].Active || st.Revision != 2 {
		t.Errorf("the writes were not saved: groups %+v, bob %+v, revision %d", st.Groups, st.Users[1], st.Revision)
	}
	if got := s.Stats(); got.Faults.FailedAfterWrite != 2 || got.Writes != 2 {
		t.Errorf("stats %+v", got)
	}
}

func TestLatency(t *testing.T) {
	s := New(Config{Token: testToken, Latency: 250 * time.Millisecond}, fixture())
	var mu sync.Mutex
	var slept []time.Duration
	s.sleep = func(_ context.Context, d time.Duration) {
		mu.Lock()
		slept = append(slept, d)
		mu.Unlock()
	}
	req, _ := http.NewRequest("GET", "/api/v1/users/me", nil)
	req.Header.Set("Authorization", "Bearer "+testToken)
	for range 2 {
		rec := newRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Fatalf("status %d", rec.Code)
		}
	}
	if !cmp.Equal(slept, []time.Duration{250 * time.Millisecond, 250 * time.Millisecond}) || s.Stats().Faults.Delayed != 2 {
		t.Errorf("slept %v, stats %+v", slept, s.Stats())
	}
}

func TestAuth(t *testing.T) {
	s, c := newSim(t, Config{}, fixture())
	for _, h := range []string{"", "Bearer wrong", "Basic " + testToken, testToken, "Bearer"} {
		req, _ := http.NewRequest("GET", c.url+"/api/v1/users/me", nil)
		if h != "" {
			req.Header.Set("Authorization", h)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		r := resp{status: res.StatusCode, header: res.Header, body: body}
		wantCode(t, r, 401, "UNAUTHORIZED", "bearer token")
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") || res.Header.Get("X-Trace-Id") == "" {
			t.Errorf("Authorization %q: Content-Type %q, trace id %q", h, ct, res.Header.Get("X-Trace-Id"))
		}
	}
	// The older endpoints answer in their own shape.
	c.token = "wrong"
	wantTsoa(t, c.do("GET", "/api/v1/groups", nil), 401, "bearer token")
	c.token = testToken
	c.token = ""
	if r := c.do("GET", "/_sim/stats", nil); r.status != 401 {
		t.Errorf("/_sim/stats without a token: %d", r.status)
	}
	if st := s.Stats(); st.Unauthorized != 6 || st.Endpoints["Me"] != 5 {
		t.Errorf("stats %+v", st)
	}
	// An empty configured token accepts nothing, not even an empty bearer.
	s = New(Config{}, nil)
	req, _ := http.NewRequest("GET", "/api/v1/users", nil)
	req.Header.Set("Authorization", "Bearer ")
	rec := newRecorder()
	if s.ServeHTTP(rec, req); rec.Code != 401 || !strings.Contains(rec.Body.String(), `"code":"UNAUTHORIZED"`) {
		t.Errorf("empty configured token: %d", rec.Code)
	}
}

func TestNotFound(t *testing.T) {
	_, c := newSim(t, Config{}, fixture())
	for _, p := range []string{"GET /api/v1/nothing", "DELETE /api/v1/data-connections/c-wh", "PUT /api/v1/groups/g-analysts",
		"GET /api/v1/groups/", "GET /v1/users", "GET /api/v1/users/u-bob", "DELETE /api/v1/collections/c"} {
		var method, path string
		fmt.Sscan(p, &method, &path)
		wantCode(t, c.do(method, path, nil), 404, "NOT_FOUND", "no such endpoint")
	}
}

func TestStatsEndpoints(t *testing.T) {
	_, c := newSim(t, Config{}, fixture())
	c.do("GET", "/api/v1/users", nil).want(t, 200)
	c.do("GET", "/api/v1/users?limit=0", nil).want(t, 400)
	c.do("POST", "/api/v1/groups", map[string]any{"name": "A"}).want(t, 201)
	c.do("GET", "/api/v1/nope", nil).want(t, 404)
	m := c.do("GET", "/_sim/stats", nil).want(t, 200)
	want := map[string]any{"total": 4.0, "unauthorized": 0.0, "writes": 1.0,
		"endpoints": map[string]any{"ListUsers": 2.0, "CreateGroup": 1.0, "NotFound": 1.0},
		"faults":    map[string]any{"rate_limited": 0.0, "failed": 0.0, "failed_after_write": 0.0, "delayed": 0.0, "bad_answers": 0.0}}
	if d := cmp.Diff(want, m); d != "" {
		t.Errorf("/_sim/stats (-want +got):\n%s", d)
	}
	if r := c.do("POST", "/_sim/reset-stats", nil); r.status != 204 {
		t.Fatalf("reset-stats: %d", r.status)
	}
	m = c.do("GET", "/_sim/stats", nil).want(t, 200)
	if m["total"] != 0.0 || len(m["endpoints"].(map[string]any)) != 0 {
		t.Errorf("after reset: %v", m)
	}
	c.do("GET", "/_sim/nothing", nil).want(t, 404)
}

// Concurrent creates all succeed with distinct ids (run with -race).
func TestConcurrentRequests(t *testing.T) {
	s, c := newSim(t, Config{}, fixture())
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			r := c.do("POST", "/api/v1/groups", map[string]any{"name": fmt.Sprintf("G%02d", i)})
			if r.status != 201 {
				t.Errorf("create %d: %d", i, r.status)
			}
			c.do("GET", "/api/v1/groups?limit=5", nil)
		})
	}
	wg.Wait()
	ids := map[string]bool{}
	for _, g := range s.Snapshot().Groups {
		ids[g.ID] = true
	}
	if len(ids) != 21 || s.Stats().Endpoints["CreateGroup"] != 20 {
		t.Errorf("%d distinct groups, stats %+v", len(ids), s.Stats())
	}
}

package hexapi

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

// TestLimiterFollowsTheClientsClock: with WithClock and WithSleep the
// default rate limiter paces on the virtual clock: n requests at 30 a minute
// (paced 2% under) take n·2.04s of it and no real waiting: the first waits
// too, so that runs back to back stay under the limit together.
func TestLimiterFollowsTheClientsClock(t *testing.T) {
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	advance := func(ctx context.Context, d time.Duration) error {
		if d > 0 {
			now = now.Add(d)
		}
		return ctx.Err()
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"org": map[string]any{"id": "o1"}, "token": nil})
	})
	c, _ := newTestClient(t, h, WithRateLimit(DefaultRateLimit), WithClock(clock), WithSleep(advance))
	start := now
	const n = 31
	for i := 0; i < n; i++ {
		if _, err := c.Users.Me(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	want := time.Duration(n) * time.Minute * 102 / 3000
	if got := now.Sub(start); got < want-time.Millisecond || got > want+time.Millisecond {
		t.Errorf("%d requests took %v of the virtual clock, want %v", n, got, want)
	}
	if _, err := NewClient("https://app.hex.tech", testToken, WithClock(nil)); err == nil {
		t.Error("WithClock(nil) accepted")
	}
}

// TestDeleteGoneAfterAmbiguousFailure: a delete answered 500 after it was
// done, then 404 on the retry, succeeded; a 404 on the first try is an error.
func TestDeleteGoneAfterAmbiguousFailure(t *testing.T) {
	var calls atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 && r.URL.Path == "/api/v1/groups/g1" {
			writeJSON(w, 500, map[string]any{"reason": "internal server error"})
			return
		}
		writeJSON(w, 404, map[string]any{"reason": "group not found"})
	})
	c, _ := newTestClient(t, h)
	if err := c.Groups.Delete(context.Background(), "g1"); err != nil {
		t.Errorf("delete after 500 then 404: %v, want success", err)
	}
	var ae *APIError
	if err := c.Groups.Delete(context.Background(), "g2"); !errors.As(err, &ae) || ae.StatusCode != 404 {
		t.Errorf("delete answered 404 at once: %v, want a not-found error", err)
	}
}

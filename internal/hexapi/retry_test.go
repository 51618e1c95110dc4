package hexapi

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRetriesOn5xxAndNetworkThenSucceeds(t *testing.T) {
	var calls atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch calls.Add(1) {
		case 1:
			writeJSON(w, 500, map[string]any{"code": "INTERNAL_SERVER_ERROR", "message": "oops"})
		case 2:
			// Drop the connection: a network error.
			hj, _ := w.(http.Hijacker)
			conn, _, _ := hj.Hijack()
			conn.Close()
		default:
			writeJSON(w, 200, pageOf([]any{map[string]any{"id": "g1", "name": "A"}}, ""))
		}
	})
	// No connection reuse, so net/http does not retry the dropped request itself.
	c, sl := newTestClient(t, h, WithHTTPClient(&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}))
	gs, err := c.Groups.ListAll(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 1 || calls.Load() != 3 {
		t.Errorf("got %d groups after %d calls, want 1 after 3", len(gs), calls.Load())
	}
	waits := sl.all()
	if len(waits) != 2 {
		t.Fatalf("waits = %v, want 2", waits)
	}
	for i, d := range waits {
		if max := time.Millisecond << i; d < 0 || d >= max {
			t.Errorf("wait %d = %v, want in [0, %v) (full jitter)", i, d, max)
		}
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	var calls atomic.Int32
	date := time.Date(2030, 5, 6, 7, 8, 9, 0, time.UTC)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch calls.Add(1) {
		case 1:
			w.Header().Set("Retry-After", "7")
			writeJSON(w, 429, map[string]any{"code": "TOO_MANY_REQUESTS", "message": "slow down"})
		case 2:
			w.Header().Set("Retry-After", date.Add(42*time.Second).Format(http.TimeFormat))
			writeJSON(w, 503, map[string]any{"code": "SERVICE_UNAVAILABLE", "message": "later"})
		default:
			writeJSON(w, 200, map[string]any{"id": "u1", "email": "a@b.c", "role": "ADMIN", "name": nil, "lastLoginDate": nil, "org": map[string]any{"id": "o1"}})
		}
	})
	c, sl := newTestClient(t, h)
	c.now = func() time.Time { return date }
	if _, err := c.Users.Me(context.Background()); err != nil {
		t.Fatal(err)
	}
	waits := sl.all()
	if len(waits) != 2 || waits[0] != 7*time.Second || waits[1] != 42*time.Second {
		t.Errorf("waits = %v, want [7s 42s]", waits)
	}
}

func TestNoRetryOnOther4xx(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 422} {
		var calls atomic.Int32
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			writeJSON(w, status, map[string]any{"reason": "no"})
		})
		c, sl := newTestClient(t, h)
		if _, err := c.Groups.Get(context.Background(), "g"); err == nil {
			t.Errorf("%d: no error", status)
		}
		if calls.Load() != 1 || len(sl.all()) != 0 {
			t.Errorf("%d: %d calls, %d waits; want 1 call, no wait", status, calls.Load(), len(sl.all()))
		}
	}
}

func TestRateLimitErrorAfterRetries(t *testing.T) {
	var calls atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "3")
		writeJSON(w, 429, map[string]any{"code": "TOO_MANY_REQUESTS", "message": "slow down"})
	})
	c, _ := newTestClient(t, h, WithRetries(2))
	_, err := c.Users.ListAll(context.Background(), "")
	var rl *RateLimitError
	if !errors.As(err, &rl) || rl.RetryAfter != 3*time.Second {
		t.Fatalf("err = %v (%T), want *RateLimitError with RetryAfter 3s", err, err)
	}
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != 429 {
		t.Errorf("errors.As(*APIError) failed on %v", err)
	}
	if calls.Load() != 3 {
		t.Errorf("calls = %d, want 3 (1 + 2 retries)", calls.Load())
	}
}

func TestGiveUpOn5xxKeepsAPIError(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 502, map[string]any{"code": "BAD_GATEWAY", "message": "edge"})
	})
	c, _ := newTestClient(t, h, WithRetries(1))
	_, err := c.Groups.ListAll(context.Background())
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != 502 {
		t.Fatalf("err = %v", err)
	}
}

func TestBackoffIsCapped(t *testing.T) {
	c, err := NewClient("https://app.hex.tech", testToken, WithBackoff(time.Second, 5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	var got []time.Duration
	c.jitter = func(max time.Duration) time.Duration { got = append(got, max); return max }
	for i := 0; i < 6; i++ {
		c.backoff(i)
	}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second, 5 * time.Second}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("backoff(%d) ceiling = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestContextCancelledDuringBackoff(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cancel()
		writeJSON(w, 500, map[string]any{"reason": "boom"})
	})
	// Real sleeping with a long backoff: only cancellation can end the wait.
	c, _ := newTestClient(t, h, WithSleep(sleepCtx), WithBackoff(time.Hour, time.Hour))
	c.jitter = func(max time.Duration) time.Duration { return max }
	_, err := c.Groups.ListAll(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestRequestTimeout(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})
	c, _ := newTestClient(t, h, WithRequestTimeout(20*time.Millisecond), WithRetries(0))
	_, err := c.Users.Me(context.Background())
	var re *RequestError
	if !errors.As(err, &re) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v (%T), want a RequestError wrapping DeadlineExceeded", err, err)
	}
}

func TestRetryNotice(t *testing.T) {
	var calls atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "7")
			writeJSON(w, 429, map[string]any{"code": "TOO_MANY_REQUESTS", "message": "slow down"})
			return
		}
		writeJSON(w, 200, pageOf([]any{}, ""))
	})
	var got []RetryEvent
	c, _ := newTestClient(t, h, WithRetryNotice(func(ev RetryEvent) { got = append(got, ev) }))
	if _, err := c.Groups.ListAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("retry events %+v, want one", got)
	}
	ev := got[0]
	var ae *APIError
	if ev.Method != "GET" || ev.Path != "/v1/groups" || ev.Retry != 1 || ev.Max != DefaultRetries ||
		ev.Wait != 7*time.Second || !errors.As(ev.Err, &ae) || ae.StatusCode != 429 {
		t.Errorf("retry event %+v", ev)
	}
}

// cancellingTransport cancels the run, then answers 500 all the same, as a
// transport may when the answer was already read.
type cancellingTransport struct{ cancel context.CancelFunc }

func (ct cancellingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	ct.cancel()
	return &http.Response{StatusCode: 500, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(`{"reason":"boom"}`)), Request: r}, nil
}

// TestCancelledWhileAnswered: a run cancelled while a retryable answer came
// is not retried, and its error says it was cancelled, with the answer.
func TestCancelledWhileAnswered(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	c, _ := newTestClient(t, http.NotFoundHandler(), WithHTTPClient(&http.Client{Transport: cancellingTransport{cancel}}))
	_, err := c.Groups.ListAll(ctx)
	var ae *APIError
	if !errors.Is(err, context.Canceled) || !errors.As(err, &ae) || ae.StatusCode != 500 {
		t.Errorf("err = %v, want context.Canceled and the 500", err)
	}
}

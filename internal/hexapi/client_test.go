package hexapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"golang.org/x/time/rate"
)

func TestNewClientBaseURL(t *testing.T) {
	ok := map[string]string{
		"https://app.hex.tech":       "https://app.hex.tech",
		"https://eu.hex.tech/api/":   "https://eu.hex.tech",
		"http://127.0.0.1:8080":      "http://127.0.0.1:8080",
		"http://127.1.2.3":           "http://127.1.2.3",
		"http://localhost:9/":        "http://localhost:9",
		"http://[::1]:9000":          "http://[::1]:9000",
		"https://acme.hex.tech/base": "https://acme.hex.tech/base",
	}
	for in, want := range ok {
		c, err := NewClient(in, testToken)
		if err != nil {
			t.Errorf("NewClient(%q): %v", in, err)
			continue
		}
		if c.BaseURL() != want {
			t.Errorf("NewClient(%q).BaseURL() = %q, want %q", in, c.BaseURL(), want)
		}
	}
	for _, in := range []string{"http://app.hex.tech", "http://10.0.0.1", "ftp://x", "app.hex.tech", "https://u:p@app.hex.tech", "", "https://" + testToken + "@app.hex.tech",
		"https://app.hex.tech/?token=" + testToken, "https://app.hex.tech/#" + testToken, "https://app.hex.tech/%zz" + testToken} {
		_, err := NewClient(in, testToken)
		if err == nil {
			t.Errorf("NewClient(%q): no error", in)
			continue
		}
		if strings.Contains(err.Error(), testToken) {
			t.Errorf("error shows the token: %v", err)
		}
	}
	if _, err := NewClient("http://app.hex.tech", testToken); err == nil || !strings.Contains(err.Error(), "use https") {
		t.Errorf("plain http error = %v, want a hint to use https", err)
	}
	if _, err := NewClient("https://app.hex.tech", " "); err == nil {
		t.Error("empty token accepted")
	}
}

func TestClientStringHidesToken(t *testing.T) {
	c, err := NewClient("https://app.hex.tech", testToken)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmt.Sprintf(f, c); strings.Contains(s, testToken) {
			t.Errorf("%s shows the token: %s", f, s)
		}
		if s := fmt.Sprintf(f, *c); strings.Contains(s, testToken) || !strings.Contains(s, "app.hex.tech") {
			t.Errorf("%s of a Client value = %s", f, s)
		}
	}
}

func TestDefaultRateLimit(t *testing.T) {
	c, err := NewClient("https://app.hex.tech", testToken)
	if err != nil {
		t.Fatal(err)
	}
	l, ok := c.limiter.(*rate.Limiter)
	if !ok {
		t.Fatalf("default limiter is %T", c.limiter)
	}
	if l.Burst() != 1 || l.Limit() >= rate.Limit(0.5) || l.Limit() < rate.Limit(0.49) {
		t.Errorf("default limit = %v/s burst %d, want just under 0.5/s, burst 1", l.Limit(), l.Burst())
	}
	c2, _ := NewClient("https://app.hex.tech", testToken, WithRateLimit(120))
	if l2 := c2.limiter.(*rate.Limiter); l2.Limit() >= rate.Limit(2) || l2.Limit() < rate.Limit(1.96) {
		t.Errorf("WithRateLimit(120) = %v/s, want just under 2/s", l2.Limit())
	}
	c3, _ := NewClient("https://app.hex.tech", testToken, WithRateLimit(0))
	if c3.limiter != nil {
		t.Error("WithRateLimit(0) kept a limiter")
	}
}

// countingLimiter counts Wait calls.
type countingLimiter struct{ n atomic.Int32 }

func (l *countingLimiter) Wait(ctx context.Context) error { l.n.Add(1); return ctx.Err() }

func TestLimiterWaitsBeforeEveryAttempt(t *testing.T) {
	var calls atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			writeJSON(w, 503, map[string]any{"code": "SERVICE_UNAVAILABLE", "message": "busy"})
			return
		}
		writeJSON(w, 200, pageOf([]any{}, ""))
	})
	l := &countingLimiter{}
	c, _ := newTestClient(t, h, WithLimiter(l))
	if _, err := c.Groups.ListAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Users.ListAll(context.Background(), ""); err != nil {
		t.Fatal(err)
	}
	if got, want := l.n.Load(), calls.Load(); got != want || want != 3 {
		t.Errorf("limiter waits = %d, requests = %d, want 3 each", got, want)
	}
}

// blockingLimiter never grants a request.
type blockingLimiter struct{}

func (blockingLimiter) Wait(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }

func TestLimiterRespectsContext(t *testing.T) {
	var calls atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { calls.Add(1) })
	c, _ := newTestClient(t, h, WithLimiter(blockingLimiter{}))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Users.Me(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if calls.Load() != 0 {
		t.Errorf("%d requests sent past the limiter", calls.Load())
	}
}

func TestAuthHeaderAndUserAgent(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v1/users/me" {
			t.Errorf("path = %s", r.URL.Path)
		}
		if got := r.Header.Get("Authorization"); got != "Bearer "+testToken {
			t.Errorf("Authorization = %q", got)
		}
		if got := r.Header.Get("User-Agent"); got != "hexform-test/1" {
			t.Errorf("User-Agent = %q", got)
		}
		writeJSON(w, 200, map[string]any{"org": map[string]any{"id": "o1"}, "token": map[string]any{"exp": nil}})
	})
	c, _ := newTestClient(t, h, WithUserAgent("hexform-test/1"))
	me, err := c.Users.Me(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if me.Email != "" || me.Org.ID != "o1" || me.Token == nil {
		t.Errorf("workspace-token Me = %+v", me)
	}
}

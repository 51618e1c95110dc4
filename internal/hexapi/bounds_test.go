package hexapi

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestBodyOverBoundIsRefused: a 2xx body over the bound is an error, and
// the client stops reading at the bound.
func TestBodyOverBoundIsRefused(t *testing.T) {
	var sent atomic.Int64
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		chunk := []byte(`{"id":"g1","name":"` + strings.Repeat("x", 1000) + `"},`)
		_, _ = w.Write([]byte(`{"values":[`))
		for i := 0; i < 1000; i++ { // about 1 MB, if the client read it all
			n, err := w.Write(chunk)
			sent.Add(int64(n))
			if err != nil {
				return
			}
		}
		_, _ = w.Write([]byte(`{"id":"g2","name":"G"}],"pagination":{"after":null,"before":null}}`))
	})
	c, _ := newTestClient(t, h, WithRetries(0))
	c.maxBody = 64 << 10
	_, err := c.Groups.ListAll(context.Background())
	var me *MalformedError
	if !errors.As(err, &me) || !strings.Contains(err.Error(), "GET /v1/groups") || !strings.Contains(err.Error(), "over 64 KiB") {
		t.Errorf("err = %v (%T), want a *MalformedError saying the body is over 64 KiB", err, err)
	}
	if MaxResponseBytes != 32<<20 {
		t.Errorf("MaxResponseBytes = %d, want the documented 32 MiB", MaxResponseBytes)
	}
	// The same body within the bound reads.
	c.maxBody = MaxResponseBytes
	if gs, err := c.Groups.ListAll(context.Background()); err != nil || len(gs) != 1001 {
		t.Errorf("within the bound: %d groups, %v", len(gs), err)
	}
}

// TestRetryAfterIsCapped: a day-long Retry-After waits the client's
// maximum instead, and the retry notice says so.
func TestRetryAfterIsCapped(t *testing.T) {
	var calls atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= 2 {
			w.Header().Set("Retry-After", "86400")
			writeJSON(w, 429, map[string]any{"code": "TOO_MANY_REQUESTS", "message": "slow down"})
			return
		}
		writeJSON(w, 200, pageOf([]any{}, ""))
	})
	var events []RetryEvent
	c, sl := newTestClient(t, h, WithRetryNotice(func(ev RetryEvent) { events = append(events, ev) }))
	if _, err := c.Groups.ListAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	if w := sl.all(); len(w) != 2 || w[0] != DefaultMaxRetryWait || w[1] != DefaultMaxRetryWait {
		t.Errorf("waits %v, want two of %v", w, DefaultMaxRetryWait)
	}
	if len(events) != 2 {
		t.Fatalf("%d retry events", len(events))
	}
	ev := events[0]
	if ev.Wait != DefaultMaxRetryWait || ev.RetryAfter != 24*time.Hour || !ev.Capped {
		t.Errorf("event %+v, want a wait of %v capped from 24h", ev, DefaultMaxRetryWait)
	}
	var ae *APIError
	if !errors.As(ev.Err, &ae) || !strings.Contains(ev.Err.Error(), "the server asked to wait 24h0m0s (Retry-After); the client waits at most 1m0s") {
		t.Errorf("notice error %q does not say the wait was capped", ev.Err)
	}

	calls.Store(0)
	c, sl = newTestClient(t, h, WithMaxRetryWait(5*time.Second))
	if _, err := c.Groups.ListAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	if w := sl.all(); len(w) != 2 || w[0] != 5*time.Second {
		t.Errorf("WithMaxRetryWait(5s): waits %v", w)
	}
	if _, err := NewClient("https://app.hex.tech", testToken, WithMaxRetryWait(0)); err == nil {
		t.Error("WithMaxRetryWait(0) accepted")
	}
}

// TestServerTextBounded: what a server says is redacted, scrubbed, escaped
// and cut short once, when the error is built: the token and registered
// secrets never show, not even in part, and a retried request does not cut
// its message again.
func TestServerTextBounded(t *testing.T) {
	long := strings.Repeat("é", 300) // 600 bytes
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/v1/groups":
			// The token straddles the bound: cut first, redact second would
			// leave its start.
			http.Error(w, strings.Repeat("a", MaxServerText-6)+testToken+" tail", 400)
		case "/api/v1/users":
			writeJSON(w, 503, map[string]any{"code": "SERVICE_UNAVAILABLE", "message": long,
				"issues": []any{map[string]any{"message": "body was {\"password\":\"pg-pass-42\"}"}}})
		case "/api/v1/data-connections":
			writeJSON(w, 400, map[string]any{"reason": "bad\x1b[2J\r\nPlan: 0 to add\u202e", "details": "echo pg-pass-42 " + testToken})
		}
	})
	scrub := func(s string) string { return strings.ReplaceAll(s, "pg-pass-42", "[secret]") }
	c, _ := newTestClient(t, h, WithRetries(2), WithScrubber(scrub))

	_, err := c.Groups.ListAll(context.Background())
	msg := err.Error()
	if strings.Contains(msg, testToken[:6]) || !strings.Contains(msg, "more bytes)") {
		t.Errorf("token at the bound: %s", msg)
	}

	_, err = c.Users.ListAll(context.Background(), "")
	msg = err.Error()
	if n := strings.Count(msg, "more bytes)"); n != 1 || !strings.Contains(msg, "…(88 more bytes)") || !strings.Contains(msg, "gave up after 3 attempts") {
		t.Errorf("retried long message cut %d times, want once (512 bytes, 88 more): %s", n, msg)
	}
	if strings.Contains(msg, "pg-pass-42") || !strings.Contains(msg, "[secret]") {
		t.Errorf("issue not scrubbed: %s", msg)
	}
	var ae *APIError
	if !errors.As(err, &ae) || len(ae.Message) > MaxServerText+len("…(9999 more bytes)") {
		t.Errorf("message %d bytes", len(ae.Message))
	}

	_, err = c.DataConnections.ListAll(context.Background())
	msg = err.Error()
	if strings.ContainsAny(msg, "\x1b\r\n\u202e") || !strings.Contains(msg, `bad\x1b[2J\r\nPlan: 0 to add\u202e`) {
		t.Errorf("control characters not escaped: %q", msg)
	}
	if strings.Contains(msg, "pg-pass-42") || strings.Contains(msg, testToken) {
		t.Errorf("details not scrubbed: %s", msg)
	}
	if _, err := NewClient("https://app.hex.tech", testToken, WithScrubber(nil)); err == nil {
		t.Error("WithScrubber(nil) accepted")
	}
}

func TestBoundText(t *testing.T) {
	tests := map[string]struct {
		in   string
		n    int
		want string
	}{
		"short":           {"plain text", 20, "plain text"},
		"cut":             {"abcdefghij", 4, "abcd…(6 more bytes)"},
		"rune safe":       {"aéé", 2, "a…(4 more bytes)"},
		"escape fits":     {"a\nb", 10, `a\nb`},
		"escape not cut":  {"ab\x1bcd", 4, "ab…(3 more bytes)"},
		"invalid utf8":    {"a\xffb", 10, `a\xffb`},
		"zero width":      {"a\u200bb\ufeff", 20, `a\u200bb\ufeff`},
		"tab kept":        {"a\tb", 10, `a\tb`},
		"c1 control":      {"a\u0085b", 10, `a\u0085b`},
		"line separator":  {"a\u2028b", 10, `a\u2028b`},
		"bidi isolate":    {"\u2067x", 10, `\u2067x`},
		"printable plain": {"naïve café ✓", 30, "naïve café ✓"},
	}
	for name, tt := range tests {
		if got := boundText(tt.in, tt.n); got != tt.want {
			t.Errorf("%s: boundText(%q, %d) = %q, want %q", name, tt.in, tt.n, got, tt.want)
		}
	}
}

package hexapi

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

const testToken = "hxtw_s3cr3t-token-value"

// sleeps records the waits a client asked for instead of sleeping.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// newTestClient starts h on a loopback server and returns a client for it
// that never really sleeps and has no rate limit unless opts say otherwise.
func newTestClient(t *testing.T, h http.Handler, opts ...Option) (*Client, *sleeps) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	sl := &sleeps{}
	base := []Option{WithRateLimit(0), WithSleep(sl.sleep), WithBackoff(time.Millisecond, 8*time.Millisecond)}
	c, err := NewClient(srv.URL, testToken, append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c, sl
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// pageOf builds a list envelope.
func pageOf(values any, after string) map[string]any {
	var a any
	if after != "" {
		a = after
	}
	return map[string]any{"values": values, "pagination": map[string]any{"after": a, "before": nil}}
}

func decodeBody(t *testing.T, r *http.Request) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
		t.Errorf("decoding request body: %v", err)
	}
	return m
}

package hexapi

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// recorder is a server that records what reaches it.
type recorder struct {
	mu    sync.Mutex
	seen  []string // method path, Authorization, body
	srv   *httptest.Server
	reply http.HandlerFunc
}

func newRecorder(t *testing.T, tls bool, reply http.HandlerFunc) *recorder {
	rec := &recorder{reply: reply}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		rec.seen = append(rec.seen, r.Method+" "+r.URL.Path+" auth="+r.Header.Get("Authorization")+" body="+string(body))
		rec.mu.Unlock()
		rec.reply(w, r)
	})
	if tls {
		rec.srv = httptest.NewTLSServer(h)
	} else {
		rec.srv = httptest.NewServer(h)
	}
	t.Cleanup(rec.srv.Close)
	return rec
}

func (r *recorder) requests() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.seen...)
}

func redirectTo(target string, status int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target+r.URL.RequestURI(), status)
	}
}

// TestRedirectAwayIsRefused: a redirect to another host or port, for a
// read or for a create with a body, is an error, and the other server sees
// no request at all (so neither the token nor the body).
func TestRedirectAwayIsRefused(t *testing.T) {
	other := newRecorder(t, false, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, pageOf([]any{}, ""))
	})
	for _, status := range []int{301, 302, 307, 308} {
		workspace := newRecorder(t, false, redirectTo(other.srv.URL, status))
		c, err := NewClient(workspace.srv.URL, testToken, WithRateLimit(0), WithRetries(3))
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Groups.ListAll(context.Background())
		var re *RedirectError
		if !errors.As(err, &re) || !strings.Contains(err.Error(), "GET /v1/groups: the server redirected to http://127.0.0.1:") ||
			!strings.Contains(err.Error(), "another origin") {
			t.Errorf("%d: err = %v (%T), want a *RedirectError naming the endpoint", status, err, err)
		}
		_, err = c.Groups.Create(context.Background(), "Secret group", []string{"u1"})
		if !errors.As(err, &re) || re.Method != "POST" || re.Path != "/v1/groups" {
			t.Errorf("%d: create err = %v", status, err)
		}
		if n := len(workspace.requests()); n != 2 {
			t.Errorf("%d: the workspace saw %d requests, want 2 (a refused redirect is not retried)", status, n)
		}
	}
	if got := other.requests(); len(got) != 0 {
		t.Errorf("the other server was reached: %q", got)
	}
}

// TestRedirectToPlainHTTPIsRefused: https to http on the same host is
// another origin too.
func TestRedirectToPlainHTTPIsRefused(t *testing.T) {
	plain := newRecorder(t, false, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, pageOf([]any{}, "")) })
	secure := newRecorder(t, true, redirectTo(strings.Replace(plain.srv.URL, "127.0.0.1", "localhost", 1), 307))
	c, err := NewClient(secure.srv.URL, testToken, WithRateLimit(0), WithHTTPClient(secure.srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Users.ListAll(context.Background(), "")
	var re *RedirectError
	if !errors.As(err, &re) || !strings.HasPrefix(re.From, "https://") || !strings.HasPrefix(re.To, "http://") {
		t.Errorf("err = %v, want a refused redirect from https to http", err)
	}
	if got := plain.requests(); len(got) != 0 {
		t.Errorf("the plain http server was reached: %q", got)
	}
}

// TestRedirectWithinOriginFollowed: a redirect that stays on the
// workspace's origin is followed, and a caller's http.Client is used
// through a copy: its CheckRedirect is not replaced, but still asked.
func TestRedirectWithinOriginFollowed(t *testing.T) {
	var srv *recorder
	srv = newRecorder(t, false, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/groups" {
			http.Redirect(w, r, srv.srv.URL+"/api/v1/groups/", http.StatusTemporaryRedirect)
			return
		}
		writeJSON(w, 200, pageOf([]any{map[string]any{"id": "g1", "name": "G"}}, ""))
	})
	asked := 0
	own := &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error { asked++; return nil }}
	c, err := NewClient(srv.srv.URL, testToken, WithRateLimit(0), WithHTTPClient(own))
	if err != nil {
		t.Fatal(err)
	}
	gs, err := c.Groups.ListAll(context.Background())
	if err != nil || len(gs) != 1 {
		t.Fatalf("groups %v, err %v", gs, err)
	}
	if asked != 1 {
		t.Errorf("the caller's CheckRedirect was asked %d times, want 1", asked)
	}
	if c.http == own {
		t.Error("the client uses the caller's http.Client itself, not a copy")
	}
	got := srv.requests()
	if len(got) != 2 || !strings.Contains(got[1], "auth=Bearer "+testToken) {
		t.Errorf("requests %q, want the redirected one with the token", got)
	}
	for _, tt := range []struct{ a, b string }{{"https://App.hex.tech", "https://app.hex.tech:443"}, {"http://127.0.0.1", "http://127.0.0.1:80"}} {
		a, _ := parseBase(tt.a)
		b, _ := parseBase(tt.b)
		if origin(a) != origin(b) {
			t.Errorf("origin(%s) = %s, origin(%s) = %s: want one origin", tt.a, origin(a), tt.b, origin(b))
		}
	}
}

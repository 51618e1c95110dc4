package hexapi

import (
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestTLSProblemsExplainedNotRetried: an untrusted certificate and a server
// that does not speak TLS each fail at once with a plain explanation.
func TestTLSProblemsExplainedNotRetried(t *testing.T) {
	var handled atomic.Int64
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handled.Add(1) })
	tlsSrv := httptest.NewUnstartedServer(h)
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0)
	tlsSrv.StartTLS()
	defer tlsSrv.Close()
	plain := httptest.NewServer(h)
	defer plain.Close()
	cases := []struct{ url, want string }{
		{tlsSrv.URL, "is not trusted: it is signed by an authority this machine does not know"},
		{strings.Replace(plain.URL, "http://", "https://", 1), "does not speak TLS (https)"},
	}
	for _, tc := range cases {
		sleeps := 0
		c, err := NewClient(tc.url, "tok-tls-test", WithRateLimit(0),
			WithSleep(func(context.Context, time.Duration) error { sleeps++; return nil }))
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Users.Me(context.Background())
		var re *RequestError
		if !errors.As(err, &re) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v; want a *RequestError containing %q", tc.url, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "tok-tls-test") {
			t.Errorf("the error shows the token: %v", err)
		}
		if sleeps != 0 {
			t.Errorf("%s: retried %d times", tc.url, sleeps)
		}
	}
	if n := handled.Load(); n != 0 {
		t.Errorf("%d requests were handled", n)
	}
}

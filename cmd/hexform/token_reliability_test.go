package main

import (
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hexform/hexform/internal/hexapi"
)

// tokenValue is a distinctive API token that must never be printed.
const tokenValue = "hxtw_TOKEN-reliability-5e11"

// tokenRun runs plan, apply and export against target with tokenValue and
// a fast retry backoff, and returns each one's output; none may show the
// token or a stack trace, and each must exit 1.
func tokenRun(t *testing.T, target string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	ws := filepath.Join(dir, "workspace.yaml")
	if err := os.WriteFile(ws, []byte("version: 1\nworkspace: tok\ngroups: [{name: Data}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"HEX_API_TOKEN": tokenValue}
	outs := map[string]string{}
	for _, args := range [][]string{{"plan", "-f", ws}, {"apply", "--auto-approve", "-f", ws}, {"export"}} {
		args = append(args, "--target", target, "--rate-limit", "100000")
		code, _, out := runVarsStdout(t, dir, vars, args...)
		if code != exitError {
			t.Fatalf("hexform %s: exit %d, want 1\n%s", args[0], code, out)
		}
		if strings.Contains(out, tokenValue) || strings.Contains(out, "TOKEN-reliability") {
			t.Fatalf("hexform %s prints the token:\n%s", args[0], out)
		}
		relNoStackTrace(t, args[0], out)
		outs[args[0]] = out
	}
	return outs
}

// TestTokenServerDown: nothing listens at the target; every command says
// it cannot connect, without the token.
func TestTokenServerDown(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + l.Addr().String()
	l.Close()
	prev := hexTestOptions
	hexTestOptions = []hexapi.Option{hexapi.WithBackoff(time.Millisecond, 2*time.Millisecond)}
	t.Cleanup(func() { hexTestOptions = prev })
	for cmd, out := range tokenRun(t, url) {
		if !strings.Contains(out, "connection refused") || !strings.Contains(out, "gave up after 5 attempts") {
			t.Errorf("%s against a server that is down does not say so:\n%s", cmd, out)
		}
	}
}

// TestTokenTLSUntrusted: the server's certificate is not trusted. The
// message explains that in plain words, once (no retries), before the
// token could be sent.
func TestTokenTLSUntrusted(t *testing.T) {
	var requests atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		http.Error(w, "no", http.StatusTeapot)
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	defer srv.Close()
	for cmd, out := range tokenRun(t, srv.URL) {
		for _, want := range []string{"TLS certificate of " + srv.Listener.Addr().String() + " is not trusted", "add that CA"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s against an untrusted certificate lacks %q:\n%s", cmd, want, out)
			}
		}
		if strings.Contains(out, "gave up after") {
			t.Errorf("%s retried a certificate error:\n%s", cmd, out)
		}
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("%d requests reached the server past the failed handshake", n)
	}
}

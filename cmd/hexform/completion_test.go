package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// TestCompleteConfirmNeverCallsRemote: completing --confirm against a Hex
// target, named by the flag or by HEXFORM_TARGET, sends no request and
// completes nothing, even with a token at hand.
func TestCompleteConfirmNeverCallsRemote(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		http.Error(w, "no", http.StatusTeapot)
	}))
	defer srv.Close()
	ws := filepath.Join(t.TempDir(), "workspace.yaml")
	mustWrite(t, ws, "version: 1\nworkspace: demo\ngroups:\n  - {name: Analysts}\n")
	cases := map[string]struct {
		environ map[string]string
		args    []string
	}{
		"flag": {map[string]string{"HEX_API_TOKEN": "tok"}, []string{"--target", srv.URL}},
		"env":  {map[string]string{"HEX_API_TOKEN": "tok", "HEXFORM_TARGET": srv.URL}, nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			for _, cmd := range []string{"plan", "apply"} {
				args := append([]string{"__complete", cmd, "-f", ws}, tc.args...)
				code, stdout, _ := runCLI(t, tc.environ, append(args, "--confirm", "")...)
				if code != 0 || stdout != ":4\n" {
					t.Errorf("%s: exit %d, stdout %q; want 0 and only the no-files directive", cmd, code, stdout)
				}
			}
			if n := calls.Load(); n != 0 {
				t.Errorf("completion sent %d request(s) to the remote target", n)
			}
		})
	}
}

package main

import (
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/hexsim"
)

// Every rig run already checks that the token and the env secrets never
// show in stdout, stderr or the journal; these runs are the ones most
// likely to leak: refusals and failures.

func TestHexBadTokenExplained(t *testing.T) {
	r := newE2ERig(t, hexsim.Config{})
	ws := r.write("workspace.yaml", e2eWorkspace)
	bad := "hxtw_wrongTOKEN-77c1"
	r.env["HEX_API_TOKEN"] = bad
	r.secrets = append(r.secrets, bad)
	for _, args := range [][]string{{"plan"}, {"apply", "--auto-approve"}, {"export"}} {
		cmd := args[0]
		if cmd != "export" {
			args = append(args, "-f", ws)
		}
		res := r.hexform(args...)
		r.mustCode(res, exitError, cmd+" with a bad token")
		for _, want := range []string{"401 unauthorized", "Enable API access",
			"hint: the token comes from --token-file, else HEX_API_TOKEN",
			"hint: a workspace token (hxtw_...) needs the scopes Users, Groups and Data connections, each Read and Write"} {
			if !strings.Contains(res.stderr, want) {
				t.Errorf("%s with a bad token: stderr lacks %q:\n%s", cmd, want, res.stderr)
			}
		}
	}
	if st := r.sim.Stats(); st.Writes != 0 || st.Unauthorized != 3 {
		t.Errorf("with a bad token: %d writes, %d requests answered 401; want 0 and 3 (one Me each)", st.Writes, st.Unauthorized)
	}
}

func TestHexTokenFile(t *testing.T) {
	r := newE2ERig(t, hexsim.Config{})
	ws := r.write("workspace.yaml", e2eWorkspace)
	delete(r.env, "HEX_API_TOKEN")
	res := r.hexform("plan", "-f", ws)
	r.mustCode(res, exitError, "plan without a token")
	if !strings.Contains(res.stderr, "no Hex API token") || !strings.Contains(res.stderr, "hint:") {
		t.Errorf("no token: stderr = %s", res.stderr)
	}
	tf := r.write("token", rigToken+"\n")
	r.mustCode(r.hexform("plan", "-f", ws, "--token-file", tf), exitOK, "plan --token-file")
	// A wrong token from a file is not blamed on HEX_API_TOKEN.
	res = r.hexform("plan", "-f", ws, "--token-file", r.write("wrong-token", "hxtw_wrong\n"))
	r.mustCode(res, exitError, "plan --token-file WRONG")
	if !strings.Contains(res.stderr, "401 unauthorized") || strings.Contains(res.stderr, "check HEX_API_TOKEN") {
		t.Errorf("wrong token from a file: stderr = %s", res.stderr)
	}
	// A missing file is named, so a CI path mistake is found at once.
	missing := r.dir + "/no-such-token"
	res = r.hexform("plan", "-f", ws, "--token-file", missing)
	r.mustCode(res, exitError, "plan --token-file MISSING")
	if !strings.Contains(res.stderr, "cannot read --token-file "+missing+": no such file") {
		t.Errorf("missing token file: stderr = %s", res.stderr)
	}
	// The token is never a flag value.
	res = r.hexform("plan", "-f", ws, "--token="+rigToken)
	r.mustCode(res, exitError, "plan --token=...")
}

func TestHexRefusesPlainHTTPElsewhere(t *testing.T) {
	r := newE2ERig(t, hexsim.Config{})
	ws := r.write("workspace.yaml", e2eWorkspace)
	for _, target := range []string{"http://app.hex.tech", "http://10.1.2.3:8080", "http://[2001:db8::1]/"} {
		res := r.hexform("plan", "-f", ws, "--target", target)
		r.mustCode(res, exitError, "plan --target "+target)
		if !strings.Contains(res.stderr, "uses plain http: use https") {
			t.Errorf("--target %s: stderr = %s", target, res.stderr)
		}
	}
	// A token pasted into the URL is refused without being echoed (the rig
	// checks rigToken is not printed).
	for _, target := range []string{"https://" + rigToken + "@app.hex.tech", "https://app.hex.tech/?token=" + rigToken, "https://%zz" + rigToken} {
		res := r.hexform("plan", "-f", ws, "--target", target)
		r.mustCode(res, exitError, "plan with a token in the URL")
	}
	if st := r.sim.Stats(); st.Total != 0 {
		t.Errorf("refused targets still reached hexsim %d times", st.Total)
	}
}

func TestHexFailingRunsShowNoToken(t *testing.T) {
	r := newE2ERig(t, hexsim.Config{FailRate: 1})
	ws := r.write("workspace.yaml", e2eWorkspace)
	res := r.hexform("apply", "-f", ws, "--auto-approve")
	r.mustCode(res, exitError, "apply against a failing server")
	if !strings.Contains(res.stderr, "500 internal server error") || !strings.Contains(res.stderr, "gave up after 5 attempts") {
		t.Errorf("stderr = %s", res.stderr)
	}
	// Writes fail after the fact: the errors come from apply itself.
	r2 := newE2ERig(t, hexsim.Config{FailAfterWrite: 1})
	ws = r2.write("workspace.yaml", e2eWorkspace)
	res = r2.hexform("apply", "-f", ws, "--auto-approve", "--rotate-secrets")
	r2.mustCode(res, exitError, "apply with every write failing")
	if !strings.Contains(res.stdout, "failed: hex api") {
		t.Errorf("stdout = %s", res.stdout)
	}
}

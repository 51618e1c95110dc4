package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"net/http/httptest"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/internal/hexsim"
	"github.com/hexform/hexform/reconcile"
)

// rigToken is the bearer token of every rig. Every run checks that it never
// shows in stdout, stderr or the journal.
const rigToken = "hxtw_e2eSECRET-4f1d9c2b7a"

// vclock is a virtual clock shared by the simulator (its sliding-minute rate
// limiter) and the client (its rate limiter, retry backoff and Retry-After):
// sleeping advances it at once, so minutes of paced requests take no real
// time and no test waits on the wall clock.
type vclock struct {
	mu sync.Mutex
	t  time.Time
}

func newVClock() *vclock { return &vclock{t: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)} }

func (c *vclock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *vclock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d > 0 {
		c.mu.Lock()
		c.t = c.t.Add(d)
		c.mu.Unlock()
	}
	return nil
}

// hexRig is hexform pointed at an in-process hexsim on loopback.
type hexRig struct {
	t     *testing.T
	sim   *hexsim.Server
	url   string
	dir   string
	env   map[string]string
	clock *vclock
	// secrets are values that must never be printed (env secrets).
	secrets []string
	// last is a test's latest run, for its failure messages.
	last runResult
}

// run is the result of one hexform run.
type runResult struct {
	code           int
	stdout, stderr string
}

// newHexRig starts hexsim with cfg (Token and Now are set here) on state.
// The client runs on the rig's virtual clock; tests using a rig must not run
// in parallel (hexTestOptions is package state).
func newHexRig(t *testing.T, cfg hexsim.Config, state *reconcile.Snapshot) *hexRig {
	t.Helper()
	clock := newVClock()
	cfg.Token, cfg.Now = rigToken, clock.Now
	sim := hexsim.New(cfg, state)
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	prev := hexTestOptions
	hexTestOptions = []hexapi.Option{hexapi.WithClock(clock.Now), hexapi.WithSleep(clock.Sleep)}
	t.Cleanup(func() { hexTestOptions = prev })
	return &hexRig{
		t: t, sim: sim, url: srv.URL, dir: t.TempDir(), clock: clock,
		env: map[string]string{"HEX_API_TOKEN": rigToken},
	}
}

// setSecret sets an environment variable holding a secret value.
func (r *hexRig) setSecret(name, value string) {
	r.env[name] = value
	r.secrets = append(r.secrets, value)
}

// write writes a file into the rig's directory and returns its path.
func (r *hexRig) write(name, content string) string {
	r.t.Helper()
	p := filepath.Join(r.dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		r.t.Fatal(err)
	}
	return p
}

// hexform runs the CLI with the rig's environment, adding --target when no
// target is given, and checks that no secret leaked into what it printed.
func (r *hexRig) hexform(args ...string) runResult {
	r.t.Helper()
	if !slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, "--target") }) && args[0] != "validate" {
		args = append(args, "--target", r.url)
	}
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(k string) string { return r.env[k] }}
	res := runResult{code: runWithEnv(context.Background(), args, e), stdout: stdout.String(), stderr: stderr.String()}
	journal, _ := os.ReadFile(filepath.Join(r.dir, ".hexform", "journal.jsonl"))
	for _, s := range append([]string{rigToken}, r.secrets...) {
		for where, text := range map[string]string{"stdout": res.stdout, "stderr": res.stderr, "journal": string(journal)} {
			if strings.Contains(text, s) {
				r.t.Errorf("hexform %s: a secret (%.6s...) shows in %s:\n%s", strings.Join(args, " "), s, where, text)
			}
		}
	}
	return res
}

// mustCode fails the test unless the run exited with want.
func (r *hexRig) mustCode(res runResult, want int, what string) {
	r.t.Helper()
	if res.code != want {
		r.t.Fatalf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", what, res.code, want, res.stdout, res.stderr)
	}
}

// plan runs `plan -o json` on the workspace file and decodes the plan.
func (r *hexRig) plan(file string, extra ...string) *reconcile.Plan {
	r.t.Helper()
	res := r.hexform(append([]string{"plan", "-f", file, "-o", "json"}, extra...)...)
	r.mustCode(res, exitOK, "plan")
	var p reconcile.Plan
	if err := json.Unmarshal([]byte(res.stdout), &p); err != nil {
		r.t.Fatalf("plan -o json printed no plan: %v\n%s", err, res.stdout)
	}
	return &p
}

// modes maps each change id of p to its mode.
func modes(p *reconcile.Plan) map[string]reconcile.Mode {
	m := map[string]reconcile.Mode{}
	for _, c := range p.Changes {
		m[c.ID] = c.Mode
	}
	return m
}

// autoChanges lists the ids of the changes the target would carry out.
func autoChanges(p *reconcile.Plan) []string {
	var ids []string
	for _, c := range p.Changes {
		if c.Mode == reconcile.ModeAuto {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// loadState decodes a file-target JSON snapshot.
func loadState(t *testing.T, doc string) *reconcile.Snapshot {
	t.Helper()
	var s reconcile.Snapshot
	if err := json.Unmarshal([]byte(doc), &s); err != nil {
		t.Fatal(err)
	}
	return &s
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hexform/hexform/internal/hexsim"
	"github.com/hexform/hexform/internal/view"
	"github.com/hexform/hexform/reconcile"
)

// Distinctive secret values: none may appear anywhere but in the request
// that sends them to the target.
const (
	secretPG         = "S3CR3T-pg-value-7f1c"
	secretPassphrase = "S3CR3T-sf-passphrase-2d9e"
	secretKeyFile    = "S3CR3T-sf-private-key-b4a0"
)

var allSecrets = []string{secretPG, secretPassphrase, secretKeyFile}

const secretsWorkspace = `version: 1
workspace: secrets
connections:
  - name: PG
    type: postgres
    config: {hostname: db.internal, port: 5432, database: app, username: hex}
    secrets:
      password: {env: PG_PASSWORD}
  - name: Snow
    type: snowflake
    config: {account_name: acme, warehouse: WH, database: DB, username: HEX}
    secrets:
      private_key: {file: sf.key}
      passphrase: {env: SF_PASSPHRASE}
`

// secretsSetup writes the workspace and the key file into a new directory.
func secretsSetup(t *testing.T) (dir string, vars map[string]string) {
	dir = t.TempDir()
	files := map[string]string{"workspace.yaml": secretsWorkspace, "sf.key": secretKeyFile + "\n"}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir, map[string]string{"PG_PASSWORD": secretPG, "SF_PASSPHRASE": secretPassphrase}
}

// runVars runs hexform in-process in dir (the key file is relative to it)
// with vars as the environment, and fails when a secret is in the output.
func runVars(t *testing.T, dir string, vars map[string]string, args ...string) (int, string) {
	t.Helper()
	code, _, out := runVarsStdout(t, dir, vars, args...)
	return code, out
}

// runVarsStdout is runVars, returning standard output on its own too.
func runVarsStdout(t *testing.T, dir string, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir) // {file: sf.key} is read relative to the working directory
	var stdout, stderr bytes.Buffer
	code := runWithEnv(context.Background(), args, &env{
		stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
		getenv: func(k string) string { return vars[k] },
	})
	out := stdout.String() + stderr.String()
	noSecret(t, "hexform "+strings.Join(args, " "), out)
	return code, stdout.String(), out
}

func noSecret(t *testing.T, where, text string) {
	t.Helper()
	for _, s := range allSecrets {
		if strings.Contains(text, s) {
			t.Fatalf("%s holds the secret %q:\n%s", where, s, text)
		}
	}
}

// noSecretInFiles walks dir: no file but the key file the workspace reads
// may hold a secret.
func noSecretInFiles(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(p) == "sf.key" {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil {
			noSecret(t, p, string(data))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSecretsNeverLeakFileTarget runs every command over a workspace with
// secrets against the file target, and rotates one.
func TestSecretsNeverLeakFileTarget(t *testing.T) {
	dir, vars := secretsSetup(t)
	steps := [][]string{
		{"validate"},
		{"validate", "-o", "json"},
		{"validate", "-o", "github"},
		{"plan"},
		{"plan", "-o", "json"},
		{"plan", "-o", "markdown"},
		{"plan", "--out", "saved.plan"},
		{"apply", "--auto-approve", "saved.plan"},
		{"plan", "--detailed-exitcode"},
		{"export"},
		{"export", "--out", "exported.yaml"},
	}
	for _, args := range steps {
		if code, out := runVars(t, dir, vars, args...); code != 0 {
			t.Fatalf("hexform %s: exit %d\n%s", strings.Join(args, " "), code, out)
		}
	}
	st := relState(t, filepath.Join(dir, ".hexform", "state.json"))
	if len(st.Connections) != 2 || !strings.HasPrefix(st.Connections[0].Secrets["password"]+st.Connections[1].Secrets["passphrase"], "hmac-sha256:") {
		t.Fatalf("apply did not store the connections with fingerprints: %+v", st.Connections)
	}
	// Rotate: the value changes, the plan says so without printing it.
	vars["PG_PASSWORD"] = secretPG + "-rotated"
	code, out := runVars(t, dir, vars, "plan", "--detailed-exitcode")
	if code != exitChanges || !strings.Contains(out, "update connection/PG") {
		t.Fatalf("a rotated secret is not planned (exit %d):\n%s", code, out)
	}
	// The PR comment is the Markdown rendering of the plan's JSON form.
	code, js, out := runVarsStdout(t, dir, vars, "plan", "-o", "json")
	var plan reconcile.Plan
	if err := json.Unmarshal([]byte(js), &plan); code != 0 || err != nil {
		t.Fatalf("plan -o json: exit %d, %v\n%s", code, err, out)
	}
	var md bytes.Buffer
	if err := view.PlanMarkdown(&md, &plan, view.Options{MaxBytes: 65536}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "PG") {
		t.Fatalf("the comment does not show the change:\n%s", md.String())
	}
	noSecret(t, "PR comment", md.String())
	if code, out := runVars(t, dir, vars, "apply", "--auto-approve"); code != 0 {
		t.Fatalf("apply of the rotation: exit %d\n%s", code, out)
	}
	noSecretInFiles(t, dir)
}

// recorder keeps every request and response body the simulator saw.
type recorder struct {
	mu       sync.Mutex
	sent     []string // request bodies that carry secrets (connection writes)
	other    bytes.Buffer
	response bytes.Buffer
}

func (rec *recorder) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		cw := &captureWriter{ResponseWriter: w}
		h.ServeHTTP(cw, r)
		rec.mu.Lock()
		defer rec.mu.Unlock()
		if r.Method != http.MethodGet && strings.HasPrefix(r.URL.Path, "/api/v1/data-connections") {
			rec.sent = append(rec.sent, string(body))
		} else {
			rec.other.WriteString(r.Method + " " + r.URL.String() + "\n" + string(body) + "\n")
		}
		for k, v := range r.Header {
			if k != "Authorization" {
				rec.other.WriteString(k + ": " + strings.Join(v, ",") + "\n")
			}
		}
		rec.response.Write(cw.body.Bytes())
		for k, v := range cw.Header() {
			rec.response.WriteString(k + ": " + strings.Join(v, ",") + "\n")
		}
	})
}

type captureWriter struct {
	http.ResponseWriter
	body bytes.Buffer
}

func (c *captureWriter) Write(b []byte) (int, error) {
	c.body.Write(b)
	return c.ResponseWriter.Write(b)
}

// TestSecretsNeverLeakHexsim applies the workspace to the Hex simulator:
// the secrets travel in the bodies of the connection writes and nowhere
// else: not in other requests, responses, the simulator's log or state
// file, the output, or any file hexform writes.
func TestSecretsNeverLeakHexsim(t *testing.T) {
	dir, vars := secretsSetup(t)
	var simLog bytes.Buffer
	statePath := filepath.Join(dir, "hexsim-state.json")
	seed := &reconcile.Snapshot{Users: []reconcile.UserState{{ID: "u1", Email: "admin@acme.com", Role: "admin", Active: true}}}
	sim := hexsim.New(hexsim.Config{Token: "tok-secrets-test", StatePath: statePath, Log: &simLog}, seed)
	rec := &recorder{}
	srv := httptest.NewServer(rec.wrap(sim))
	defer srv.Close()
	vars["HEX_API_TOKEN"] = "tok-secrets-test"
	target := []string{"--target", srv.URL, "--rate-limit", "100000"}
	for _, args := range [][]string{
		{"plan"}, {"plan", "-o", "json"}, {"plan", "-o", "markdown"}, {"plan", "--out", "hex.plan"},
		{"apply", "--auto-approve"}, {"plan", "--detailed-exitcode"}, {"export"},
	} {
		if code, out := runVars(t, dir, vars, append(args, target...)...); code != 0 {
			t.Fatalf("hexform %s: exit %d\n%s", strings.Join(args, " "), code, out)
		}
	}
	vars["PG_PASSWORD"] = secretPG + "-rotated"
	if code, out := runVars(t, dir, vars, append([]string{"apply", "--auto-approve", "--rotate-secrets"}, target...)...); code != 0 {
		t.Fatalf("apply --rotate-secrets: exit %d\n%s", code, out)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	sent := strings.Join(rec.sent, "\n")
	for _, s := range append(allSecrets, secretPG+"-rotated") {
		if !strings.Contains(sent, s) {
			t.Errorf("no connection write sent %q: the test cannot see secrets travel", s)
		}
	}
	noSecret(t, "requests other than connection writes", rec.other.String())
	noSecret(t, "responses", rec.response.String())
	noSecret(t, "hexsim log", simLog.String())
	if simLog.Len() == 0 {
		t.Error("hexsim logged nothing")
	}
	noSecretInFiles(t, dir)
	if _, err := os.Stat(statePath); err != nil {
		t.Fatalf("hexsim saved no state: %v", err)
	}
}

// echoServer is hexsim, except that it refuses every connection write with
// an error that echoes the request body: JSON ({"message": ...}) or plain
// text. The first refusal is a 429, so the client retries and prints a
// retry notice carrying the echo too.
func echoServer(t *testing.T, plain bool) (*httptest.Server, *hexsim.Server) {
	t.Helper()
	seed := &reconcile.Snapshot{Users: []reconcile.UserState{{ID: "u1", Email: "admin@acme.com", Role: "admin", Active: true}}}
	sim := hexsim.New(hexsim.Config{Token: "tok-echo-test-1234"}, seed)
	var mu sync.Mutex
	writes := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || !strings.HasPrefix(r.URL.Path, "/api/v1/data-connections") {
			sim.ServeHTTP(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		writes++
		status := http.StatusBadRequest
		if writes == 1 {
			status = http.StatusTooManyRequests
		}
		mu.Unlock()
		if plain {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(status)
			fmt.Fprintf(w, "rejected %s", body)
			return
		}
		msg, _ := json.Marshal(map[string]any{"message": "invalid request body: " + string(body),
			"issues": []map[string]string{{"message": "bad " + string(body)}}})
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write(msg)
	}))
	t.Cleanup(srv.Close)
	return srv, sim
}

// TestSecretsScrubbedFromEchoedErrors: a server that echoes the request
// body in its errors puts no connection secret and no token in stdout,
// stderr (retry notices included) or the journal: hexform hides every value
// it resolved, and the token, wherever it would be printed.
func TestSecretsScrubbedFromEchoedErrors(t *testing.T) {
	for name, plain := range map[string]bool{"json": false, "plain text": true} {
		t.Run(name, func(t *testing.T) {
			dir, vars := secretsSetup(t)
			srv, sim := echoServer(t, plain)
			vars["HEX_API_TOKEN"] = "tok-echo-test-1234"
			code, out := runVars(t, dir, vars, "apply", "--auto-approve", "--target", srv.URL, "--rate-limit", "100000")
			if code != exitError {
				t.Fatalf("apply: exit %d, want 1 (every connection write refused)\n%s", code, out)
			}
			if !strings.Contains(out, "(redacted)") || !strings.Contains(out, "retry 1 of") {
				t.Fatalf("the echo did not reach the output, so the test proves nothing:\n%s", out)
			}
			if strings.Contains(out, "tok-echo-test-1234") {
				t.Fatalf("the token shows:\n%s", out)
			}
			journal, err := os.ReadFile(filepath.Join(dir, ".hexform", "journal.jsonl"))
			if err != nil || !strings.Contains(string(journal), "(redacted)") {
				t.Fatalf("journal (%v) does not hold the scrubbed echo:\n%s", err, journal)
			}
			noSecretInFiles(t, dir)
			if cs := sim.Snapshot().Connections; len(cs) != 0 {
				t.Errorf("connections were created: %+v", cs)
			}
		})
	}
}

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/hexsim"
)

// started is a running hexsim.
type started struct {
	url    string
	cancel context.CancelFunc
	done   chan int
	stderr *bytes.Buffer
}

// start runs hexsim with args and waits for its "listening" line.
func start(t *testing.T, args ...string) *started {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	s := &started{cancel: cancel, done: make(chan int, 1), stderr: &bytes.Buffer{}}
	go func() {
		code := run(ctx, args, pw, s.stderr)
		pw.Close()
		s.done <- code
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	go io.Copy(io.Discard, pr)
	if err != nil {
		cancel()
		t.Fatalf("no listening line (%v); exit %d; stderr: %s", err, <-s.done, s.stderr)
	}
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "hexsim listening on ")
	if !ok || !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("listening line %q", line)
	}
	s.url = url
	return s
}

func (s *started) stop(t *testing.T) {
	t.Helper()
	s.cancel()
	if code := <-s.done; code != 0 {
		t.Errorf("exit %d after cancel; stderr: %s", code, s.stderr)
	}
}

func request(t *testing.T, method, url, token, body string) int {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

func TestRunServesAndSaves(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	s := start(t, "--addr", "127.0.0.1:0", "--token", "T", "--state", state, "-v")
	if code := request(t, "POST", s.url+"/api/v1/groups", "T", `{"name":"Ops"}`); code != 201 {
		t.Errorf("CreateGroup: %d", code)
	}
	if code := request(t, "GET", s.url+"/api/v1/groups", "wrong", ""); code != 401 {
		t.Errorf("wrong token: %d", code)
	}
	s.stop(t)
	st, err := hexsim.Load(state)
	if err != nil || len(st.Groups) != 1 || st.Groups[0].Name != "Ops" {
		t.Errorf("saved state: %+v, %v", st, err)
	}
	if log := s.stderr.String(); !strings.Contains(log, state+" does not exist: starting from an empty workspace") {
		t.Errorf("a missing state file is not mentioned: %q", log)
	}
	if log := s.stderr.String(); !strings.Contains(log, "POST /api/v1/groups -> 201 (CreateGroup)") ||
		!strings.Contains(log, "acts as a workspace token") || strings.Contains(log, "Ops") {
		t.Errorf("request log: %q", log)
	}
}

func TestRunTokenFromEnvAndFaults(t *testing.T) {
	t.Setenv("HEXSIM_TOKEN", "env-token")
	s := start(t, "--rate-limit", "1")
	if code := request(t, "GET", s.url+"/api/v1/groups", "env-token", ""); code != 200 {
		t.Errorf("first request: %d", code)
	}
	if code := request(t, "GET", s.url+"/api/v1/groups", "env-token", ""); code != 429 {
		t.Errorf("second request with --rate-limit 1: %d", code)
	}
	// ListUsers is in the fixed group: 30 a minute, counted apart.
	for i := range 2 {
		if code := request(t, "GET", s.url+"/api/v1/users", "env-token", ""); code != 200 {
			t.Errorf("ListUsers %d with --rate-limit 1: %d", i+1, code)
		}
	}
	req, _ := http.NewRequest("GET", s.url+"/_sim/stats", nil)
	req.Header.Set("Authorization", "Bearer env-token")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var st hexsim.Stats
	err = json.NewDecoder(res.Body).Decode(&st)
	res.Body.Close()
	if err != nil || st.Endpoints["ListGroups"] != 2 || st.Endpoints["ListUsers"] != 2 || st.Faults.RateLimited != 1 || st.Faults.RateLimitedByGroup["hex-api"] != 1 {
		t.Errorf("stats %+v, %v", st, err)
	}
	s.stop(t)
}

func TestRunRefuses(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte("{\n  \"groups\": 3\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HEXSIM_TOKEN", "")
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--addr", "0.0.0.0:0", "--token", "T"}, 2, "not a loopback address"},
		{[]string{"--addr", ":0", "--token", "T"}, 2, "not a loopback address"},
		{[]string{"--addr", "192.0.2.1:80", "--token", "T"}, 2, "not a loopback address"},
		{[]string{"--addr", "nonsense", "--token", "T"}, 2, "missing port"},
		{[]string{}, 2, "no token"},
		{[]string{"--token", "T", "--fail-rate", "1.5", "--fail-after-write", "-1", "extra"},
			2, "hexsim: unexpected argument \"extra\"\nhexsim: --fail-rate must be from 0 to 1\nhexsim: --fail-after-write"},
		{[]string{"--token", "T", "--state", bad}, 1, bad + ":2:"},
		{[]string{"--bogus"}, 2, "flag provided but not defined"},
		{[]string{"--token", "T", "--rate-limit", "-1", "--fixed-rate-limit", "-2"}, 2, "hexsim: --rate-limit must be 0 or more\nhexsim: --fixed-rate-limit must be 0 or more"},
		{[]string{"--token", "T", "--save-every", "-1s"}, 2, "hexsim: --save-every must not be negative"},
		{[]string{"--token", "T", "--as", "nobody@acme.com"}, 2, "--as nobody@acme.com is not an active user"},
		{[]string{"--token", "T", "--bad-answer", "rude"}, 2, "--bad-answer: unknown bad answer \"rude\" (known: repeat-cursor, "},
		{[]string{"--token", "T", "--bad-answer", "redirect"}, 2, "--bad-answer: a redirect bad answer needs the URL"},
		{[]string{"--token", "T", "--bad-answer", "null-item", "--bad-answer-op", "ListGroup"}, 2, "unknown operation \"ListGroup\""},
	}
	for _, tc := range cases {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), tc.args, &stdout, &stderr)
		if code != tc.code || !strings.Contains(stderr.String(), tc.msg) || stdout.Len() != 0 {
			t.Errorf("run %q = %d, stdout %q, stderr %q; want %d and %q", tc.args, code, stdout.String(), stderr.String(), tc.code, tc.msg)
		}
	}
}

func TestRunBadAnswer(t *testing.T) {
	s := start(t, "--token", "T", "--bad-answer", "huge-retry-after", "--bad-answer-op", "ListGroups")
	defer s.stop(t)
	if code := request(t, "GET", s.url+"/api/v1/groups", "T", ""); code != 429 {
		t.Errorf("ListGroups with --bad-answer huge-retry-after: %d", code)
	}
	if code := request(t, "GET", s.url+"/api/v1/users", "T", ""); code != 200 {
		t.Errorf("ListUsers: %d", code)
	}
}

func TestRunAs(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	doc := `{"users": [{"id": "u1", "email": "ann@acme.com", "role": "editor", "active": true}]}`
	if err := os.WriteFile(state, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	s := start(t, "--token", "T", "--state", state, "--as", "Ann@acme.com")
	if code := request(t, "GET", s.url+"/api/v1/users/me", "T", ""); code != 200 {
		t.Errorf("Me as ann: %d", code)
	}
	if code := request(t, "POST", s.url+"/api/v1/users/u1/deactivate", "T", ""); code != 200 {
		t.Errorf("deactivate: %d", code)
	}
	if code := request(t, "GET", s.url+"/api/v1/users/me", "T", ""); code != 401 {
		t.Errorf("Me after deactivating the token's user: %d", code)
	}
	s.stop(t)
}

func TestRunWorkspaceToken(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	doc := `{"users": [{"id": "u1", "email": "ann@acme.com", "role": "admin", "active": true}]}`
	if err := os.WriteFile(state, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	s := start(t, "--token", "T", "--state", state, "--workspace-token")
	defer s.stop(t)
	req, _ := http.NewRequest("GET", s.url+"/api/v1/users/me", nil)
	req.Header.Set("Authorization", "Bearer T")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || strings.Contains(string(body), "ann@acme.com") {
		t.Fatalf("Me with a workspace token: %d %s", res.StatusCode, body)
	}
	// Deactivating the only admin does not lock a workspace token out.
	if code := request(t, "POST", s.url+"/api/v1/users/u1/deactivate", "T", ""); code != 200 {
		t.Errorf("deactivate: %d", code)
	}
	if code := request(t, "GET", s.url+"/api/v1/users", "T", ""); code != 200 {
		t.Errorf("list after deactivation: %d", code)
	}
}

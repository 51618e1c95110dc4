package ghub

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-multierror"
)

func getenv(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestEnvFromGetenv(t *testing.T) {
	e, err := EnvFromGetenv(getenv(map[string]string{
		"GITHUB_TOKEN": testToken, "GITHUB_REPOSITORY": "acme/hex-admin", "GITHUB_EVENT_PATH": "/ev.json",
		"GITHUB_SHA": "abc", "GITHUB_EVENT_NAME": "pull_request", "GITHUB_SERVER_URL": "https://github.com",
		"GITHUB_RUN_ID": "99",
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := Env{Token: testToken, Repository: "acme/hex-admin", EventPath: "/ev.json", SHA: "abc",
		APIURL: DefaultAPIURL, EventName: "pull_request", ServerURL: "https://github.com", RunID: "99"}
	if e != want {
		t.Errorf("got %v, want %v", e, want)
	}
	if e.RunURL() != "https://github.com/acme/hex-admin/actions/runs/99" {
		t.Errorf("RunURL %q", e.RunURL())
	}
	for _, s := range []string{e.String(), fmt.Sprintf("%v %+v %#v", e, e, e)} {
		if strings.Contains(s, testToken) {
			t.Errorf("token printed: %s", s)
		}
	}
}

func TestEnvFromGetenvErrors(t *testing.T) {
	_, err := EnvFromGetenv(getenv(map[string]string{"GITHUB_REPOSITORY": "hex-admin", "GITHUB_API_URL": "ftp://x"}))
	var me *multierror.Error
	if !errors.As(err, &me) || len(me.Errors) != 3 {
		t.Fatalf("got %v, want 3 problems", err)
	}
	var vars []string
	for _, e := range me.Errors {
		var ee *EnvError
		if !errors.As(e, &ee) {
			t.Fatalf("%v is not an EnvError", e)
		}
		vars = append(vars, ee.Var)
	}
	if got := strings.Join(vars, ","); got != "GITHUB_TOKEN,GITHUB_REPOSITORY,GITHUB_API_URL" {
		t.Errorf("vars %s", got)
	}
	msg := err.Error()
	for _, w := range []string{"3 problems", "GITHUB_TOKEN is not set: pass it to the step with `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}`",
		`GITHUB_REPOSITORY is "hex-admin": it must be owner/name`, `GITHUB_API_URL is "ftp://x", not an http(s) URL`} {
		if !strings.Contains(msg, w) {
			t.Errorf("message lacks %q:\n%s", w, msg)
		}
	}
	_, err = EnvFromGetenv(getenv(map[string]string{"GITHUB_REPOSITORY": "a/b"}))
	if err == nil || err.Error() != "GITHUB_TOKEN is not set: pass it to the step with `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}`" {
		t.Errorf("one problem: %v", err)
	}
	if _, err := NewClient(context.Background(), Env{Repository: "a/b"}, nil); err == nil {
		t.Error("NewClient without token succeeded")
	}
}

func writeEvent(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPullRequest(t *testing.T) {
	ev := writeEvent(t, `{"action":"synchronize","number":12,"pull_request":{"number":12,"head":{"sha":"deadbeef"},"base":{"sha":"0000"}}}`)
	for _, name := range []string{"pull_request", "pull_request_target", ""} {
		n, sha, err := Env{EventPath: ev, EventName: name}.PullRequest()
		if err != nil || n != 12 || sha != "deadbeef" {
			t.Errorf("%q: %d, %q, %v", name, n, sha, err)
		}
	}
	tests := []struct {
		env  Env
		want string
	}{
		{Env{EventPath: ev, EventName: "push"}, `GITHUB_EVENT_NAME is "push", not a pull request event`},
		{Env{EventName: "pull_request"}, "GITHUB_EVENT_PATH is not set"},
		{Env{EventPath: filepath.Join(t.TempDir(), "none.json")}, "GITHUB_EVENT_PATH names a file that cannot be read"},
		{Env{EventPath: writeEvent(t, "{")}, "GITHUB_EVENT_PATH names a file that is not JSON"},
		{Env{EventPath: writeEvent(t, `{"ref":"refs/heads/main"}`)}, "GITHUB_EVENT_PATH holds no pull request"},
	}
	for _, tt := range tests {
		_, _, err := tt.env.PullRequest()
		var ee *EnvError
		if !errors.As(err, &ee) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: got %v, want %q", tt.env, err, tt.want)
		}
	}
}

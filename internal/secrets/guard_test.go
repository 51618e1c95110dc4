package secrets

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/redact"
	"github.com/hexform/hexform/schema"
)

const token = "hxtw_guardTOKEN-value-1234"

// env is an environment where every credential is set.
func env(k string) string {
	return map[string]string{
		"HEX_API_TOKEN": token, "GITHUB_TOKEN": "ghs_x", "GH_TOKEN": "gho_x", "GITHUB_EVENT_PATH": "/e.json",
		"ACTIONS_ID_TOKEN_REQUEST_TOKEN": "oidc", "RUNNER_TEMP": "/tmp", "HEX_TOKEN_COPY": token,
		"PG_PASSWORD": "pg-value", "AWS_SECRET": "aws-value",
	}[k]
}

// wantRefused fails unless resolving ref is refused with reason.
func wantRefused(t *testing.T, r *Resolver, ref schema.SecretRef, reason string) {
	t.Helper()
	v, err := r.Resolve(ref)
	var se *Error
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "secret "+ref.String()+" is refused: "+reason) {
		t.Errorf("Resolve(%s) = %q, %v; want refused: %s", ref, v, err, reason)
	}
}

func TestResolveRefusesCredentials(t *testing.T) {
	r := &Resolver{Getenv: env, Token: token, DenyEnv: []string{"HEXFORM_TOKEN"}}
	for name, reason := range map[string]string{
		"HEX_API_TOKEN":                  "it is hexform's own API token",
		"hex_api_token":                  "it is hexform's own API token",
		"GITHUB_TOKEN":                   "it is the CI job's GitHub token",
		"GH_TOKEN":                       "it is a GitHub token",
		"GITHUB_EVENT_PATH":              "GITHUB_* variables belong to the CI job",
		"ACTIONS_ID_TOKEN_REQUEST_TOKEN": "ACTIONS_* variables hold the CI runner's credentials",
		"RUNNER_TEMP":                    "RUNNER_* variables belong to the CI runner",
		"HEXFORM_TOKEN":                  "it holds hexform's own API token",
		"HEX_TOKEN_COPY":                 "its value is hexform's own API token",
	} {
		wantRefused(t, r, schema.SecretRef{Env: name}, reason)
	}
	if v, err := r.Resolve(schema.SecretRef{Env: "PG_PASSWORD"}); v != "pg-value" || err != nil {
		t.Errorf("PG_PASSWORD: %q, %v", v, err)
	}
}

func TestResolveFollowsSettings(t *testing.T) {
	dir := t.TempDir()
	mkfile(t, filepath.Join(dir, "secrets", "pg.pass"), "file-value")
	mkfile(t, filepath.Join(dir, "other.pass"), "other-value")
	r := &Resolver{Getenv: env, Dir: dir, Settings: &schema.SecretSettings{Env: []string{"PG_*"}, Files: []string{"secrets/"}}}
	if v, err := r.Resolve(schema.SecretRef{Env: "PG_PASSWORD"}); v != "pg-value" || err != nil {
		t.Errorf("PG_PASSWORD: %q, %v", v, err)
	}
	wantRefused(t, r, schema.SecretRef{Env: "AWS_SECRET"}, "it matches none of settings.secrets.env (PG_*)")
	if v, err := r.Resolve(schema.SecretRef{File: "secrets/pg.pass"}); v != "file-value" || err != nil {
		t.Errorf("secrets/pg.pass: %q, %v", v, err)
	}
	wantRefused(t, r, schema.SecretRef{File: "other.pass"}, "it is under none of settings.secrets.files (secrets/)")
	// A link inside secrets/ to a file outside it is refused too.
	link(t, filepath.Join("..", "other.pass"), filepath.Join(dir, "secrets", "link.pass"))
	wantRefused(t, r, schema.SecretRef{File: "secrets/link.pass"}, "a symbolic link leads it to other.pass: it is under none of settings.secrets.files")
}

func TestResolveFileStaysInTheWorkspace(t *testing.T) {
	top := t.TempDir()
	dir := filepath.Join(top, "ws")
	tokenFile := filepath.Join(top, "hex.token")
	mkfile(t, tokenFile, token+"\n")
	mkfile(t, filepath.Join(dir, ".git", "config"), "[credential]")
	mkfile(t, filepath.Join(dir, ".hexform", "state.json.key"), "00ff")
	mkfile(t, filepath.Join(dir, "big.pass"), strings.Repeat("x", MaxFileSize+1))
	mkfile(t, filepath.Join(dir, "copy.token"), token)
	link(t, tokenFile, filepath.Join(dir, "abs-link"))
	link(t, filepath.Join("..", "hex.token"), filepath.Join(dir, "rel-link"))
	link(t, "/proc/self/environ", filepath.Join(dir, "environ"))
	link(t, ".git/config", filepath.Join(dir, "git-link"))
	link(t, ".hexform", filepath.Join(dir, "state-dir"))
	if err := os.Link(tokenFile, filepath.Join(dir, "hard.token")); err != nil {
		t.Fatal(err)
	}
	r := &Resolver{Dir: dir, Token: token, DenyFiles: []string{tokenFile}}
	for file, reason := range map[string]string{
		"/proc/self/environ":       "it is an absolute path",
		tokenFile:                  "it is an absolute path",
		"../hex.token":             "it is outside the workspace file's directory",
		".git/config":              "it is inside .git",
		".hexform/state.json.key":  "it is inside .hexform",
		"abs-link":                 "a symbolic link leads it outside the workspace file's directory",
		"rel-link":                 "a symbolic link leads it outside the workspace file's directory",
		"environ":                  "a symbolic link leads it outside the workspace file's directory",
		"git-link":                 "a symbolic link leads it to .git/config: it is inside .git",
		"state-dir/state.json.key": "a symbolic link leads it to .hexform/state.json.key: it is inside .hexform",
		"hard.token":               "it is the --token-file holding hexform's own API token",
		"copy.token":               "its value is hexform's own API token",
	} {
		wantRefused(t, r, schema.SecretRef{File: file}, reason)
	}
	if _, err := r.Resolve(schema.SecretRef{File: "big.pass"}); err == nil || !strings.Contains(err.Error(), "is over 1 MiB") {
		t.Errorf("big.pass: err = %v", err)
	}
}

// TestResolveWorkspaceDirIsALink: a workspace directory reached through a
// symbolic link still reads the files inside it.
func TestResolveWorkspaceDirIsALink(t *testing.T) {
	top := t.TempDir()
	mkfile(t, filepath.Join(top, "real", "pg.pass"), "inside")
	link(t, filepath.Join(top, "real"), filepath.Join(top, "ws"))
	r := &Resolver{Dir: filepath.Join(top, "ws")}
	if v, err := r.Resolve(schema.SecretRef{File: "pg.pass"}); v != "inside" || err != nil {
		t.Errorf("Resolve = %q, %v", v, err)
	}
}

// TestResolveRegistersValues: every value resolved is added to the Redact
// set; refused and failed ones are not resolved, so there is nothing to add.
func TestResolveRegistersValues(t *testing.T) {
	dir := t.TempDir()
	mkfile(t, filepath.Join(dir, "k.pem"), "file-secret-value\n")
	set := &redact.Set{}
	r := &Resolver{Getenv: env, Dir: dir, Redact: set}
	for _, ref := range []schema.SecretRef{{Env: "PG_PASSWORD"}, {File: "k.pem"}} {
		if _, err := r.Resolve(ref); err != nil {
			t.Fatal(err)
		}
	}
	if got := set.Scrub("pg-value and file-secret-value"); got != "(redacted) and (redacted)" {
		t.Errorf("Scrub = %q", got)
	}
}

func mkfile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func link(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}

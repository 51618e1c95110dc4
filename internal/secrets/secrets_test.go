package secrets

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hexform/hexform/schema"
)

func TestResolveEnv(t *testing.T) {
	r := &Resolver{Getenv: func(k string) string {
		if k == "PGPASSWORD" {
			return "s3cr3t-value"
		}
		return ""
	}}
	v, err := r.Resolve(schema.SecretRef{Env: "PGPASSWORD"})
	if err != nil || v != "s3cr3t-value" {
		t.Fatalf("Resolve = %q, %v", v, err)
	}
	_, err = r.Resolve(schema.SecretRef{Env: "MISSING_VAR"})
	var se *Error
	if !errors.As(err, &se) || se.Ref.Env != "MISSING_VAR" {
		t.Fatalf("err = %v, want *Error for MISSING_VAR", err)
	}
	want := "secret env:MISSING_VAR is not set (set the environment variable MISSING_VAR, e.g. export MISSING_VAR=... in the shell or a CI secret)"
	if err.Error() != want {
		t.Errorf("err =\n%s\nwant\n%s", err, want)
	}
}

func TestResolveFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return name
	}
	r := &Resolver{Dir: dir}
	for _, tc := range []struct{ content, want string }{
		{"value", "value"},
		{"value\n", "value"},
		{"value\r\n", "value"},
		{"value\n\n", "value\n"},
		{" spaced value \n", " spaced value "},
	} {
		p := write("s", tc.content)
		got, err := r.Resolve(schema.SecretRef{File: p})
		if err != nil || got != tc.want {
			t.Errorf("content %q: Resolve = %q, %v; want %q", tc.content, got, err, tc.want)
		}
	}
	if _, err := r.Resolve(schema.SecretRef{File: write("empty", "\n")}); err == nil || !strings.Contains(err.Error(), "is empty") {
		t.Errorf("empty file: err = %v", err)
	}
	missing := filepath.Join(dir, "nope")
	_, err := r.Resolve(schema.SecretRef{File: "nope"})
	if !errors.Is(err, fs.ErrNotExist) || !strings.HasPrefix(err.Error(), "secret file:nope cannot be read from "+missing+": ") {
		t.Errorf("missing file: err = %v", err)
	}
	if strings.Count(err.Error(), missing) != 1 {
		t.Errorf("path named more than once: %v", err)
	}
}

func TestErrorsNeverHoldTheValue(t *testing.T) {
	const value = "hunter2-very-secret"
	r := &Resolver{
		Getenv:   func(string) string { return "" },
		ReadFile: func(string) ([]byte, error) { return []byte(value), errors.New("permission denied") },
	}
	for _, ref := range []schema.SecretRef{{Env: "X"}, {File: "/x"}, {}, {Env: "X", File: "/x"}} {
		_, err := r.Resolve(ref)
		if err == nil {
			t.Fatalf("%v: no error", ref)
		}
		if strings.Contains(err.Error(), value) {
			t.Errorf("%v: error holds the value: %v", ref, err)
		}
	}
}

func TestResolveRelativeFileFromDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pg.pass"), []byte("v4lue\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := &Resolver{Dir: dir}
	if v, err := r.Resolve(schema.SecretRef{File: "pg.pass"}); err != nil || v != "v4lue" {
		t.Fatalf("Resolve = %q, %v", v, err)
	}
	_, err := r.Resolve(schema.SecretRef{File: "missing.pass"})
	if err == nil || !strings.Contains(err.Error(), "cannot be read from "+filepath.Join(dir, "missing.pass")) {
		t.Fatalf("err = %v, want the full path it tried", err)
	}
}

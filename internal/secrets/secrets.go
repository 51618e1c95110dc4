package secrets

import (
	"fmt"
	"os"
	"slices"

	"github.com/hexform/hexform/internal/redact"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// Resolver reads secret values from the environment and from files.
type Resolver struct {
	Getenv   func(string) string
	ReadFile func(string) ([]byte, error)
	// Dir is the workspace file's directory: a {file: PATH} is relative to
	// it and must stay inside it, so a reference means the same file from
	// any working directory. Empty means the current directory.
	Dir string
	// Settings are the workspace file's settings.secrets (nil: the defaults).
	Settings *schema.SecretSettings
	// Token is hexform's API token: no reference may resolve to it.
	Token string
	// DenyEnv and DenyFiles are the variable and the file the token came
	// from, refused besides the fixed list (HEX_API_TOKEN, GITHUB_*, ...).
	DenyEnv   []string
	DenyFiles []string
	// Redact, when set, is given every value resolved.
	Redact *redact.Set
}

var _ reconcile.SecretResolver = (*Resolver)(nil)

// FromEnv returns a Resolver over the process environment and file system.
func FromEnv() *Resolver {
	return &Resolver{Getenv: os.Getenv, ReadFile: os.ReadFile}
}

// Error is a secret that could not be resolved. It names the reference and
// never holds the value.
type Error struct {
	Ref    schema.SecretRef
	Reason string // what is wrong, e.g. "is not set"
	Hint   string // how to fix it
	Err    error  // the underlying error, if any (never holds the value)
}

func (e *Error) Error() string {
	msg := "secret " + describe(e.Ref) + " " + e.Reason
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	if e.Hint != "" {
		msg += " (" + e.Hint + ")"
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

func describe(ref schema.SecretRef) string {
	if ref.Env != "" {
		return "env:" + ref.Env
	}
	if ref.File != "" {
		return "file:" + ref.File
	}
	return "reference"
}

func refused(ref schema.SecretRef, r *schema.SecretRefusal) *Error {
	return &Error{Ref: ref, Reason: "is refused: " + r.Reason, Hint: r.Hint}
}

// Resolve returns the value ref points at: the environment variable's value,
// or the file's content without one trailing newline. A refused reference,
// an unset or empty variable, an unreadable or empty file, or a reference
// naming neither is an *Error.
func (r *Resolver) Resolve(ref schema.SecretRef) (string, error) {
	var (
		v   string
		err error
	)
	switch {
	case ref.Env != "" && ref.File != "":
		return "", &Error{Ref: ref, Reason: "names both env and file", Hint: "keep exactly one of env: or file:"}
	case ref.Env != "":
		v, err = r.env(ref)
	case ref.File != "":
		v, err = r.file(ref)
	default:
		return "", &Error{Ref: ref, Reason: "names neither env nor file", Hint: "write {env: NAME} or {file: PATH}"}
	}
	if err != nil {
		return "", err
	}
	if r.Token != "" && v == r.Token {
		return "", refused(ref, &schema.SecretRefusal{Reason: "its value is hexform's own API token",
			Hint: "a connection secret is never the Hex API token: give the connection its own credential"})
	}
	r.Redact.Add(v)
	return v, nil
}

func (r *Resolver) env(ref schema.SecretRef) (string, error) {
	if rf := schema.RefuseSecretEnv(ref.Env, r.Settings); rf != nil {
		return "", refused(ref, rf)
	}
	if slices.Contains(r.DenyEnv, ref.Env) {
		return "", refused(ref, &schema.SecretRefusal{Reason: "it holds hexform's own API token", Hint: "give the connection its own variable"})
	}
	getenv := r.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	v := getenv(ref.Env)
	if v == "" {
		return "", &Error{Ref: ref, Reason: "is not set",
			Hint: fmt.Sprintf("set the environment variable %s, e.g. export %s=... in the shell or a CI secret", ref.Env, ref.Env)}
	}
	return v, nil
}

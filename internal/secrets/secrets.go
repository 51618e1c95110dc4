package secrets

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// Resolver reads secret values from the environment and from files.
type Resolver struct {
	Getenv   func(string) string
	ReadFile func(string) ([]byte, error)
	// Dir is where a relative {file: PATH} is read from: the workspace file's
	// directory, so a reference means the same file from any working
	// directory. Empty means the current directory.
	Dir string
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

// Resolve returns the value ref points at: the environment variable's value,
// or the file's content without one trailing newline. An unset or empty
// variable, an unreadable or empty file, or a reference naming neither is an
// *Error.
func (r *Resolver) Resolve(ref schema.SecretRef) (string, error) {
	switch {
	case ref.Env != "" && ref.File != "":
		return "", &Error{Ref: ref, Reason: "names both env and file", Hint: "keep exactly one of env: or file:"}
	case ref.Env != "":
		return r.env(ref)
	case ref.File != "":
		return r.file(ref)
	}
	return "", &Error{Ref: ref, Reason: "names neither env nor file", Hint: "write {env: NAME} or {file: PATH}"}
}

func (r *Resolver) env(ref schema.SecretRef) (string, error) {
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

func (r *Resolver) file(ref schema.SecretRef) (string, error) {
	read := r.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	path := ref.File
	if !filepath.IsAbs(path) && r.Dir != "" {
		path = filepath.Join(r.Dir, path)
	}
	b, err := read(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is named below; keep only the cause
		}
		reason := "cannot be read"
		if path != ref.File {
			reason = "cannot be read from " + path
		}
		return "", &Error{Ref: ref, Reason: reason, Err: err,
			Hint: "create the file with the secret as its only content, readable by this user; a relative path is relative to the workspace file"}
	}
	v := string(b)
	if s, ok := strings.CutSuffix(v, "\n"); ok {
		v = strings.TrimSuffix(s, "\r")
	}
	if v == "" {
		return "", &Error{Ref: ref, Reason: "is empty", Hint: "write the secret into the file"}
	}
	return v, nil
}

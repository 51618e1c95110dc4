package secrets

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hexform/hexform/schema"
)

// MaxFileSize is the largest secret file read: keys and service-account
// files are a few KiB.
const MaxFileSize = 1 << 20

const fileHint = "create the file with the secret as its only content, readable by this user; a relative path is relative to the workspace file"

// file reads a {file: PATH} secret once the path, and where its symbolic
// links lead, pass the rules.
func (r *Resolver) file(ref schema.SecretRef) (string, error) {
	if rf := schema.RefuseSecretFile(ref.File, r.Settings); rf != nil {
		return "", refused(ref, rf)
	}
	root := r.Dir
	if root == "" {
		root = "."
	}
	path := filepath.Join(root, filepath.FromSlash(ref.File))
	read := path
	real, err := filepath.EvalSymlinks(path)
	switch {
	case err == nil:
		if e := r.checkReal(ref, root, real); e != nil {
			return "", e
		}
		read = real
	case !errors.Is(err, fs.ErrNotExist):
		return "", readError(ref, path, err)
	}
	readFile := r.ReadFile
	if readFile == nil {
		readFile = os.ReadFile
	}
	b, err := readFile(read)
	if err != nil {
		return "", readError(ref, path, err)
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

// checkReal applies the rules to where the path really leads: inside the
// root (itself with its links followed), not a refused place there, not the
// token's file, and a regular file of a bounded size.
func (r *Resolver) checkReal(ref schema.SecretRef, root, real string) *Error {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return readError(ref, root, err)
	}
	absRoot, err1 := filepath.Abs(realRoot)
	absReal, err2 := filepath.Abs(real)
	if err := errors.Join(err1, err2); err != nil {
		return readError(ref, real, err)
	}
	rel, err := filepath.Rel(absRoot, absReal)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || inSystemDir(absReal) {
		return refused(ref, &schema.SecretRefusal{Reason: "a symbolic link leads it outside the workspace file's directory",
			Hint: "keep the secret itself inside the workspace file's directory, not a link to a file elsewhere"})
	}
	if rf := schema.RefuseSecretFile(filepath.ToSlash(rel), r.Settings); rf != nil {
		rf.Reason = "a symbolic link leads it to " + filepath.ToSlash(rel) + ": " + rf.Reason
		return refused(ref, rf)
	}
	fi, err := os.Stat(absReal)
	if err != nil {
		return readError(ref, real, err)
	}
	if r.isTokenFile(fi) {
		return refused(ref, &schema.SecretRefusal{Reason: "it is the --token-file holding hexform's own API token",
			Hint: "a connection secret is never the Hex API token: give the connection its own credential"})
	}
	switch {
	case !fi.Mode().IsRegular():
		return &Error{Ref: ref, Reason: "is not a regular file", Hint: fileHint}
	case fi.Size() > MaxFileSize:
		return &Error{Ref: ref, Reason: "is over 1 MiB, too large for a secret", Hint: fileHint}
	}
	return nil
}

// inSystemDir reports whether an absolute path is under /proc, /dev or
// /sys, whose files expose the process and the machine.
func inSystemDir(abs string) bool {
	s := filepath.ToSlash(abs)
	for _, d := range []string{"/proc", "/dev", "/sys"} {
		if s == d || strings.HasPrefix(s, d+"/") {
			return true
		}
	}
	return false
}

// isTokenFile reports whether fi is one of DenyFiles (the same file, by
// device and inode, whatever the path or link that names it).
func (r *Resolver) isTokenFile(fi os.FileInfo) bool {
	for _, p := range r.DenyFiles {
		if d, err := os.Stat(p); err == nil && os.SameFile(fi, d) {
			return true
		}
	}
	return false
}

// readError is an unreadable file, naming the path tried and the cause only.
func readError(ref schema.SecretRef, path string, err error) *Error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the path is named below; keep only the cause
	}
	reason := "cannot be read"
	if path != ref.File {
		reason = "cannot be read from " + path
	}
	return &Error{Ref: ref, Reason: reason, Err: err, Hint: fileHint}
}

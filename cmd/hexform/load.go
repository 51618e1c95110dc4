package main

import (
	"fmt"
	"path/filepath"

	"github.com/hexform/hexform/internal/gitsrc"
	"github.com/hexform/hexform/schema"
)

// loadWorkspace loads and validates the workspace file, from the working
// tree or, with ref, from that git revision. Warnings go to stderr; errors
// are printed with their positions and end the command with exit 1. The
// commit is the git commit the file came from: the revision's, or for the
// working tree HEAD's when the file is committed unchanged there ("" when
// it is not in a repository or has uncommitted edits).
func loadWorkspace(e *env, file, ref string) (*schema.Workspace, string, error) {
	var (
		ws     *schema.Workspace
		ds     schema.Diagnostics
		commit string
	)
	opts, err := loadOptions(e)
	if err != nil {
		return nil, "", err
	}
	if ref == "" {
		ws, ds = schema.LoadWith(file, opts)
		commit = worktreeCommit(file)
	} else {
		data, c, err := readAtRevision(file, ref)
		if err != nil {
			return nil, "", gitErr(err)
		}
		commit = c
		ws, ds = schema.ParseWith(fmt.Sprintf("%s@%s", file, shortSHA(c)), data, opts)
	}
	for _, d := range ds.Warnings() {
		fmt.Fprintln(e.stderr, d.String())
	}
	if ds.HasErrors() {
		for _, d := range ds.Errors() {
			fmt.Fprintln(e.stderr, d.String())
		}
		n := ds.Count(schema.SeverityError)
		return nil, "", &exitCode{Code: exitError, Err: withHint(
			fmt.Errorf("%s has %d error(s); nothing was planned", file, n),
			"fix them and run 'hexform validate -f "+file+"' to check")}
	}
	return ws, commit, nil
}

// maxFileSizeVar sets the largest workspace file hexform reads.
const maxFileSizeVar = "HEXFORM_MAX_FILE_SIZE"

// loadOptions reads the loader's settings from the environment.
func loadOptions(e *env) (schema.Options, error) {
	v := e.getenv(maxFileSizeVar)
	if v == "" {
		return schema.Options{}, nil
	}
	n, err := schema.ParseByteSize(v)
	if err != nil {
		return schema.Options{}, withHint(fmt.Errorf("%s: %v", maxFileSizeVar, err),
			"unset it for the default of "+schema.FormatByteSize(schema.DefaultMaxFileSize))
	}
	return schema.Options{MaxFileSize: n}, nil
}

// readAtRevision reads file as it is in git revision rev of the repository
// holding it. The path is made absolute first, so that it names the same
// file whatever the current directory (gitsrc takes a relative path from
// outside the working tree as relative to the repository root).
func readAtRevision(file, rev string) (data []byte, commit string, err error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, "", err
	}
	return gitsrc.ReadFile(filepath.Dir(abs), rev, abs)
}

// worktreeCommit is HEAD's commit when file is in a git repository and has
// no uncommitted edits, so plans and journal records made from a checkout
// (as CI does) name the commit they came from. Best effort: "" otherwise.
func worktreeCommit(file string) string {
	abs, err := filepath.Abs(file)
	if err != nil {
		return ""
	}
	dir := filepath.Dir(abs)
	if dirty, err := gitsrc.Dirty(dir, abs); err != nil || dirty {
		return ""
	}
	head, err := gitsrc.Head(dir)
	if err != nil {
		return ""
	}
	return head
}

func shortSHA(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

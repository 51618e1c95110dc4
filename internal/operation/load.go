package operation

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hexform/hexform/internal/gitsrc"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// Source is the workspace file a plan is computed from.
type Source struct {
	// File is the workspace file's path.
	File string
	// Ref, when set, is the git revision to read File from instead of the
	// working tree.
	Ref string
	// Base, when set, is the git revision the file is compared with: the
	// plan then records what the edit itself changes.
	Base string
	// Options are the loader's settings.
	Options schema.Options
}

// label is how the plan names its source: the file, or file@ref.
func (s Source) label() string {
	if s.Ref != "" {
		return s.File + "@" + s.Ref
	}
	return s.File
}

// load loads and validates the workspace file. Its diagnostics go to the
// reporter; errors end the operation. The commit is the git commit the file
// came from: the revision's, or for the working tree HEAD's when the file is
// committed unchanged there ("" when it is not in a repository or has
// uncommitted edits).
func (s Source) load(rep Reporter) (*schema.Workspace, string, error) {
	var (
		ws     *schema.Workspace
		ds     schema.Diagnostics
		commit string
	)
	if s.Ref == "" {
		ws, ds = schema.LoadWith(s.File, s.Options)
		commit = worktreeCommit(s.File)
	} else {
		data, c, err := readAtRevision(s.File, s.Ref)
		if err != nil {
			return nil, "", gitErr(err)
		}
		commit = c
		ws, ds = schema.ParseWith(fmt.Sprintf("%s@%s", s.File, reconcile.ShortCommit(c)), data, s.Options)
	}
	rep.Diagnostics(ds)
	if ds.HasErrors() {
		n := ds.Count(schema.SeverityError)
		return nil, "", WithHint(fmt.Errorf("%s has %d error(s); nothing was planned", s.File, n),
			"fix them and run 'hexform validate -f "+s.File+"' to check")
	}
	return ws, commit, nil
}

// compareBase records what the edit to the workspace file does since the
// base revision, and takes the changes of the kinds the target cannot read
// from that edit (the unverifiable checklist), not from a state it cannot see.
// b is the base already loaded for a scoped read, or nil.
func (s Source) compareBase(want *schema.Workspace, have *reconcile.Snapshot, p *reconcile.Plan, b *baseRead) error {
	if b == nil {
		ws, commit, err := s.loadBase()
		if err != nil {
			return err
		}
		b = &baseRead{ws: ws, commit: commit, diff: fileDiff(want, reconcile.FromWorkspace(ws))}
	}
	p.Base = baseLabel(s.Base, b.commit)
	p.FileChanges = b.diff.Changes
	reconcile.UseFileDiffFor(p, have.Unreadable, b.diff)
	return nil
}

// baseLabel names the base for the plan: "main (0123456789ab)", or just the
// short SHA when base is itself (a prefix of) the commit's SHA.
func baseLabel(base, commit string) string {
	switch {
	case commit == "":
		return base
	case strings.HasPrefix(commit, strings.ToLower(base)):
		return reconcile.ShortCommit(commit)
	}
	return fmt.Sprintf("%s (%s)", base, reconcile.ShortCommit(commit))
}

// loadBase reads the workspace file as it was at the base revision. A file
// that did not exist there (added by this change) is an empty workspace.
func (s Source) loadBase() (*schema.Workspace, string, error) {
	data, commit, err := readAtRevision(s.File, s.Base)
	var nf *gitsrc.FileNotFoundError
	switch {
	case errors.As(err, &nf):
		return &schema.Workspace{Version: 1}, nf.Commit, nil
	case err != nil:
		return nil, "", gitErr(err)
	}
	ws, ds := schema.ParseWith(fmt.Sprintf("%s@%s", s.File, s.Base), data, s.Options)
	if ds.HasErrors() {
		return nil, "", WithHint(fmt.Errorf("the workspace file at --base %s has errors, so the change cannot be compared: %v", s.Base, ds.Err()),
			"fix the base branch first, or drop --base")
	}
	return ws, commit, nil
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

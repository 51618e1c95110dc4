package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hexform/hexform/internal/gitsrc"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// compareBase records what the edit to the workspace file does since the git
// revision base, and takes the changes of the kinds the target cannot read
// from that edit (the unverifiable checklist), not from a state it cannot see.
func compareBase(e *env, file, base string, want *schema.Workspace, have *reconcile.Snapshot, p *reconcile.Plan) error {
	baseWS, commit, err := loadBase(e, file, base)
	if err != nil {
		return err
	}
	fileDiff := reconcile.Diff(want, reconcile.FromWorkspace(baseWS), reconcile.Options{
		Target: "workspace file",
		// References, not values: a changed reference is a change to the file.
		SecretFingerprint: func(ref schema.SecretRef) (string, bool) { return ref.String(), true },
	})
	p.Base = baseLabel(base, commit)
	p.FileChanges = fileDiff.Changes
	reconcile.UseFileDiffFor(p, have.Unreadable, fileDiff)
	return nil
}

// baseLabel names the base for the plan: "main (0123456789ab)", or just the
// short SHA when base is itself (a prefix of) the commit's SHA.
func baseLabel(base, commit string) string {
	switch {
	case commit == "":
		return base
	case strings.HasPrefix(commit, strings.ToLower(base)):
		return shortSHA(commit)
	}
	return fmt.Sprintf("%s (%s)", base, shortSHA(commit))
}

// loadBase reads the workspace file as it was at base. A file that did not
// exist there (added by this change) is an empty workspace.
func loadBase(e *env, file, base string) (*schema.Workspace, string, error) {
	opts, err := loadOptions(e)
	if err != nil {
		return nil, "", err
	}
	data, commit, err := readAtRevision(file, base)
	var nf *gitsrc.FileNotFoundError
	switch {
	case errors.As(err, &nf):
		return &schema.Workspace{Version: 1}, nf.Commit, nil
	case err != nil:
		return nil, "", gitErr(err)
	}
	ws, ds := schema.ParseWith(fmt.Sprintf("%s@%s", file, base), data, opts)
	if ds.HasErrors() {
		return nil, "", withHint(fmt.Errorf("the workspace file at --base %s has errors, so the change cannot be compared: %v", base, ds.Err()),
			"fix the base branch first, or drop --base")
	}
	return ws, commit, nil
}

// gitErr adds the hint a gitsrc error carries.
func gitErr(err error) error {
	var h interface{ Hint() string }
	if errors.As(err, &h) && h.Hint() != "" {
		return withHint(err, h.Hint())
	}
	return err
}

package filetarget

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	"github.com/hexform/hexform/reconcile"
)

// Target is the file target: a workspace kept in one JSON document.
type Target struct {
	path    string
	secrets reconcile.SecretResolver

	// Warn, when set, receives notes for the user (e.g. a stale lock taken over).
	Warn func(msg string)
	// Now stamps the lock holder; nil means time.Now.
	Now func() time.Time

	mu  sync.Mutex
	key []byte // the fingerprint key, once loaded or made

	readMu sync.Mutex
	last   *stateFile // the state the last Snapshot read
}

var _ reconcile.Target = (*Target)(nil)

// New returns the file target for the document at path. r resolves secrets
// for SecretFingerprint at plan time; it may be nil (no fingerprints).
func New(path string, r reconcile.SecretResolver) *Target {
	return &Target{path: path, secrets: r}
}

// Name is "file:" + path.
func (t *Target) Name() string { return "file:" + t.path }

// Path is the state file's path.
func (t *Target) Path() string { return t.path }

// Capabilities: the file target reads and writes everything.
func (t *Target) Capabilities() reconcile.Capabilities { return reconcile.AllCapabilities() }

// Snapshot reads the document, normalised. A missing file is an empty
// workspace at revision 0.
func (t *Target) Snapshot(ctx context.Context) (*reconcile.Snapshot, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st, err := readState(t.path)
	if err != nil {
		return nil, err
	}
	if _, kerr := readKey(KeyPath(t.path)); kerr != nil {
		st.keyNote = kerr.Error()
	}
	t.readMu.Lock()
	t.last = st
	t.readMu.Unlock()
	return st.snap, nil
}

// Notes are what a plan from the state Snapshot last read should say about
// it: that there was no state file, or that the secret key is unusable.
func (t *Target) Notes() []string {
	t.readMu.Lock()
	defer t.readMu.Unlock()
	var notes []string
	if t.last == nil {
		return nil
	}
	if t.last.missing {
		notes = append(notes, "no state at "+t.path+": planning from an empty workspace")
	}
	if t.last.keyNote != "" {
		notes = append(notes, t.last.keyNote+"; secrets cannot be compared, and apply refuses to start")
	}
	return notes
}

// Missing reports whether the state file did not exist when Snapshot last
// read it (false before any Snapshot).
func (t *Target) Missing() bool {
	t.readMu.Lock()
	defer t.readMu.Unlock()
	return t.last != nil && t.last.missing
}

// Lineage is the lineage of the state Snapshot last read: empty when the
// file did not exist or predates lineages (it gets one on its next write).
func (t *Target) Lineage() string {
	t.readMu.Lock()
	defer t.readMu.Unlock()
	if t.last == nil {
		return ""
	}
	return t.last.lineage
}

var _ reconcile.BatchTarget = (*Target)(nil)

// Apply carries out one change: it reads the document, applies the change
// to it and writes it back atomically with the revision incremented and the
// lineage kept (a new state, or one without a lineage, gets one). A
// change that fails leaves the document untouched. Secret fields are
// resolved through s and stored only as keyed fingerprints.
//
// Apply does not take the lock itself; an apply run holds Lock around all
// its changes, and gives them to Begin in batches.
func (t *Target) Apply(ctx context.Context, c reconcile.Change, s reconcile.SecretResolver) error {
	b, err := t.Begin(ctx, s)
	if err != nil {
		return err
	}
	if err := b.Stage(c); err != nil {
		return err
	}
	return b.Commit()
}

// Begin reads the document once for a batch of changes: each is staged
// in memory, and Commit writes them all in one atomic write, with the
// revision incremented once and the lineage kept.
func (t *Target) Begin(ctx context.Context, s reconcile.SecretResolver) (reconcile.Batch, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st, err := readState(t.path)
	if err != nil {
		return nil, err
	}
	return &batch{st: st, ed: newEditor(st.snap, t, s)}, nil
}

// batch is the document read by Begin with the changes staged since.
type batch struct {
	st *stateFile
	ed *editor
}

// Stage applies one change to the document in memory; a change that fails
// leaves it as it was.
func (b *batch) Stage(c reconcile.Change) error { return b.ed.apply(c) }

// Commit writes the document with every staged change.
func (b *batch) Commit() error {
	b.st.snap.Revision++
	return writeState(b.ed.t.path, b.st.snap, b.st.lineage)
}

func (t *Target) now() time.Time {
	if t.Now != nil {
		return t.Now()
	}
	return time.Now()
}

// newID returns prefix + "_" + 16 random hex digits.
func newID(prefix string) (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("generating an id: %w", err)
	}
	return prefix + "_" + hex.EncodeToString(b[:]), nil
}

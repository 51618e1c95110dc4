package operation

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// Target is a reconcile.Target with the optional abilities some targets
// have; a nil function is an ability the target lacks.
type Target struct {
	reconcile.Target
	// Fingerprint fingerprints a secret's value as the target stores it.
	Fingerprint func(schema.SecretRef) (string, bool)
	// Lock takes the target's lock and returns its release.
	Lock func() (func() error, error)
	// Local: reading the state is cheap and costs no API calls (file
	// target), so it is read while the workspace file is parsed.
	Local bool
	// ReadDone runs once the state has been read (clears progress).
	ReadDone func()
	// Concurrent: the target's Apply is safe for concurrent use (Hex); the
	// file target rewrites one file per change, so it takes one at a time.
	Concurrent bool
	// Notes are what a plan should say about the state last read; Missing
	// reports that there was none (file target).
	Notes   func() []string
	Missing func() bool
	// Lineage is the identity of the state last read ("" for none).
	Lineage func() string
}

// ReadState reads the state, then runs ReadDone.
func (t *Target) ReadState(ctx context.Context) (*reconcile.Snapshot, error) {
	s, err := t.Snapshot(ctx)
	if t.ReadDone != nil {
		t.ReadDone()
	}
	return s, err
}

// Opener opens the target spec names ("file:PATH", a Hex URL, or a name
// "hex:URL" as plans record it). workspaceFile is the workspace file the
// run is for: secret references are read relative to it.
type Opener func(ctx context.Context, spec, workspaceFile string) (*Target, error)

// DefaultTarget is the target of a workspace file nobody named one for:
// file:.hexform/state.json next to it.
func DefaultTarget(workspaceFile string) string {
	return "file:" + filepath.Join(filepath.Dir(workspaceFile), ".hexform", "state.json")
}

// savedTarget is where a saved plan is applied: spec when the caller named
// one (it must then be the plan's own target), else the plan's target when
// hexform may go there on the plan file's word alone: a state file below
// the working directory, or a Hex workspace at an https hex.tech host.
// Anything else (another host, a loopback simulator, a path outside) must be
// named, so an edited plan file can never send the API token to a server,
// or write a state file, nobody chose.
func savedTarget(spec string, p *reconcile.Plan, path string) (string, error) {
	if spec != "" {
		return spec, nil
	}
	if !ImplicitTarget(p.Target) {
		named := strings.TrimPrefix(p.Target, "hex:")
		return "", WithHint(fmt.Errorf("%s was made for %s, which hexform does not go to on a plan file's word; nothing was read or applied", path, p.Target),
			"if that is the workspace you mean, say so: hexform apply --target "+named+" "+path)
	}
	return p.Target, nil
}

// ImplicitTarget reports whether a plan's recorded target may be used
// without naming it: file:PATH with PATH local to the working directory, or
// hex:https://HOST with HOST hex.tech or below it, on the default port.
func ImplicitTarget(target string) bool {
	if path, ok := strings.CutPrefix(target, "file:"); ok {
		return filepath.IsLocal(path)
	}
	raw, ok := strings.CutPrefix(target, "hex:")
	if !ok {
		return false
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.Port() != "" || u.User != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	return host == "hex.tech" || strings.HasSuffix(host, ".hex.tech")
}

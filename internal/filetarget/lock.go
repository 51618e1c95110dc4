package filetarget

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"github.com/hexform/hexform/internal/atomicfile"
)

// Holder describes who holds (or held) the state lock; it is the lock
// file's content while an apply runs.
type Holder struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	User    string    `json:"user,omitempty"`
	Started time.Time `json:"started"`
}

func (h Holder) String() string {
	if h.PID == 0 {
		return "another process (holder unknown)"
	}
	return fmt.Sprintf("pid %d on %s since %s", h.PID, h.Host, h.Started.Format(time.RFC3339))
}

// LockedError is returned by Lock when another apply holds the state.
type LockedError struct {
	Path     string // the state file
	LockPath string
	Holder   Holder
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("state %s is locked by %s (wait for that apply to finish; if no hexform is running there, delete %s)",
		e.Path, e.Holder, e.LockPath)
}

func currentHolder(now time.Time) Holder {
	h := Holder{PID: os.Getpid(), Started: now.UTC().Truncate(time.Second)}
	h.Host, _ = os.Hostname()
	if u, err := user.Current(); err == nil {
		h.User = u.Username
	}
	return h
}

func parseHolder(data []byte) (Holder, bool) {
	var h Holder
	if len(data) == 0 || json.Unmarshal(data, &h) != nil {
		return Holder{}, false
	}
	return h, true
}

// Lock takes the exclusive apply lock on the state, or fails at once with a
// *LockedError naming the holder. A lock left by a process that died is taken
// over, and Warn (if set) is told so. unlock releases it.
//
// Holding the lock, it removes the temporary files a write interrupted by a
// crash left next to the state and its key (no write can be in progress
// then). A key file that holds no usable key is a *KeyError.
func (t *Target) Lock() (unlock func() error, err error) {
	unlock, err = t.lock(t.path+".lock", currentHolder(t.now()))
	if err != nil {
		return nil, err
	}
	t.removeStaleTemps(t.path)
	t.removeStaleTemps(KeyPath(t.path))
	// A damaged key would fail the first change that stores a secret, after
	// others were applied: refuse before any.
	if _, err := readKey(KeyPath(t.path)); err != nil {
		unlock()
		return nil, err
	}
	return unlock, nil
}

// removeStaleTemps deletes the temporary files atomicfile names after path;
// they are never read, so failures only earn a warning.
func (t *Target) removeStaleTemps(path string) {
	dir, prefix := atomicfile.TempPrefix(path)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.warn("cannot remove %s, left by an interrupted write: %v", p, err)
		}
	}
}

func (t *Target) warn(format string, args ...any) {
	if t.Warn != nil {
		t.Warn(fmt.Sprintf(format, args...))
	}
}

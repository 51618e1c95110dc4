package filetarget

import (
	"encoding/json"
	"fmt"
	"os"
	"os/user"
	"time"
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
func (t *Target) Lock() (unlock func() error, err error) {
	return t.lock(t.path+".lock", currentHolder(t.now()))
}

func (t *Target) warn(format string, args ...any) {
	if t.Warn != nil {
		t.Warn(fmt.Sprintf(format, args...))
	}
}

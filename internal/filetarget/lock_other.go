//go:build !unix

package filetarget

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// lock creates the lock file with O_EXCL; without flock(2) a holder's
// liveness cannot be checked, so a stale lock must be deleted by hand.
func (t *Target) lock(lockPath string, me Holder) (func() error, error) {
	if err := os.MkdirAll(filepath.Dir(lockPath), 0o755); err != nil {
		return nil, fmt.Errorf("locking state: %w", err)
	}
	f, err := os.OpenFile(lockPath, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		data, _ := os.ReadFile(lockPath)
		h, _ := parseHolder(data)
		return nil, &LockedError{Path: t.path, LockPath: lockPath, Holder: h}
	}
	if err != nil {
		return nil, fmt.Errorf("locking state: %w", err)
	}
	body, _ := json.Marshal(me)
	_, werr := f.Write(body)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(lockPath)
		return nil, fmt.Errorf("locking state: %w", werr)
	}
	return func() error { return os.Remove(lockPath) }, nil
}

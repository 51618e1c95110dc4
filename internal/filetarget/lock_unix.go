//go:build unix

package filetarget

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
)

// lock uses flock(2) on the lock file: the kernel drops the lock when its
// holder dies, so a lock file whose holder is gone is simply taken over. The
// file holds the holder's description while locked and is emptied on unlock,
// so leftover content means the previous holder did not finish.
func (t *Target) lock(lockPath string, me Holder) (func() error, error) {
	if err := os.MkdirAll(filepath.Dir(lockPath), 0o755); err != nil {
		return nil, fmt.Errorf("locking state: %w", err)
	}
	f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("locking state: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		data, _ := io.ReadAll(f)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			h, _ := parseHolder(data)
			return nil, &LockedError{Path: t.path, LockPath: lockPath, Holder: h}
		}
		return nil, fmt.Errorf("locking state: %w", err)
	}
	if err := t.claim(f, me); err != nil {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
		return nil, err
	}
	return func() error {
		defer f.Close()
		if err := f.Truncate(0); err != nil {
			return fmt.Errorf("unlocking state: %w", err)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_UN); err != nil {
			return fmt.Errorf("unlocking state: %w", err)
		}
		return nil
	}, nil
}

// claim reports a stale holder left in f, then writes me into it.
func (t *Target) claim(f *os.File, me Holder) error {
	data, err := io.ReadAll(f)
	if err != nil {
		return fmt.Errorf("locking state: %w", err)
	}
	if len(data) > 0 {
		if old, ok := parseHolder(data); ok {
			t.warn("took over the stale lock on %s left by %s, which is no longer running", t.path, old)
		} else {
			t.warn("took over the stale lock on %s", t.path)
		}
	}
	body, err := json.Marshal(me)
	if err != nil {
		return fmt.Errorf("locking state: %w", err)
	}
	if err := f.Truncate(0); err != nil {
		return fmt.Errorf("locking state: %w", err)
	}
	if _, err := f.WriteAt(body, 0); err != nil {
		return fmt.Errorf("locking state: %w", err)
	}
	return f.Sync()
}

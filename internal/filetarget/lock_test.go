//go:build unix

package filetarget

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLockConflictNamesHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	started := time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)
	a := New(path, nil)
	a.Now = func() time.Time { return started }
	unlock, err := a.Lock()
	if err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	_, err = New(path, nil).Lock()
	var le *LockedError
	if !errors.As(err, &le) {
		t.Fatalf("second Lock: err = %v, want *LockedError", err)
	}
	if le.Holder.PID != os.Getpid() || le.Holder.Host != host {
		t.Errorf("holder = %+v", le.Holder)
	}
	want := "state " + path + " is locked by pid " + itoa(os.Getpid()) + " on " + host + " since 2026-05-06T07:08:09Z (wait for that apply to finish; if no hexform is running there, delete " + path + ".lock)"
	if err.Error() != want {
		t.Errorf("message =\n%s\nwant\n%s", err, want)
	}
	if err := unlock(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path + ".lock"); len(data) != 0 {
		t.Errorf("lock file not emptied on unlock: %s", data)
	}
	var warned []string
	b := New(path, nil)
	b.Warn = func(m string) { warned = append(warned, m) }
	unlock, err = b.Lock()
	if err != nil {
		t.Fatalf("Lock after unlock: %v", err)
	}
	defer unlock()
	if len(warned) != 0 {
		t.Errorf("clean takeover warned: %v", warned)
	}
}

func TestLockTakesOverStaleLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	stale := Holder{PID: 999999, Host: "ci-runner-7", User: "ci", Started: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	body, _ := json.Marshal(stale)
	if err := os.WriteFile(path+".lock", body, 0o644); err != nil {
		t.Fatal(err)
	}
	var warned []string
	tg := New(path, nil)
	tg.Warn = func(m string) { warned = append(warned, m) }
	unlock, err := tg.Lock()
	if err != nil {
		t.Fatalf("Lock over a stale lock: %v", err)
	}
	defer unlock()
	want := "took over the stale lock on " + path + " left by pid 999999 on ci-runner-7 since 2026-01-01T00:00:00Z, which is no longer running"
	if len(warned) != 1 || warned[0] != want {
		t.Errorf("warnings = %q\nwant %q", warned, want)
	}
	data, _ := os.ReadFile(path + ".lock")
	h, ok := parseHolder(data)
	if !ok || h.PID != os.Getpid() {
		t.Errorf("lock file holds %s, want this process", data)
	}
	if _, err := New(path, nil).Lock(); err == nil || !strings.Contains(err.Error(), "is locked by pid") {
		t.Errorf("taken-over lock does not exclude: %v", err)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

package filetarget

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/atomicfile"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

func secretChange() reconcile.Change {
	return chg(C, reconcile.KindConnection, "WH", fld("type", nil, "postgres"), fld("secrets.password", nil, "env:PW"))
}

// TestKeyWriteKilledLeavesNoKey: the key becomes visible at its path only
// complete; a write killed before then leaves no key, and the next apply
// makes one and works.
func TestKeyWriteKilledLeavesNoKey(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	r := envResolver(map[string]string{"PW": secretValue})
	killed := errors.New("killed")
	testHookBeforeKeyLink = func(tmp string) error {
		if _, err := os.Stat(KeyPath(path)); !os.IsNotExist(err) {
			t.Errorf("the key path exists before the key is complete (%v)", err)
		}
		if b, _ := os.ReadFile(tmp); len(strings.TrimSpace(string(b))) != 64 {
			t.Errorf("temporary key file holds %q", b)
		}
		if fi, err := os.Stat(tmp); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("temporary key file: %v, mode %v; want 0600", err, fi.Mode().Perm())
		}
		return killed
	}
	defer func() { testHookBeforeKeyLink = nil }()
	if err := New(path, r).Apply(context.Background(), secretChange(), r); !errors.Is(err, killed) {
		t.Fatalf("err = %v, want the simulated kill", err)
	}
	if _, err := os.Stat(KeyPath(path)); !os.IsNotExist(err) {
		t.Fatalf("an interrupted key write left %s (%v)", KeyPath(path), err)
	}
	testHookBeforeKeyLink = nil
	tg := New(path, r)
	unlock, err := tg.Lock()
	if err != nil {
		t.Fatalf("Lock after an interrupted key write: %v", err)
	}
	defer unlock()
	if err := tg.Apply(context.Background(), secretChange(), r); err != nil {
		t.Fatalf("the next apply: %v", err)
	}
	if b, _ := os.ReadFile(KeyPath(path)); len(strings.TrimSpace(string(b))) != 64 {
		t.Errorf("key file holds %q", b)
	}
	kdir, prefix := atomicfile.TempPrefix(KeyPath(path))
	if m, _ := filepath.Glob(filepath.Join(kdir, prefix+"*")); len(m) != 0 {
		t.Errorf("leftovers: %v", m)
	}
}

// TestLockRemovesStaleKeyTemps: a temporary key file left by a killed
// process is removed by the next Lock.
func TestLockRemovesStaleKeyTemps(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	kdir, prefix := atomicfile.TempPrefix(KeyPath(path))
	stale := filepath.Join(kdir, prefix+"42")
	if err := os.WriteFile(stale, []byte("00"), 0o600); err != nil {
		t.Fatal(err)
	}
	unlock, err := New(path, nil).Lock()
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale temporary key file still there (%v)", err)
	}
}

func TestDamagedKeySaysWhatToDo(t *testing.T) {
	for _, tc := range []struct{ name, content, want string }{
		{"empty", "", "is empty (its write was interrupted)"},
		{"blank line", "\n", "is empty (its write was interrupted)"},
		{"short", "0123abcd\n", "is damaged: 8 hex digits, want 64"},
		{"odd", "0123abc\n", "is damaged: not hex digits"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.json")
			if err := os.WriteFile(KeyPath(path), []byte(tc.content), 0o600); err != nil {
				t.Fatal(err)
			}
			r := envResolver(map[string]string{"PW": secretValue})
			want := "secret key " + KeyPath(path) + " " + tc.want
			const todo = "delete it: the next apply sets every connection secret again, with a new key"
			check := func(what string, err error) {
				t.Helper()
				var ke *KeyError
				if !errors.As(err, &ke) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), todo) {
					t.Errorf("%s: err = %v\nwant a *KeyError containing %q and %q", what, err, want, todo)
				}
			}
			tg := New(path, r)
			check("Apply", tg.Apply(context.Background(), secretChange(), r))
			_, err := tg.Lock()
			check("Lock", err)
			if _, ok := tg.SecretFingerprint(schema.SecretRef{Env: "PW"}); ok {
				t.Error("a fingerprint with a damaged key")
			}
			if _, err := tg.Snapshot(context.Background()); err != nil {
				t.Fatal(err)
			}
			if notes := tg.Notes(); len(notes) != 2 || !strings.Contains(notes[1], want) {
				t.Errorf("Notes = %q, want the missing state and one containing %q", notes, want)
			}
			if b, _ := os.ReadFile(KeyPath(path)); string(b) != tc.content {
				t.Errorf("the damaged key was replaced by %q", b)
			}
		})
	}
}

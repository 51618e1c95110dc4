package filetarget

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLockRemovesStaleTemps: a write killed before its rename leaves a
// temporary file; the next Lock removes it and nothing else.
func TestLockRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state[1].json")
	stale := filepath.Join(dir, ".state[1].json.tmp-123")
	keep := []string{filepath.Join(dir, ".other.json.tmp-1"), filepath.Join(dir, "state[1].json.key")}
	for _, p := range append(keep, stale) {
		content := "{"
		if p == KeyPath(path) {
			content = strings.Repeat("ab", 32) + "\n" // a usable key
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	unlock, err := New(path, nil).Lock()
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale temporary file still there (%v)", err)
	}
	for _, p := range keep {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", p, err)
		}
	}
}

package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
func (r *recorder) Helper()               {}

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(path, []byte("same\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	if Check(r, "./x", path, []byte("same\n")); r.failed {
		t.Error("equal content failed")
	}
	if Check(r, "./x", path, []byte("other\n")); !r.failed {
		t.Error("different content passed")
	}
	r = &recorder{TB: t}
	if Check(r, "./x", filepath.Join(t.TempDir(), "missing.txt"), nil); !r.failed {
		t.Error("a missing golden file passed")
	}
}

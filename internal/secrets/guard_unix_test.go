//go:build unix

package secrets

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/hexform/hexform/schema"
)

// TestResolveRefusesAFIFO: a named pipe would block the apply forever.
func TestResolveRefusesAFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := &Resolver{Dir: dir}
	if _, err := r.Resolve(schema.SecretRef{File: "fifo"}); err == nil || !strings.Contains(err.Error(), "is not a regular file") {
		t.Errorf("err = %v", err)
	}
}

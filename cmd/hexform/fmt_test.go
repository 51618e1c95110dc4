package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// fmt keeps the file's permissions, and a symbolic link stays a link.
func TestFmtKeepsModeAndLink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.yaml")
	link := filepath.Join(dir, "workspace.yaml")
	in := "workspace: x\nversion: 1\n"
	if err := os.WriteFile(real, []byte(in), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.yaml", link); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := Run(context.Background(), []string{"fmt", "-f", link}, nil, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if got, _ := os.ReadFile(real); string(got) != "version: 1\nworkspace: x\n" {
		t.Errorf("formatted file = %q", got)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if fi, err := os.Stat(real); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600 (%v)", fi.Mode().Perm(), err)
	}
}

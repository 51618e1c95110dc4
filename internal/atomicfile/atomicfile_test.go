package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "state.json")
	if err := Write(path, []byte("one"), 0o600, nil); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("two"), 0o644, nil); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	fi, _ := os.Stat(path)
	if string(got) != "two" || fi.Mode().Perm() != 0o600 {
		t.Fatalf("content %q mode %v; want two, 0600 kept from the first write", got, fi.Mode().Perm())
	}
}

func TestWriteFailureKeepsOldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	if err := Write(path, []byte("old"), 0o600, nil); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("crash")
	var seen string
	err := Write(path, []byte("new"), 0o600, func(tmp string) error {
		seen = tmp
		if b, _ := os.ReadFile(tmp); string(b) != "new" {
			t.Errorf("temporary file holds %q before the rename", b)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Fatalf("file = %q, want the old content", got)
	}
	if _, err := os.Stat(seen); !os.IsNotExist(err) {
		t.Errorf("temporary file %s left behind", seen)
	}
	dir, prefix := TempPrefix(path)
	if m, _ := filepath.Glob(filepath.Join(dir, prefix+"*")); len(m) != 0 {
		t.Errorf("leftovers: %v", m)
	}
}

func TestCreateNeverShowsAPartialFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "state.json.key")
	crash := errors.New("killed")
	err := Create(path, []byte("0123456789abcdef\n"), 0o600, func(tmp string) error {
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("the final path exists before the write is complete (%v)", err)
		}
		if b, _ := os.ReadFile(tmp); string(b) != "0123456789abcdef\n" {
			t.Errorf("temporary file holds %q", b)
		}
		return crash
	})
	if !errors.Is(err, crash) {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("a write that failed left %s (%v)", path, err)
	}
	tmpDir, prefix := TempPrefix(path)
	if m, _ := filepath.Glob(filepath.Join(tmpDir, prefix+"*")); len(m) != 0 {
		t.Errorf("leftovers: %v", m)
	}
	if err := Create(path, []byte("key\n"), 0o600, nil); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	if got, _ := os.ReadFile(path); string(got) != "key\n" || fi.Mode().Perm() != 0o600 {
		t.Errorf("content %q mode %v; want key, 0600", got, fi.Mode().Perm())
	}
	// Create never replaces a file.
	if err := Create(path, []byte("other\n"), 0o600, nil); !errors.Is(err, fs.ErrExist) {
		t.Errorf("second Create: err = %v, want fs.ErrExist", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "key\n" {
		t.Errorf("second Create replaced the file: %q", got)
	}
	if m, _ := filepath.Glob(filepath.Join(tmpDir, prefix+"*")); len(m) != 0 {
		t.Errorf("leftovers: %v", m)
	}
}

// TestCreateWithoutHardLinks: on a file system that has no hard links the
// new file is renamed into place, still never over an existing one.
func TestCreateWithoutHardLinks(t *testing.T) {
	link = func(string, string) error { return &os.LinkError{Op: "link", Err: errors.ErrUnsupported} }
	defer func() { link = os.Link }()
	path := filepath.Join(t.TempDir(), "key")
	if err := Create(path, []byte("one\n"), 0o600, nil); err != nil {
		t.Fatal(err)
	}
	if err := Create(path, []byte("two\n"), 0o600, nil); !errors.Is(err, fs.ErrExist) {
		t.Errorf("second Create: err = %v, want fs.ErrExist", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "one\n" {
		t.Errorf("file = %q, want the first content", got)
	}
	dir, prefix := TempPrefix(path)
	if m, _ := filepath.Glob(filepath.Join(dir, prefix+"*")); len(m) != 0 {
		t.Errorf("leftovers: %v", m)
	}
}

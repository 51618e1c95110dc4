package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Write writes data to path atomically, creating its directory. An existing
// file keeps its permissions; a new one gets perm. beforeRename, when not
// nil, runs after the temporary file is synced and before the rename (crash
// tests use it); an error from it aborts the write and leaves the old file.
func Write(path string, data []byte, perm fs.FileMode, beforeRename func(tmp string) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if fi, err := os.Stat(path); err == nil {
		perm = fi.Mode().Perm()
	}
	tmp, err := writeTemp(path, data, perm)
	if err != nil {
		return err
	}
	if beforeRename != nil {
		if err := beforeRename(tmp); err != nil {
			os.Remove(tmp)
			return err
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return SyncDir(dir)
}

// Create writes a new file at path atomically, with mode perm, creating its
// directory: the complete, synced content appears at path at once (it is
// hard-linked there from a temporary file), so a crash never leaves an
// empty or short file. It never replaces a file: when path exists it fails
// with an error that matches fs.ErrExist. Where the file system has no
// hard links the file is renamed into place instead, after checking that
// none exists; two processes creating the same file at once then need a
// lock of their own. beforeLink is as Write's beforeRename.
func Create(path string, data []byte, perm fs.FileMode, beforeLink func(tmp string) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := writeTemp(path, data, perm)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if beforeLink != nil {
		if err := beforeLink(tmp); err != nil {
			return err
		}
	}
	if err := link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return err
		}
		// No hard links here: rename into place, unless a file appeared.
		if _, serr := os.Lstat(path); serr == nil {
			return &fs.PathError{Op: "create", Path: path, Err: fs.ErrExist}
		}
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
	}
	return SyncDir(dir)
}

// link is os.Link; tests replace it to stand for a file system without
// hard links.
var link = os.Link

// writeTemp writes data to a new temporary file for path, with mode perm,
// synced and closed, and returns its name. On error nothing is left.
func writeTemp(path string, data []byte, perm fs.FileMode) (name string, err error) {
	dir, prefix := TempPrefix(path)
	tmp, err := os.CreateTemp(dir, prefix+"*")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return "", err
	}
	if err := tmp.Chmod(perm); err != nil {
		return "", err
	}
	if err := tmp.Sync(); err != nil {
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	return tmp.Name(), nil
}

// TempPrefix names the temporary files Write and Create make for path:
// they are in dir and their names start with prefix. A process killed
// before its rename leaves one behind; whoever holds the file's lock may
// delete them.
func TempPrefix(path string) (dir, prefix string) {
	return filepath.Dir(path), "." + filepath.Base(path) + ".tmp-"
}

// SyncDir makes a rename or create in dir durable.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return err
	}
	return nil
}

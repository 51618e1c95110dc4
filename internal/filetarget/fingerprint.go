package filetarget

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hexform/hexform/internal/atomicfile"
	"github.com/hexform/hexform/schema"
)

// FingerprintPrefix starts every stored secret fingerprint.
const FingerprintPrefix = "hmac-sha256:"

// KeyPath is where the fingerprint key of the state at path is kept.
func KeyPath(path string) string { return path + ".key" }

// SecretFingerprint returns the fingerprint the target would store for the
// value ref resolves to now, and false when it cannot be resolved (or New
// was given no resolver). When the key file does not exist yet it is not
// created here: a fresh key is kept in memory (and written by the first
// Apply that stores a secret), so it matches no stored fingerprint and every
// secret is set again.
func (t *Target) SecretFingerprint(ref schema.SecretRef) (string, bool) {
	if t.secrets == nil {
		return "", false
	}
	v, err := t.secrets.Resolve(ref)
	if err != nil {
		return "", false
	}
	key, err := t.fingerprintKey(false)
	if err != nil {
		return "", false
	}
	return fingerprint(key, v), true
}

func fingerprint(key []byte, value string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(value))
	return FingerprintPrefix + hex.EncodeToString(m.Sum(nil))
}

// fingerprintKey loads the key from KeyPath, or makes one. With persist, a
// key that exists only in memory is written (mode 0600, never replacing an
// existing file).
func (t *Target) fingerprintKey(persist bool) ([]byte, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	path := KeyPath(t.path)
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		key, derr := hex.DecodeString(strings.TrimSpace(string(data)))
		if derr != nil || len(key) < 32 {
			return nil, fmt.Errorf("secret key %s is damaged (want 64 hex digits); delete it and every secret will be set again on the next apply", path)
		}
		t.key = key
		return key, nil
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("reading secret key: %w", err)
	}
	if t.key == nil {
		t.key = make([]byte, 32)
		if _, err := rand.Read(t.key); err != nil {
			return nil, fmt.Errorf("generating secret key: %w", err)
		}
	}
	if persist {
		if err := writeKey(path, t.key); err != nil {
			return nil, err
		}
	}
	return t.key, nil
}

func writeKey(path string, key []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("writing secret key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("writing secret key: %w", err)
	}
	_, err = f.WriteString(hex.EncodeToString(key) + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("writing secret key: %w", err)
	}
	return atomicfile.SyncDir(filepath.Dir(path))
}

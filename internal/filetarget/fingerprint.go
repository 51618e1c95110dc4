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

// KeyError is a key file that holds no usable key.
type KeyError struct {
	Path    string
	Problem string // e.g. "is empty (its write was interrupted)"
}

func (e *KeyError) Error() string {
	return fmt.Sprintf("secret key %s %s (delete it: the next apply sets every connection secret again, with a new key)", e.Path, e.Problem)
}

// readKey reads the key at path: nil and no error when there is none, a
// *KeyError when the file holds no usable key.
func readKey(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading secret key: %w", err)
	}
	text := strings.TrimSpace(string(data))
	key, derr := hex.DecodeString(text)
	switch {
	case text == "":
		return nil, &KeyError{Path: path, Problem: "is empty (its write was interrupted)"}
	case derr != nil:
		return nil, &KeyError{Path: path, Problem: "is damaged: not hex digits"}
	case len(key) < 32:
		return nil, &KeyError{Path: path, Problem: fmt.Sprintf("is damaged: %d hex digits, want 64", len(text))}
	}
	return key, nil
}

// fingerprintKey loads the key from KeyPath, or makes one. With persist, a
// key that exists only in memory is written (mode 0600, never replacing an
// existing file).
func (t *Target) fingerprintKey(persist bool) ([]byte, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	path := KeyPath(t.path)
	key, err := readKey(path)
	if err != nil {
		return nil, err
	}
	if key != nil {
		t.key = key
		return key, nil
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

// testHookBeforeKeyLink, when set, runs once the new key's temporary file
// is synced, before it appears at the key's path; an error aborts the write.
var testHookBeforeKeyLink func(tmp string) error

// writeKey creates the key file atomically: it appears complete or not at
// all, so a kill while writing it cannot leave an empty or short key.
func writeKey(path string, key []byte) error {
	if err := atomicfile.Create(path, []byte(hex.EncodeToString(key)+"\n"), 0o600, testHookBeforeKeyLink); err != nil {
		return fmt.Errorf("writing secret key: %w", err)
	}
	return nil
}

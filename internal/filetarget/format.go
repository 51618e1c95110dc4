package filetarget

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"unicode/utf8"

	"github.com/hexform/hexform/reconcile"
)

// StateVersion is the state file format this hexform writes. Version 1 is
// the format without a version or lineage; it is read, and written back as
// StateVersion on the next change.
const StateVersion = 2

// document is the state file: a header, then the snapshot's fields.
type document struct {
	// Version is the state file format (absent in version 1).
	Version int `json:"version,omitempty"`
	// Lineage is a random UUID made when the state is first written and kept
	// by every later write: two states with the same revision but another
	// lineage are not the same workspace's history.
	Lineage string `json:"lineage,omitempty"`
	reconcile.Snapshot
}

// Hints closing a DecodeError.
const (
	hintFixJSON = "fix the JSON, or restore the file from version control"
	hintRestore = "restore it from version control or a backup; if the workspace really is empty, delete it"
)

var lineageRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// newLineage returns a random (version 4) UUID.
func newLineage() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("generating a state lineage: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:]), nil
}

// scanned is what scanDocument learns about the top-level object.
type scanned struct {
	keys    map[string]int64 // top-level key, case-folded -> offset of its quote
	version int64            // the "version" value, when it is an integer
	hasVer  bool
	// unknownKeys: some key is not (exactly) a field of the document's
	// types (keySchema), so only the strict decoder may read it.
	unknownKeys bool
}

// checkDocument refuses what encoding/json would let through or read as an
// empty workspace: an empty file, invalid UTF-8 (decoded as U+FFFD), a
// top level that is not an object (null decodes as nothing), duplicate keys
// at any depth (the last would silently win), an empty object, and a format
// newer than this hexform's. A syntax error is left to the decoder, which
// names it. It returns the top-level keys.
func checkDocument(path string, data []byte) (*scanned, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &DecodeError{Path: path, Err: errors.New("the state file is empty"), Hint: hintRestore}
	}
	if off := invalidUTF8(data); off >= 0 {
		return nil, decodeErrorAt(path, data, int64(off), fmt.Errorf("invalid UTF-8 (byte 0x%02x)", data[off]),
			"the state is written as UTF-8 by hexform; "+hintFixJSON)
	}
	sc, err := scanDocument(path, data)
	if err != nil || sc == nil {
		return nil, err
	}
	if sc.hasVer && sc.version > StateVersion {
		return nil, decodeErrorAt(path, data, sc.keys["version"],
			fmt.Errorf("the state was written by a newer hexform (state format %d; this hexform reads formats up to %d)", sc.version, StateVersion),
			"upgrade hexform to read it; do not edit the file by hand")
	}
	if len(sc.keys) == 0 {
		return nil, decodeErrorAt(path, data, firstByte(data), errors.New("the state is an empty object"), hintRestore)
	}
	return sc, nil
}

// checkHeader checks the version and lineage of a decoded document.
func checkHeader(path string, data []byte, sc *scanned, d *document) error {
	if _, ok := sc.keys["version"]; !ok {
		return nil // version 1
	}
	at := func(key string, err error) error { return decodeErrorAt(path, data, sc.keys[key], err, hintFixJSON) }
	if d.Version < 1 {
		return at("version", fmt.Errorf("state format %d is not a version (want 1 to %d)", d.Version, StateVersion))
	}
	if _, ok := sc.keys["lineage"]; !ok {
		if d.Version >= 2 {
			return at("version", fmt.Errorf("state format %d needs a lineage", d.Version))
		}
		return nil
	}
	if !lineageRE.MatchString(d.Lineage) {
		return at("lineage", fmt.Errorf("lineage %s is not a UUID", strconv.Quote(d.Lineage)))
	}
	return nil
}

// invalidUTF8 returns the offset of the first byte that is not UTF-8, or -1.
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// firstByte is the offset of the first byte that is not white space.
func firstByte(data []byte) int64 {
	return int64(len(data) - len(bytes.TrimLeft(data, " \t\r\n")))
}

func decodeErrorAt(path string, data []byte, off int64, err error, hint string) *DecodeError {
	line, col := lineCol(data, off)
	return &DecodeError{Path: path, Line: line, Col: col, Err: err, Hint: hint}
}

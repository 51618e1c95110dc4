package filetarget

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/hexform/hexform/internal/atomicfile"
	"github.com/hexform/hexform/reconcile"
)

// DecodeError is a state file that is not a valid document.
type DecodeError struct {
	Path      string
	Line, Col int // 1-based; 0 when unknown
	Err       error
	// Hint says what to do; empty means "fix the JSON, or restore the file".
	Hint string
}

func (e *DecodeError) Error() string {
	pos := e.Path
	if e.Line > 0 {
		pos = fmt.Sprintf("%s:%d:%d", e.Path, e.Line, e.Col)
	}
	hint := e.Hint
	if hint == "" {
		hint = hintFixJSON
	}
	return pos + ": " + e.Err.Error() + " (" + hint + ")"
}

func (e *DecodeError) Unwrap() error { return e.Err }

// stateFile is a state file as read: its snapshot, normalised, and header.
type stateFile struct {
	snap    *reconcile.Snapshot
	lineage string // empty for a missing file or a version 1 one
	missing bool
	keyNote string // why the fingerprint key is unusable, if it is
}

// readSnapshot reads and normalises the document at path; a missing file is
// an empty workspace at revision 0.
func readSnapshot(path string) (*reconcile.Snapshot, error) {
	st, err := readState(path)
	if err != nil {
		return nil, err
	}
	return st.snap, nil
}

func readState(path string) (*stateFile, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		s := &reconcile.Snapshot{}
		normalize(s)
		return &stateFile{snap: s, missing: true}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading state: %w", err)
	}
	d, err := decodeDocument(path, data)
	if err != nil {
		return nil, err
	}
	s := &d.Snapshot
	normalize(s)
	if err := validate(path, s); err != nil {
		return nil, err
	}
	return &stateFile{snap: s, lineage: d.Lineage}, nil
}

func decodeDocument(path string, data []byte) (*document, error) {
	sc, err := checkDocument(path, data)
	if err != nil {
		return nil, err
	}
	d, err := decodeFast(sc, data)
	if err != nil {
		d, err = decodeStrict(path, data)
	}
	if err != nil {
		return nil, err
	}
	if sc == nil {
		// The strict decoder accepted what the scan could not read.
		return nil, &DecodeError{Path: path, Err: errors.New("not a JSON document")}
	}
	if err := checkHeader(path, data, sc, d); err != nil {
		return nil, err
	}
	return d, nil
}

// decodeFast decodes a document whose every key the scan found to be a
// field (sc.unknownKeys unset) in one pass over data; any error, or a
// document the scan could not read, is for decodeStrict to find again and
// report.
func decodeFast(sc *scanned, data []byte) (*document, error) {
	if sc == nil || sc.unknownKeys {
		return nil, errors.New("not for the fast decoder")
	}
	var d document
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

func decodeStrict(path string, data []byte) (*document, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var d document
	err := dec.Decode(&d)
	if err == nil && dec.More() {
		err = errors.New("unexpected data after the document")
	}
	if err == nil {
		return &d, nil
	}
	off := dec.InputOffset()
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset - 1 // Offset is just past the offending byte
	case errors.As(err, &te):
		off = te.Offset
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		off = int64(len(data))
	default:
		if i := unknownFieldOffset(data, err); i >= 0 {
			off = int64(i)
		}
	}
	line, col := lineCol(data, off)
	return nil, &DecodeError{Path: path, Line: line, Col: col, Err: err}
}

// unknownFieldOffset finds the key an "unknown field" error names (the
// error carries no offset): the first place it is used as a key, or -1.
func unknownFieldOffset(data []byte, err error) int {
	quoted, ok := strings.CutPrefix(err.Error(), "json: unknown field ")
	if !ok {
		return -1
	}
	for from := 0; ; {
		i := bytes.Index(data[from:], []byte(quoted))
		if i < 0 {
			return -1
		}
		i += from
		rest := bytes.TrimLeft(data[i+len(quoted):], " \t\r\n")
		if len(rest) > 0 && rest[0] == ':' {
			return i
		}
		from = i + 1
	}
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(data []byte, off int64) (int, int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// WriteSnapshot writes s to path atomically as a new state, with a new
// lineage, normalised and as indented JSON: a temporary file in the same
// directory is written and synced, then renamed over path, then the
// directory is synced. The caller sets Revision.
func WriteSnapshot(path string, s *reconcile.Snapshot) error {
	return writeState(path, s, "")
}

// writeState writes s with the state header; an empty lineage gets a new one.
func writeState(path string, s *reconcile.Snapshot, lineage string) error {
	c := reconcile.CloneSnapshot(s)
	normalize(c)
	if lineage == "" {
		var err error
		if lineage, err = newLineage(); err != nil {
			return err
		}
	}
	data, err := json.MarshalIndent(&document{Version: StateVersion, Lineage: lineage, Snapshot: *c}, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding state: %w", err)
	}
	return writeAtomic(path, append(data, '\n'), 0o644)
}

// testHookBeforeRename, when set, runs after the temporary file is synced
// and before the rename; an error aborts the write.
var testHookBeforeRename func(tmp string) error

func writeAtomic(path string, data []byte, perm fs.FileMode) error {
	if err := atomicfile.Write(path, data, perm, testHookBeforeRename); err != nil {
		return fmt.Errorf("writing state: %w", err)
	}
	return nil
}

// normalize puts s in canonical form (reconcile.Snapshot.Normalize) and
// turns whole-number config values into int (JSON decodes them as float64),
// so that a config value reads back as the workspace file wrote it.
func normalize(s *reconcile.Snapshot) {
	s.Normalize()
	for i := range s.Connections {
		c := &s.Connections[i]
		for k, v := range c.Config {
			c.Config[k] = reconcile.JSONValue(v)
		}
	}
}

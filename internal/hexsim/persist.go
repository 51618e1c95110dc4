package hexsim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/hexform/hexform/internal/atomicfile"
	"github.com/hexform/hexform/reconcile"
)

// StateError is a state file that cannot be read, with the position of the
// problem when it is known.
type StateError struct {
	Path      string
	Line, Col int // 1-based; 0 when unknown
	Err       error
}

func (e *StateError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %v", e.Path, e.Line, e.Col, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *StateError) Unwrap() error { return e.Err }

// Load reads a state file (a file target's JSON document). A missing file is
// an empty workspace. Whole numbers in connection configs come back as int.
func Load(path string) (*reconcile.Snapshot, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &reconcile.Snapshot{}, nil
	}
	if err != nil {
		return nil, &StateError{Path: path, Err: err}
	}
	var st reconcile.Snapshot
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		line, col := offsetPos(data, jsonOffset(err, dec))
		return nil, &StateError{Path: path, Line: line, Col: col,
			Err: fmt.Errorf("%w (the state file is a hexform file-target JSON document)", err)}
	}
	for _, c := range st.Connections {
		for k, v := range c.Config {
			c.Config[k] = wholeToInt(v)
		}
	}
	return &st, nil
}

// jsonOffset is the byte offset of a decoding error.
func jsonOffset(err error, dec *json.Decoder) int64 {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return syn.Offset
	case errors.As(err, &typ):
		return typ.Offset
	}
	return dec.InputOffset()
}

// offsetPos converts a byte offset into a 1-based line and column.
func offsetPos(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// saving is the state of coalesced saves, guarded by the server's mu.
type saving struct {
	dirty   bool        // written since the last save
	pending *time.Timer // the coalesced save to come
	err     error       // the last coalesced save's failure: writes are refused until a save succeeds
	closed  bool        // Close was called: every write is saved at once
}

// saveWrite saves the state after a write: at once, or, with
// Config.SaveEvery, by the coalesced save to come. Called with s.mu held.
func (s *Server) saveWrite() error {
	if s.cfg.StatePath == "" {
		return nil
	}
	if s.cfg.SaveEvery <= 0 || s.saving.closed {
		return s.save()
	}
	s.saving.dirty = true
	if s.saving.pending == nil {
		s.saving.pending = time.AfterFunc(s.cfg.SaveEvery, func() { _ = s.flush() })
	}
	return nil
}

// save writes the state to Config.StatePath atomically: a temporary file in
// the same directory, fsync, rename. Called with s.mu held, so that no write
// changes the state while it is encoded and no other save overtakes it.
func (s *Server) save() error {
	sortSnapshot(s.state)
	data, err := json.MarshalIndent(s.state, "", "  ")
	if err == nil {
		err = writeAtomic(s.cfg.StatePath, append(data, '\n'))
	}
	if err != nil {
		return err
	}
	s.saving.dirty = false
	s.stats.Saves++
	return nil
}

// flush saves the state if a write changed it since the last save; a
// failure is kept, refuses the next writes and is retried by the next
// flush.
func (s *Server) flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.saving.pending = nil
	if !s.saving.dirty {
		return s.saving.err
	}
	if err := s.save(); err != nil {
		s.saving.err = err
		if !s.saving.closed {
			s.saving.pending = time.AfterFunc(s.cfg.SaveEvery, func() { _ = s.flush() })
		}
		if s.cfg.Log != nil {
			fmt.Fprintf(s.cfg.Log, "hexsim: cannot save the state: %v\n", err)
		}
		return err
	}
	s.saving.err = nil
	return nil
}

// Close saves what coalesced saves have not saved yet, and from then on
// saves after every write. It returns the error of that save (nil without
// Config.StatePath). The server keeps serving: call Close after the HTTP
// server has shut down, so that no write comes after the last save.
func (s *Server) Close() error {
	if s.cfg.StatePath == "" {
		return nil
	}
	s.mu.Lock()
	s.saving.closed = true
	if t := s.saving.pending; t != nil {
		t.Stop()
	}
	s.mu.Unlock()
	return s.flush()
}

func writeAtomic(path string, data []byte) error {
	return atomicfile.Write(path, data, 0o644, nil)
}

package journal

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/hexform/hexform/reconcile"
)

// Writer appends journal entries to a file. It is safe for concurrent use.
type Writer struct {
	mu    sync.Mutex
	f     *os.File
	path  string
	scrub func(string) string
}

// Option configures a Writer.
type Option func(*Writer)

// WithScrubber passes every text field of an entry (the error above all,
// which may quote a server's answer) through scrub before it is written,
// so that secret values never reach the file.
func WithScrubber(scrub func(string) string) Option {
	return func(w *Writer) { w.scrub = scrub }
}

var _ reconcile.BufferedJournal = (*Writer)(nil)

// Open opens path for appending, creating it and its parent directory.
func Open(path string, opts ...Option) (*Writer, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	w := &Writer{f: f, path: path}
	for _, o := range opts {
		o(w)
	}
	return w, nil
}

// Path is the journal file's path.
func (w *Writer) Path() string { return w.path }

// Record appends e as one JSON line and syncs it to disk.
func (w *Writer) Record(e reconcile.JournalEntry) error {
	if err := w.Append(e); err != nil {
		return err
	}
	return w.Sync()
}

// Append appends e as one JSON line without syncing it: the line is durable
// once Sync returns.
func (w *Writer) Append(e reconcile.JournalEntry) error {
	if w.scrub != nil {
		e.Change, e.Result, e.Error = w.scrub(e.Change), w.scrub(e.Result), w.scrub(e.Error)
		e.Commit, e.Target = w.scrub(e.Commit), w.scrub(e.Target)
	}
	line, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("journal: encoding %q: %w", e.Change, err)
	}
	line = append(line, '\n')
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return fmt.Errorf("journal %s: record after close", w.path)
	}
	if _, err := w.f.Write(line); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}

// Sync makes every line appended so far durable.
func (w *Writer) Sync() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return fmt.Errorf("journal %s: sync after close", w.path)
	}
	if err := w.f.Sync(); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}

// Close closes the file. Closing twice is harmless.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil
	}
	err := w.f.Close()
	w.f = nil
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}

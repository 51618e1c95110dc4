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
	mu   sync.Mutex
	f    *os.File
	path string
}

var _ reconcile.Journal = (*Writer)(nil)

// Open opens path for appending, creating it and its parent directory.
func Open(path string) (*Writer, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	return &Writer{f: f, path: path}, nil
}

// Path is the journal file's path.
func (w *Writer) Path() string { return w.path }

// Record appends e as one JSON line and syncs it to disk.
func (w *Writer) Record(e reconcile.JournalEntry) error {
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

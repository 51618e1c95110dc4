package redact

import (
	"io"
	"strings"
	"sync"
)

// Writer scrubs what is written through it before passing it on. A value
// may arrive split across writes, so Writer holds back the end of what it
// was given while that end could be the start of a value, and no more: text
// that cannot begin a value (most text, every line ending in a newline
// unless a value starts with one) passes at once. Flush or Close writes
// what is held. It is safe for concurrent use.
type Writer struct {
	set *Set
	mu  sync.Mutex
	w   io.Writer
	buf []byte
}

// NewWriter returns a Writer that scrubs the values of set from what is
// written to w.
func NewWriter(w io.Writer, set *Set) *Writer { return &Writer{set: set, w: w} }

// Unwrap is the writer underneath (for terminal checks).
func (w *Writer) Unwrap() io.Writer { return w.w }

// Write scrubs and passes on what can be passed; it always accepts all of p
// unless the writer underneath fails.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	st := w.set.load()
	if st == nil && len(w.buf) == 0 {
		_, err := w.w.Write(p)
		return len(p), err
	}
	w.buf = append(w.buf, p...)
	cut := len(w.buf)
	if st != nil {
		cut = safeCut(string(w.buf), st)
	}
	if cut == 0 {
		return len(p), nil
	}
	out := w.set.Scrub(string(w.buf[:cut]))
	w.buf = append(w.buf[:0], w.buf[cut:]...)
	if _, err := io.WriteString(w.w, out); err != nil {
		return len(p), err
	}
	return len(p), nil
}

// safeCut is where text can be cut so that what comes before is scrubbed
// as it would be with everything still to come: no form of a value starts
// before the cut and ends after it, and nothing after the cut could be the
// start of a form not yet complete.
func safeCut(text string, st *state) int {
	n := len(text)
	cut := partialStart(text, max(0, n-st.longest+1), st)
	for cut < n {
		end := crossing(text, cut, st)
		if end == cut {
			return cut
		}
		// Past a complete form: hold again from the first partial one.
		cut = partialStart(text, max(end, n-st.longest+1), st)
	}
	return n
}

// partialStart is the first position from from on where the rest of text
// is the beginning of a longer form, or len(text).
func partialStart(text string, from int, st *state) int {
	for i := from; i < len(text); i++ {
		if partialAt(text[i:], st) {
			return i
		}
	}
	return len(text)
}

// crossing is the end of a complete form that starts before cut and ends
// after it, or cut when there is none.
func crossing(text string, cut int, st *state) int {
	for _, f := range st.forms {
		lo, hi := max(0, cut-len(f)+1), min(len(text), cut+len(f)-1)
		if hi-lo < len(f) {
			continue
		}
		if j := strings.Index(text[lo:hi], f); j >= 0 && lo+j < cut {
			return lo + j + len(f)
		}
	}
	return cut
}

// partialAt reports whether tail is a proper prefix of some form.
func partialAt(tail string, st *state) bool {
	for _, f := range st.byFirst[tail[0]] {
		if len(f) > len(tail) && strings.HasPrefix(f, tail) {
			return true
		}
	}
	return false
}

// Flush writes what is held back, scrubbed.
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.buf) == 0 {
		return nil
	}
	out := w.set.Scrub(string(w.buf))
	w.buf = w.buf[:0]
	_, err := io.WriteString(w.w, out)
	return err
}

// Close flushes; it does not close the writer underneath.
func (w *Writer) Close() error { return w.Flush() }

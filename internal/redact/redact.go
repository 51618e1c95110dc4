package redact

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// MinLen is the length under which a value is not hidden.
const MinLen = 4

// minLineLen is the length from which one line of a multi-line value is
// hidden on its own.
const minLineLen = 8

// Mask replaces every hidden value.
const Mask = "(redacted)"

// Set is a set of secret values to hide. The zero value is empty and ready;
// a nil *Set hides nothing. It is safe for concurrent use.
type Set struct {
	mu     sync.Mutex
	values map[string]bool
	// state is what Scrub and Writer read: swapped whole on every Add.
	state atomic.Pointer[state]
}

// state is an immutable snapshot of the set's forms.
type state struct {
	forms    []string // every form of every value, longest first
	replacer *strings.Replacer
	longest  int
	byFirst  [256][]string // forms by their first byte
}

// Add adds a value to hide, in all its forms. Values under MinLen bytes are
// ignored.
func (s *Set) Add(value string) {
	if s == nil || len(value) < MinLen {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.values[value] {
		return
	}
	if s.values == nil {
		s.values = map[string]bool{}
	}
	s.values[value] = true
	s.state.Store(build(s.values))
}

// build computes the forms of the values and their replacer.
func build(values map[string]bool) *state {
	seen := map[string]bool{}
	var forms []string
	add := func(f string) {
		if len(f) >= MinLen && !seen[f] {
			seen[f] = true
			forms = append(forms, f)
		}
	}
	for v := range values {
		for _, f := range formsOf(v) {
			add(f)
		}
		if strings.ContainsAny(v, "\r\n") {
			for _, line := range strings.FieldsFunc(v, func(r rune) bool { return r == '\n' || r == '\r' }) {
				if len(line) >= minLineLen {
					for _, f := range formsOf(line) {
						add(f)
					}
				}
			}
		}
	}
	// Longest first: at one position the longest form wins, so a value
	// that holds another is hidden whole.
	slices.SortFunc(forms, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	pairs := make([]string, 0, 2*len(forms))
	for _, f := range forms {
		pairs = append(pairs, f, Mask)
	}
	st := &state{forms: forms, replacer: strings.NewReplacer(pairs...)}
	if len(forms) > 0 {
		st.longest = len(forms[0])
	}
	for _, f := range forms {
		st.byFirst[f[0]] = append(st.byFirst[f[0]], f)
	}
	return st
}

// formsOf is v as written, as a JSON string's content and as a Go-quoted
// string's content (how an error message that quotes it shows it).
func formsOf(v string) []string {
	out := []string{v}
	if b, err := json.Marshal(v); err == nil {
		out = append(out, string(b[1:len(b)-1]))
	}
	q := strconv.Quote(v)
	out = append(out, q[1:len(q)-1])
	return out
}

func (s *Set) load() *state {
	if s == nil {
		return nil
	}
	return s.state.Load()
}

// Scrub returns text with every value of the set replaced by Mask.
func (s *Set) Scrub(text string) string {
	st := s.load()
	if st == nil || text == "" {
		return text
	}
	return st.replacer.Replace(text)
}

// Len is how many values the set holds.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.values)
}

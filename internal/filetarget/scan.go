package filetarget

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// frame is one open object or array during scanDocument's walk.
type frame struct {
	object bool
	// keys are an object's keys, where each is, and how each folds:
	// encoding/json matches a struct field's name without regard to case.
	keys keySet
	// free: the keys are data (a connection's config, secrets, per-group
	// sharing), not field names, and null may be a value.
	free    bool
	lastKey string     // the key whose value is being read
	schema  *keySchema // the keys the value may have
}

// freeForm are the fields whose object value is a map keyed by data.
var freeForm = map[string]bool{"config": true, "secrets": true, "groups": true}

// fold is the case folding encoding/json applies to field names. A key
// of lower-case ASCII, as hexform writes them, is its own folding.
func fold(k string) string {
	for i := 0; i < len(k); i++ {
		if c := k[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(strings.ToUpper(k))
		}
	}
	return k
}

// What the scanner expects next.
const (
	wantValue      = iota
	wantValueOrEnd // just after '['
	wantKeyOrEnd   // just after '{'
	wantKey        // after ',' in an object
	wantColon
	wantCommaOrEnd // after a value in an object or array
	wantNothing    // after the document
)

// maxDepth bounds nesting as encoding/json does; deeper is left to it.
const maxDepth = 10000

// scanner walks a document byte by byte, without building values.
type scanner struct {
	path  string
	data  []byte
	i     int
	state int
	stack []frame // stack[:depth] are open; deeper frames are reused
	depth int
	sc    *scanned
	key   string // the current top-level key, case-folded
	// names holds each key read so far once: objects repeat their field
	// names a hundred thousand times.
	names map[string]string
}

// intern is raw as a string, the same one for every object that has it.
func (s *scanner) intern(raw []byte) string {
	if k, ok := s.names[string(raw)]; ok {
		return k
	}
	if s.names == nil {
		s.names = map[string]string{}
	}
	k := string(raw)
	if len(s.names) < 4096 { // field names, not data keys without end
		s.names[k] = k
	}
	return k
}

// scanDocument checks data's structure: the top level must be one object,
// no object may repeat a key (exactly, or where encoding/json would match
// it, without regard to case), no list may hold null, and nothing may
// follow the document. It returns nil and no error when data is not valid
// JSON: the strict decoder then reports the syntax error.
func scanDocument(path string, data []byte) (*scanned, error) {
	s := &scanner{path: path, data: data}
	for {
		for s.i < len(data) && isSpace(data[s.i]) {
			s.i++
		}
		if s.i == len(data) {
			if s.state == wantNothing {
				return s.sc, nil
			}
			return nil, nil
		}
		ok, err := s.step()
		if err != nil || !ok {
			return nil, err
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// step reads the next token; false means the document is not valid JSON.
func (s *scanner) step() (bool, error) {
	c, start := s.data[s.i], int64(s.i)
	switch s.state {
	case wantValueOrEnd, wantValue:
		if c == ']' && s.state == wantValueOrEnd {
			return s.pop(true), nil
		}
		return s.value(c, start)
	case wantKeyOrEnd, wantKey:
		if c == '}' && s.state == wantKeyOrEnd {
			return s.pop(true), nil
		}
		return s.objectKey(start)
	case wantColon:
		s.i++
		s.state = wantValue
		return c == ':', nil
	case wantCommaOrEnd:
		top := &s.stack[s.depth-1]
		if c != ',' {
			return s.pop(top.object && c == '}' || !top.object && c == ']'), nil
		}
		s.i++
		s.state = wantValue
		if top.object {
			s.state = wantKey
		}
		return true, nil
	}
	return false, decodeErrorAt(s.path, s.data, start, errors.New("unexpected data after the document"), hintFixJSON)
}

// value reads a value starting with byte c at offset start.
func (s *scanner) value(c byte, start int64) (bool, error) {
	if s.sc == nil {
		if c != '{' {
			return false, decodeErrorAt(s.path, s.data, start, notAnObject(c), hintRestore)
		}
		s.sc = &scanned{keys: map[string]int64{}}
	}
	switch c {
	case '{', '[':
		return s.push(c == '{'), nil
	case '"':
		end := skipString(s.data, s.i)
		if end < 0 {
			return false, nil
		}
		s.i = end
	default:
		for s.i < len(s.data) && !isSpace(s.data[s.i]) && !strings.ContainsRune(",]}:", rune(s.data[s.i])) {
			s.i++
		}
		if !json.Valid(s.data[start:s.i]) {
			return false, nil
		}
		lit := string(s.data[start:s.i])
		top := &s.stack[s.depth-1]
		if lit == "null" && !top.object && !top.free {
			return false, decodeErrorAt(s.path, s.data, start, errors.New("a null item in a list"),
				"remove it: every item of a state list is an object or a string")
		}
		if s.depth == 1 && s.key == "version" {
			v, err := strconv.ParseInt(lit, 10, 64)
			s.sc.version, s.sc.hasVer = v, err == nil
		}
	}
	s.state = wantCommaOrEnd
	return true, nil
}

// push opens an object or array inside the innermost frame.
func (s *scanner) push(object bool) bool {
	if s.depth == maxDepth {
		return false
	}
	if s.depth == len(s.stack) {
		s.stack = append(s.stack, frame{})
	}
	f := &s.stack[s.depth]
	f.object, f.free, f.lastKey = object, false, ""
	f.keys.reset()
	f.schema = documentKeys()
	if s.depth > 0 {
		parent := &s.stack[s.depth-1]
		f.free = parent.free || (object && parent.object && freeForm[parent.lastKey])
		f.schema = parent.schema.child(parent.object, parent.lastKey)
	}
	s.depth++
	s.i++
	s.state = wantValueOrEnd
	if object {
		s.state = wantKeyOrEnd
	}
	return true
}

// pop closes the innermost frame when ok (the closing byte matches it).
func (s *scanner) pop(ok bool) bool {
	if !ok {
		return false
	}
	s.depth--
	s.i++
	s.state = wantCommaOrEnd
	if s.depth == 0 {
		s.state = wantNothing
	}
	return true
}

// skipString returns the offset just past the string starting at i, or -1
// when it is not a valid JSON string.
func skipString(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch c := data[j]; {
		case c == '"':
			return j + 1
		case c < 0x20:
			return -1
		case c == '\\':
			n := escapeLen(data[j+1:])
			if n == 0 {
				return -1
			}
			j += n
		}
	}
	return -1
}

// escapeLen is the length of the escape that rest starts with (after the
// backslash), or 0 when it is not one.
func escapeLen(rest []byte) int {
	if len(rest) == 0 {
		return 0
	}
	switch rest[0] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 1
	case 'u':
		if len(rest) < 5 {
			return 0
		}
		for _, h := range rest[1:5] {
			if !strings.ContainsRune("0123456789abcdefABCDEF", rune(h)) {
				return 0
			}
		}
		return 5
	}
	return 0
}

// objectKey reads the key starting at start and records it in the
// innermost object, refusing a repeated one.
func (s *scanner) objectKey(start int64) (bool, error) {
	end := skipString(s.data, s.i)
	if s.data[s.i] != '"' || end < 0 {
		return false, nil
	}
	raw := s.data[s.i:end]
	s.i, s.state = end, wantColon
	k := s.intern(raw[1 : len(raw)-1])
	if bytes.IndexByte(raw, '\\') >= 0 && json.Unmarshal(raw, &k) != nil {
		return false, nil
	}
	top := &s.stack[s.depth-1]
	if first, dup := top.keys.offset(k); dup {
		line, col := lineCol(s.data, first)
		return false, decodeErrorAt(s.path, s.data, start, fmt.Errorf("duplicate key %s (the first is at %d:%d)", strconv.Quote(k), line, col),
			"keep one of the two: a JSON reader would silently use the last")
	}
	fk := fold(k)
	if first, dup := top.keys.spelling(fk); dup && !top.free {
		line, col := lineCol(s.data, first.off)
		return false, decodeErrorAt(s.path, s.data, start,
			fmt.Errorf("duplicate key %s (the first is %s at %d:%d; a JSON reader matches keys without regard to case)", strconv.Quote(k), strconv.Quote(first.key), line, col),
			"keep one of the two, spelled as hexform writes it")
	}
	top.keys.add(k, fk, start)
	top.lastKey = k
	if !top.schema.knows(k) {
		s.sc.unknownKeys = true
	}
	if s.depth == 1 {
		s.key = fk
		s.sc.keys[s.key] = start
	}
	return true, nil
}

// notAnObject describes a top level that starts with byte c.
func notAnObject(c byte) error {
	what := "a number"
	switch c {
	case 'n':
		return errors.New("the state is null, not an object")
	case '[':
		what = "an array"
	case '"':
		what = "a string"
	case 't', 'f':
		what = "a boolean"
	}
	return fmt.Errorf("the state must be a JSON object, not %s", what)
}

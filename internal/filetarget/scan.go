package filetarget

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// frame is one open object or array during scanDocument's walk.
type frame struct {
	object  bool
	wantKey bool             // an object expecting a key (or its end) next
	keys    map[string]int64 // an object's keys -> offset of their quote
}

// scanner walks a document token by token.
type scanner struct {
	path  string
	data  []byte
	stack []*frame
	sc    *scanned
	key   string // the current top-level key
}

// scanDocument walks data token by token: the top level must be one
// object, no object may repeat a key, and nothing may follow the document.
// It returns nil and no error when data is not valid JSON: the decoder
// then reports the syntax error with its position.
func scanDocument(path string, data []byte) (*scanned, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	s := &scanner{path: path, data: data}
	for {
		before := dec.InputOffset()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) && s.sc != nil && len(s.stack) == 0 {
			return s.sc, nil
		}
		if err != nil {
			return nil, nil
		}
		rest := data[before:]
		start := before + int64(len(rest)-len(bytes.TrimLeft(rest, " \t\r\n,:")))
		if err := s.token(tok, start); err != nil {
			return nil, err
		}
	}
}

// token takes the next token, which starts at offset start.
func (s *scanner) token(tok json.Token, start int64) error {
	switch {
	case s.sc == nil:
		if d, ok := tok.(json.Delim); !ok || d != '{' {
			return decodeErrorAt(s.path, s.data, start, notAnObject(tok), hintRestore)
		}
		s.sc = &scanned{keys: map[string]int64{}}
		s.stack = append(s.stack, &frame{object: true, wantKey: true, keys: s.sc.keys})
		return nil
	case len(s.stack) == 0:
		return decodeErrorAt(s.path, s.data, start, errors.New("unexpected data after the document"), hintFixJSON)
	}
	top := s.stack[len(s.stack)-1]
	if top.object && top.wantKey && tok != json.Delim('}') {
		return s.objectKey(top, tok.(string), start)
	}
	switch tok {
	case json.Delim('{'):
		s.stack = append(s.stack, &frame{object: true, wantKey: true, keys: map[string]int64{}})
		return nil
	case json.Delim('['):
		s.stack = append(s.stack, &frame{})
		return nil
	case json.Delim(']'), json.Delim('}'):
		s.stack = s.stack[:len(s.stack)-1]
	default:
		if n, ok := tok.(json.Number); ok && len(s.stack) == 1 && s.key == "version" {
			v, err := n.Int64()
			s.sc.version, s.sc.hasVer = v, err == nil
		}
	}
	valueDone(s.stack)
	return nil
}

// objectKey records key k of object top, refusing a repeated one.
func (s *scanner) objectKey(top *frame, k string, start int64) error {
	if first, dup := top.keys[k]; dup {
		line, col := lineCol(s.data, first)
		return decodeErrorAt(s.path, s.data, start, fmt.Errorf("duplicate key %s (the first is at %d:%d)", strconv.Quote(k), line, col),
			"keep one of the two: a JSON reader would silently use the last")
	}
	top.keys[k], top.wantKey = start, false
	if len(s.stack) == 1 {
		s.key = k
	}
	return nil
}

// valueDone marks a value as read: the enclosing object expects a key.
func valueDone(stack []*frame) {
	if len(stack) > 0 && stack[len(stack)-1].object {
		stack[len(stack)-1].wantKey = true
	}
}

func notAnObject(tok json.Token) error {
	what := "a number"
	switch v := tok.(type) {
	case nil:
		return errors.New("the state is null, not an object")
	case json.Delim:
		what = "an array"
		if v != '[' {
			what = fmt.Sprintf("%q", string(v))
		}
	case string:
		what = "a string"
	case bool:
		what = "a boolean"
	}
	return fmt.Errorf("the state must be a JSON object, not %s", what)
}

package filetarget

import (
	"reflect"
	"strings"
	"sync"
)

// keySchema is what the scan knows of the keys a value of one Go type may
// have, to tell whether every key of a document is one encoding/json
// decodes into a field: then the document is decoded in one pass over its
// bytes (json.Unmarshal), and otherwise by the strict decoder, which
// refuses an unknown key with its position (DisallowUnknownFields) but
// first copies the whole document into a buffer it grows by doubling.
//
// It errs on the strict side only: a key it does not know (a field name in
// another case, which encoding/json would accept too) sends the document
// to the strict decoder, which decides.
type keySchema struct {
	// fields are a struct's fields by their exact JSON names; nil for a
	// value that is not a struct.
	fields map[string]*keySchema
	// elem is what a slice's, an array's or a map's values hold.
	elem *keySchema
}

// anyKeys is the schema of a value whose keys are data (interface{}).
var anyKeys *keySchema

// documentKeys is the schema of the state document.
var documentKeys = sync.OnceValue(func() *keySchema {
	return schemaOf(reflect.TypeFor[document](), map[reflect.Type]*keySchema{})
})

// schemaOf is the schema of values of type t; seen holds the schemas made
// so far, for a type that contains itself.
func schemaOf(t reflect.Type, seen map[reflect.Type]*keySchema) *keySchema {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if s, ok := seen[t]; ok {
		return s
	}
	switch t.Kind() {
	case reflect.Interface:
		return anyKeys
	case reflect.Slice, reflect.Array, reflect.Map:
		s := &keySchema{}
		seen[t] = s
		s.elem = schemaOf(t.Elem(), seen)
		return s
	case reflect.Struct:
		s := &keySchema{fields: map[string]*keySchema{}}
		seen[t] = s
		counts := map[string]int{}
		addFields(s, t, seen, counts)
		for name, n := range counts {
			if n > 1 { // encoding/json's choice between them is not this one's
				delete(s.fields, name)
			}
		}
		return s
	}
	return &keySchema{}
}

// addFields adds t's fields to s by JSON name, the fields of an embedded
// struct without a name of its own as t's (as encoding/json promotes
// them), counting each name's uses.
func addFields(s *keySchema, t reflect.Type, seen map[reflect.Type]*keySchema, counts map[string]int) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if f.Anonymous && name == "" && ft.Kind() == reflect.Struct {
			addFields(s, ft, seen, counts)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		counts[name]++
		s.fields[name] = schemaOf(f.Type, seen)
	}
}

// child is the schema of the value under key (for an object) or of an
// element (for an array) of a value with schema s.
func (s *keySchema) child(object bool, key string) *keySchema {
	switch {
	case s == nil:
		return nil
	case object && s.fields != nil:
		return s.fields[key]
	}
	return s.elem
}

// knows reports whether key is one of a struct's fields, or any key is
// fine (a map, a value of any type).
func (s *keySchema) knows(key string) bool {
	if s == nil || s.fields == nil {
		return true
	}
	_, ok := s.fields[key]
	return ok
}

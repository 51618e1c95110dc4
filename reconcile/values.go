package reconcile

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/hexform/hexform/schema"
)

// Field values arrive typed when a plan is computed in the same process and
// as decoded JSON (string, bool, float64, []any, map[string]any) when it was
// read from a plan file. Targets read them with these functions, which accept
// both; nil (or a nil pointer) reads as the zero value.

// FieldString reads a string value.
func FieldString(v any) (string, error) {
	v = FieldValue(v)
	if v == nil {
		return "", nil
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.String {
		return rv.String(), nil
	}
	return "", fmt.Errorf("want a string, got %s", TypeName(v))
}

// FieldBool reads a boolean value.
func FieldBool(v any) (bool, error) {
	v = FieldValue(v)
	if v == nil {
		return false, nil
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Bool {
		return rv.Bool(), nil
	}
	return false, fmt.Errorf("want true or false, got %s", TypeName(v))
}

// FieldStrings reads a list of strings ([]string or []any) into a new
// slice the caller may keep; nil is empty.
func FieldStrings(v any) ([]string, error) {
	if l, ok := v.([]string); ok { // the common, typed case, without reflection
		return append([]string{}, l...), nil
	}
	v = FieldValue(v)
	if v == nil {
		return []string{}, nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice {
		return nil, fmt.Errorf("want a list of strings, got %s", TypeName(v))
	}
	out := make([]string, 0, rv.Len())
	for i := range rv.Len() {
		s, err := FieldString(rv.Index(i).Interface())
		if err != nil {
			return nil, fmt.Errorf("item %d: %w", i+1, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// FieldSchemaRefresh reads a *schema.SchemaRefresh, its JSON map, or nil.
func FieldSchemaRefresh(v any) (*schema.SchemaRefresh, error) {
	v = FieldValue(v)
	if v == nil {
		return nil, nil
	}
	var sr schema.SchemaRefresh
	if err := ViaJSON(v, &sr); err != nil {
		return nil, fmt.Errorf("want a schema refresh schedule: %w", err)
	}
	return &sr, nil
}

// ViaJSON converts v into out through its JSON form, rejecting unknown keys.
func ViaJSON(v, out any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	return dec.Decode(out)
}

// TypeName names a value's type for messages ("null" for nil).
func TypeName(v any) string {
	if v == nil {
		return "null"
	}
	return fmt.Sprintf("%T", v)
}

// FieldValue follows pointers; a nil pointer is nil.
func FieldValue(v any) any {
	for v != nil {
		rv := reflect.ValueOf(v)
		if rv.Kind() != reflect.Pointer {
			return v
		}
		if rv.IsNil() {
			return nil
		}
		v = rv.Elem().Interface()
	}
	return nil
}

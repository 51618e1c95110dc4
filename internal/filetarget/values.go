package filetarget

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/hexform/hexform/schema"
)

// Field values arrive typed when a plan is computed in the same process and
// as decoded JSON (string, bool, float64, []any, map[string]any) when it was
// read from a plan file. These helpers accept both; nil is the zero value.

// deref follows pointers; a nil pointer is nil.
func deref(v any) any {
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

func typeName(v any) string {
	if v == nil {
		return "null"
	}
	return fmt.Sprintf("%T", v)
}

func asString(v any) (string, error) {
	v = deref(v)
	if v == nil {
		return "", nil
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.String {
		return rv.String(), nil
	}
	return "", fmt.Errorf("want a string, got %s", typeName(v))
}

func asBool(v any) (bool, error) {
	v = deref(v)
	if v == nil {
		return false, nil
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Bool {
		return rv.Bool(), nil
	}
	return false, fmt.Errorf("want true or false, got %s", typeName(v))
}

func asStrings(v any) ([]string, error) {
	v = deref(v)
	if v == nil {
		return []string{}, nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice {
		return nil, fmt.Errorf("want a list of strings, got %s", typeName(v))
	}
	out := make([]string, 0, rv.Len())
	for i := range rv.Len() {
		s, err := asString(rv.Index(i).Interface())
		if err != nil {
			return nil, fmt.Errorf("item %d: %w", i+1, err)
		}
		out = append(out, s)
	}
	return out, nil
}

func asRole(v any) (schema.Role, error) {
	s, err := asString(v)
	if err != nil {
		return "", err
	}
	r := schema.Role(strings.ToLower(s))
	if r.Rank() < 0 {
		return "", fmt.Errorf("unknown role %q (want one of %v)", s, schema.Roles)
	}
	return r, nil
}

func asAccess(v any) (string, error) {
	s, err := asString(v)
	if err != nil {
		return "", err
	}
	switch s {
	case schema.AccessNone, schema.AccessQuery, schema.AccessViewResults:
		return s, nil
	}
	return "", fmt.Errorf("unknown access %q (want none, query or view_results)", s)
}

// asSecretRef reads "env:NAME" / "file:PATH", a schema.SecretRef or its JSON map.
func asSecretRef(v any) (schema.SecretRef, error) {
	v = deref(v)
	if s, err := asString(v); err == nil {
		ref, ok := schema.ParseSecretRef(s)
		if !ok {
			return ref, fmt.Errorf("want a secret reference like env:NAME or file:PATH, got %q", s)
		}
		return ref, nil
	}
	var ref schema.SecretRef
	if err := viaJSON(v, &ref); err != nil || (ref.Env == "") == (ref.File == "") {
		return ref, fmt.Errorf("want a secret reference like env:NAME or file:PATH, got %s", typeName(v))
	}
	return ref, nil
}

// asRef reads "tag:v1" / "branch:x" / "commit:sha", a schema.Ref or its JSON map.
func asRef(v any) (schema.Ref, error) {
	v = deref(v)
	if s, err := asString(v); err == nil {
		kind, val, ok := strings.Cut(s, ":")
		if ok && val != "" {
			switch kind {
			case "tag":
				return schema.Ref{Tag: val}, nil
			case "branch":
				return schema.Ref{Branch: val}, nil
			case "commit":
				return schema.Ref{Commit: val}, nil
			}
		}
		return schema.Ref{}, fmt.Errorf("want a ref like tag:v1, branch:main or commit:<sha>, got %q", s)
	}
	var r schema.Ref
	if err := viaJSON(v, &r); err != nil || r.String() == "" {
		return r, fmt.Errorf("want a ref like tag:v1, branch:main or commit:<sha>, got %s", typeName(v))
	}
	return r, nil
}

// asSchemaRefresh reads a *schema.SchemaRefresh, its JSON map, or nil.
func asSchemaRefresh(v any) (*schema.SchemaRefresh, error) {
	v = deref(v)
	if v == nil {
		return nil, nil
	}
	var sr schema.SchemaRefresh
	if err := viaJSON(v, &sr); err != nil {
		return nil, fmt.Errorf("want a schema refresh schedule: %w", err)
	}
	return &sr, nil
}

// viaJSON converts v into out through its JSON form, rejecting unknown keys.
func viaJSON(v, out any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	return dec.Decode(out)
}

// configValue stores a connection config value in its decoded-JSON form, so
// that what Apply writes equals what Snapshot reads back.
func configValue(v any) (any, error) {
	v = deref(v)
	data, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("want a JSON value, got %s", typeName(v))
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, err
	}
	return normalizeValue(out), nil
}

package reconcile

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/hexform/hexform/schema"
)

// The decoders the kinds' field tables share. A field value is typed when
// the plan was computed in this process and decoded JSON (string, bool,
// float64, []any, map[string]any) when it was read from a plan file; each
// accepts both, and nil reads as the zero value.

func asRole(v any) (schema.Role, error) {
	s, err := FieldString(v)
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
	s, err := FieldString(v)
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
	v = FieldValue(v)
	if s, err := FieldString(v); err == nil {
		ref, ok := schema.ParseSecretRef(s)
		if !ok {
			return ref, fmt.Errorf("want a secret reference like env:NAME or file:PATH, got %q", s)
		}
		return ref, nil
	}
	var ref schema.SecretRef
	if err := ViaJSON(v, &ref); err != nil || (ref.Env == "") == (ref.File == "") {
		return ref, fmt.Errorf("want a secret reference like env:NAME or file:PATH, got %s", TypeName(v))
	}
	return ref, nil
}

// asRef reads "tag:v1" / "branch:x" / "commit:sha", a schema.Ref or its JSON map.
func asRef(v any) (schema.Ref, error) {
	v = FieldValue(v)
	if s, err := FieldString(v); err == nil {
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
	if err := ViaJSON(v, &r); err != nil || r.String() == "" {
		return r, fmt.Errorf("want a ref like tag:v1, branch:main or commit:<sha>, got %s", TypeName(v))
	}
	return r, nil
}

// configValue holds a connection config value in its decoded-JSON form, so
// that what a target stores equals what it reads back.
func configValue(v any) (any, error) {
	v = FieldValue(v)
	data, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("want a JSON value, got %s", TypeName(v))
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, err
	}
	return JSONValue(out), nil
}

// JSONValue puts a decoded-JSON value into the form state files hold:
// whole numbers as int, nested lists likewise.
func JSONValue(v any) any {
	switch x := v.(type) {
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int(x)
		}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = JSONValue(e)
		}
		return out
	}
	return v
}

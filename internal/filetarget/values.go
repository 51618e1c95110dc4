package filetarget

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// Field values arrive typed when a plan is computed in the same process and
// as decoded JSON (string, bool, float64, []any, map[string]any) when it was
// read from a plan file. These helpers accept both; nil is the zero value.

func asRole(v any) (schema.Role, error) {
	s, err := reconcile.FieldString(v)
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
	s, err := reconcile.FieldString(v)
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
	v = reconcile.FieldValue(v)
	if s, err := reconcile.FieldString(v); err == nil {
		ref, ok := schema.ParseSecretRef(s)
		if !ok {
			return ref, fmt.Errorf("want a secret reference like env:NAME or file:PATH, got %q", s)
		}
		return ref, nil
	}
	var ref schema.SecretRef
	if err := reconcile.ViaJSON(v, &ref); err != nil || (ref.Env == "") == (ref.File == "") {
		return ref, fmt.Errorf("want a secret reference like env:NAME or file:PATH, got %s", reconcile.TypeName(v))
	}
	return ref, nil
}

// asRef reads "tag:v1" / "branch:x" / "commit:sha", a schema.Ref or its JSON map.
func asRef(v any) (schema.Ref, error) {
	v = reconcile.FieldValue(v)
	if s, err := reconcile.FieldString(v); err == nil {
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
	if err := reconcile.ViaJSON(v, &r); err != nil || r.String() == "" {
		return r, fmt.Errorf("want a ref like tag:v1, branch:main or commit:<sha>, got %s", reconcile.TypeName(v))
	}
	return r, nil
}

// configValue stores a connection config value in its decoded-JSON form, so
// that what Apply writes equals what Snapshot reads back.
func configValue(v any) (any, error) {
	v = reconcile.FieldValue(v)
	data, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("want a JSON value, got %s", reconcile.TypeName(v))
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, err
	}
	return normalizeValue(out), nil
}

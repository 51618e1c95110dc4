package hextarget

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/hashicorp/go-multierror"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// Field values arrive typed when the plan was computed in this process and
// as decoded JSON (string, bool, float64, []any, map[string]any) when it was
// read from a plan file; these helpers accept both.

// snake turns an API field name into a config key: accountName -> account_name.
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// camel turns a config key into an API field name: account_name -> accountName.
func camel(s string) string {
	parts := strings.Split(s, "_")
	for i := 1; i < len(parts); i++ {
		if p := parts[i]; p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, "")
}

// toAccess maps a schema access level to the API's.
func toAccess(path string, v any, public bool) (string, error) {
	s, err := reconcile.FieldString(v)
	if err != nil {
		return "", fmt.Errorf("%s: %v", path, err)
	}
	switch s {
	case "", schema.AccessNone:
		return "NONE", nil
	case schema.AccessViewResults:
		return "VIEW_RESULTS", nil
	case schema.AccessQuery:
		if !public {
			return "QUERY", nil
		}
	}
	want := "none, query or view_results"
	if public {
		want = "none or view_results"
	}
	return "", fmt.Errorf("%s: access %q is not one the Hex API accepts (%s)", path, s, want)
}

// fromAccess maps an API access level to the schema's.
func fromAccess(s string) string { return strings.ToLower(s) }

// joined returns errs as one error whose text lists them on one line, or nil.
func joined(errs *multierror.Error) error {
	if errs == nil || len(errs.Errors) == 0 {
		return nil
	}
	errs.ErrorFormat = func(es []error) string {
		parts := make([]string, len(es))
		for i, e := range es {
			parts[i] = e.Error()
		}
		return strings.Join(parts, "; ")
	}
	return errs
}

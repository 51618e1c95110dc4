package hextarget

import (
	"strings"
	"unicode"

	"github.com/hashicorp/go-multierror"

	"github.com/hexform/hexform/schema"
)

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

// snakeList names API fields as config keys, comma-separated.
func snakeList(keys []string) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = snake(k)
	}
	return strings.Join(out, ", ")
}

// toAccess maps a schema access level (none, query, view_results; "" is
// none), as the engine's field table has checked it, to the API's.
func toAccess(level string) string {
	if level == "" {
		level = schema.AccessNone
	}
	return strings.ToUpper(level)
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

package schema

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// eachSchema calls f on every subschema of s, with its JSON pointer.
func eachSchema(s any, at string, f func(m map[string]any, at string)) {
	m, ok := s.(map[string]any)
	if !ok {
		return
	}
	f(m, at)
	for _, k := range sortedKeys(m) {
		switch v := m[k].(type) {
		case map[string]any:
			if k == "properties" || k == "patternProperties" || k == "$defs" || k == "dependentSchemas" {
				for _, name := range sortedKeys(v) {
					eachSchema(v[name], at+"/"+k+"/"+name, f)
				}
			} else {
				eachSchema(v, at+"/"+k, f)
			}
		case []any:
			for i, sub := range v {
				eachSchema(sub, fmt.Sprintf("%s/%s/%d", at, k, i), f)
			}
		}
	}
}

// TestSchemaDescribesEveryProperty: yaml-language-server shows a
// property's description on hover and in completion, so every property an
// object schema declares has a description and a markdownDescription.
func TestSchemaDescribesEveryProperty(t *testing.T) {
	n := 0
	eachSchema(schemaDoc(t), "#", func(m map[string]any, at string) {
		props, _ := m["properties"].(map[string]any)
		if m["type"] != "object" {
			return // conditions restating properties of the object around them
		}
		for _, name := range sortedKeys(props) {
			n++
			p, _ := props[name].(map[string]any)
			for _, k := range []string{"description", "markdownDescription"} {
				if s, _ := p[k].(string); strings.TrimSpace(s) == "" {
					t.Errorf("%s/properties/%s has no %s", at, name, k)
				}
			}
		}
	})
	if n < 50 {
		t.Errorf("walked %d properties: the walk misses most of the schema", n)
	}
}

// honoured are the failures for which yaml-language-server shows the
// errorMessage of the failing schema instead of its own text.
var honoured = map[string]bool{
	"type": true, "enum": true, "const": true, "pattern": true, "format": true,
	"additionalProperties": true, "false": true,
}

func leafKind(e *jsonschema.ValidationError) string {
	switch e.ErrorKind.(type) {
	case *kind.Type:
		return "type"
	case *kind.Enum:
		return "enum"
	case *kind.Const:
		return "const"
	case *kind.Pattern:
		return "pattern"
	case *kind.Format:
		return "format"
	case *kind.AdditionalProperties:
		return "additionalProperties"
	case *kind.FalseSchema:
		return "false"
	}
	return fmt.Sprintf("%T", e.ErrorKind)
}

func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

// errorMessageAt returns the errorMessage yaml-language-server shows for
// a failure: that of the failing schema, or for a false property schema
// that of the object declaring it.
func errorMessageAt(t *testing.T, doc map[string]any, e *jsonschema.ValidationError) string {
	t.Helper()
	_, frag, _ := strings.Cut(e.SchemaURL, "#")
	frag, _ = url.PathUnescape(frag)
	parts := strings.Split(strings.TrimPrefix(frag, "/"), "/")
	if frag == "" {
		parts = nil
	}
	if leafKind(e) == "false" && len(parts) >= 2 && parts[len(parts)-2] == "properties" {
		parts = parts[:len(parts)-2]
	}
	var node any = doc
	for _, p := range parts {
		p = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
		switch v := node.(type) {
		case map[string]any:
			node = v[p]
		case []any:
			var i int
			fmt.Sscan(p, &i)
			node = v[i]
		}
	}
	m, _ := node.(map[string]any)
	s, _ := m["errorMessage"].(string)
	return s
}

const chConn = "connections: [{name: C, type: clickhouse, config: {hostname: h, port: 1, username: u}"

// TestSchemaErrorMessages: for the common mistakes, every failure the
// validator reports is one yaml-language-server words with the schema's
// errorMessage, and that message says how to fix it.
func TestSchemaErrorMessages(t *testing.T) {
	mistakes := []struct{ name, yaml, want string }{
		{"version 2", "version: 2\nworkspace: acme\n", "version is 1"},
		{"role not in enum", base + "users: [{email: a@acme.com, role: owner}]\n", "admin, manager, editor, explorer, viewer or guest"},
		{"default_role admin", base + "domains: {allowed: [acme.com], default_role: Admin}\n", "not admin"},
		{"bad email", base + "users: [{email: alice, role: admin}]\n", "an email address"},
		{"two refs", base + "packages: [{name: p, repository: a/b, ref: {tag: v1, branch: main}}]\n", "exactly one of branch, tag or commit"},
		{"ref a string", base + "packages: [{name: p, repository: a/b, ref: main}]\n", "exactly one of branch, tag or commit"},
		{"short commit", base + "packages: [{name: p, repository: a/b, ref: {commit: abc}}]\n", "40 hexadecimal"},
		{"repository", base + "packages: [{name: p, repository: acme, ref: {tag: v1}}]\n", "owner/name"},
		{"literal secret", base + chConn + ", secrets: {password: hunter2}}]\n", "{env: NAME} or {file: PATH}"},
		{"env and file", base + chConn + ", secrets: {password: {env: A, file: f}}}]\n", "exactly one of env or file"},
		{"secret in config", base + "connections: [{name: C, type: clickhouse, config: {hostname: h, port: 1, username: u, password: p}}]\n", "under secrets"},
		{"connection type", base + "connections: [{name: C, type: mysql, config: {}}]\n", "athena, bigquery"},
		{"access level", base + chConn + ", sharing: {workspace: {members: read}}}]\n", "none, query or view_results"},
		{"confirm form", base + "confirm: [delete groups/x]\n", "delete group/NAME"},
	}
	doc := schemaDoc(t)
	for _, tc := range mistakes {
		t.Run(tc.name, func(t *testing.T) {
			err := strictCheck(t, []byte(tc.yaml))
			var ve *jsonschema.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("the schema accepts it (%v)", err)
			}
			for _, l := range leaves(ve) {
				k := leafKind(l)
				msg := errorMessageAt(t, doc, l)
				switch {
				case !honoured[k]:
					t.Errorf("%s fails on %s, which yaml-language-server words itself", l.SchemaURL, k)
				case !strings.Contains(msg, tc.want):
					t.Errorf("%s (%s): errorMessage %q does not say %q", l.SchemaURL, k, msg, tc.want)
				}
			}
		})
	}
}

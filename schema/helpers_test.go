package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// compiled is JSONSchema() compiled once for the tests.
var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSONSchema()))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("workspace.schema.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("workspace.schema.json")
})

// schemaCheck validates a YAML document against the JSON Schema. YAML that
// has no JSON equivalent (duplicate keys, non-string keys) is an error too.
func schemaCheck(t *testing.T, data []byte) error {
	t.Helper()
	sch, err := compiled()
	if err != nil {
		t.Fatalf("compile JSON Schema: %v", err)
	}
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return fmt.Errorf("yaml: %w", err)
	}
	js, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("to JSON: %w", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// short renders diagnostics as "LINE:COL: severity: message" lines.
func short(ds Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%d:%d: %s: %s\n", d.Line, d.Col, d.Severity, d.Message)
	}
	return b.String()
}

// doc joins lines into a document; it keeps the tables readable.
func doc(lines ...string) string { return strings.Join(lines, "\n") + "\n" }

// base is a small valid document that checks extend.
const base = `version: 1
workspace: acme
`

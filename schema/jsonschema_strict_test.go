package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// editorVocabURL names the keywords yaml-language-server adds to JSON Schema.
// Declaring them as a vocabulary makes the compiler check their values too.
const editorVocabURL = "https://hexform.invalid/vocab/yaml-language-server"

var editorKeywords = []string{"markdownDescription", "errorMessage"}

// strictCompiled is JSONSchema() compiled as strictly as the validator
// allows: draft 2020-12, formats and content asserted, vocabularies
// asserted (with the editor keywords declared and type-checked), and a
// loader that refuses every URL, so nothing is fetched.
var strictCompiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	return compileStrict(JSONSchema())
})

func compileStrict(schemaJSON []byte) (*jsonschema.Schema, error) {
	meta := `{"properties": {"markdownDescription": {"type": "string", "minLength": 1},
		"errorMessage": {"type": "string", "minLength": 1}}}`
	mc := jsonschema.NewCompiler()
	mdoc, err := jsonschema.UnmarshalJSON(strings.NewReader(meta))
	if err != nil {
		return nil, err
	}
	if err := mc.AddResource(editorVocabURL, mdoc); err != nil {
		return nil, err
	}
	msch, err := mc.Compile(editorVocabURL)
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	c.AssertContent()
	c.AssertVocabs()
	c.RegisterVocabulary(&jsonschema.Vocabulary{URL: editorVocabURL, Schema: msch,
		Compile: func(*jsonschema.CompilerContext, map[string]any) (jsonschema.SchemaExt, error) { return nil, nil }})
	c.UseLoader(refuseLoader{})
	if err := c.AddResource("workspace.schema.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("workspace.schema.json")
}

type refuseLoader struct{}

func (refuseLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("the schema may not load %s: it must be self-contained", url)
}

// keywordType is the instance type each type-specific keyword applies to.
// Ajv's strict mode (strictTypes) refuses such a keyword unless a type is
// declared for the instance, in the same schema object or one applied to
// the same instance (allOf, anyOf, oneOf, not, if, then, else).
var keywordType = map[string]string{
	"maxLength": "string", "minLength": "string", "pattern": "string", "format": "string",
	"maximum": "number", "minimum": "number", "exclusiveMaximum": "number", "exclusiveMinimum": "number", "multipleOf": "number",
	"maxProperties": "object", "minProperties": "object", "required": "object", "dependentRequired": "object",
	"properties": "object", "patternProperties": "object", "additionalProperties": "object",
	"propertyNames": "object", "dependentSchemas": "object", "unevaluatedProperties": "object",
	"maxItems": "array", "minItems": "array", "uniqueItems": "array", "items": "array", "prefixItems": "array",
	"contains": "array", "maxContains": "array", "minContains": "array", "unevaluatedItems": "array",
}

// knownKeywords are draft 2020-12's keywords; any other is a typo to a
// strict validator, except the declared editor keywords.
var knownKeywords = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range strings.Fields(`$schema $id $ref $anchor $dynamicRef $dynamicAnchor $vocabulary $comment $defs
		allOf anyOf oneOf not if then else type enum const title description default deprecated readOnly writeOnly examples
		contentEncoding contentMediaType contentSchema`) {
		m[k] = true
	}
	for k := range keywordType {
		m[k] = true
	}
	for _, k := range editorKeywords {
		m[k] = true
	}
	return m
}()

// strictWalk reports what Ajv's strict mode refuses: unknown keywords,
// type-specific keywords without a declared type, and required names no
// properties define. types is what schemas applying to the same instance
// declare. defined holds the property names the schemas compiled so far
// for the same instance declare, in Ajv's order: a schema's applicators
// (allOf, if, ...) before its own keywords, so a parent's properties do
// not count for the required of its allOf or if.
func strictWalk(s any, at string, types []string, defined map[string]bool, out *[]string) {
	m, ok := s.(map[string]any)
	if !ok {
		return
	}
	switch t := m["type"].(type) {
	case string:
		types = []string{t}
	case []any:
		types = nil
		for _, x := range t {
			types = append(types, x.(string))
		}
	}
	for _, k := range sortedKeys(m) {
		if !knownKeywords[k] {
			*out = append(*out, fmt.Sprintf("%s: unknown keyword %q", at, k))
		}
		if want, ok := keywordType[k]; ok && !typeAllows(types, want) {
			*out = append(*out, fmt.Sprintf("%s: %s without type %q", at, k, want))
		}
	}
	for _, k := range []string{"not", "anyOf", "oneOf", "allOf", "if", "then", "else"} {
		if list, ok := m[k].([]any); ok {
			for i, sub := range list {
				strictWalk(sub, fmt.Sprintf("%s/%s/%d", at, k, i), types, defined, out)
			}
		} else {
			strictWalk(m[k], at+"/"+k, types, defined, out)
		}
	}
	props, _ := m["properties"].(map[string]any)
	for _, r := range asList(m["required"]) {
		if _, own := props[r.(string)]; !own && !defined[r.(string)] {
			*out = append(*out, fmt.Sprintf("%s: required %q is not in properties", at, r))
		}
	}
	for k := range props {
		defined[k] = true
	}
	walkChildren(m, at, out)
}

// walkChildren walks the subschemas that apply to other instances (or, for
// $defs, to none yet), each with nothing known about its instance.
func walkChildren(m map[string]any, at string, out *[]string) {
	for _, k := range []string{"properties", "patternProperties", "$defs", "dependentSchemas"} {
		sub, _ := m[k].(map[string]any)
		for _, name := range sortedKeys(sub) {
			strictWalk(sub[name], at+"/"+k+"/"+name, nil, map[string]bool{}, out)
		}
	}
	for _, k := range []string{"additionalProperties", "propertyNames", "items", "contains", "unevaluatedItems", "unevaluatedProperties"} {
		strictWalk(m[k], at+"/"+k, nil, map[string]bool{}, out)
	}
	for i, sub := range asList(m["prefixItems"]) {
		strictWalk(sub, fmt.Sprintf("%s/prefixItems/%d", at, i), nil, map[string]bool{}, out)
	}
}

func typeAllows(types []string, want string) bool {
	return slices.Contains(types, want) || (want == "number" && slices.Contains(types, "integer"))
}

func asList(v any) []any { l, _ := v.([]any); return l }

func schemaDoc(t *testing.T) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(JSONSchema(), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSchemaStrict: the schema compiles in the validator's strictest mode
// and passes the checks of Ajv's strict mode.
func TestSchemaStrict(t *testing.T) {
	if _, err := strictCompiled(); err != nil {
		t.Fatalf("schema does not compile strictly: %v", err)
	}
	var issues []string
	strictWalk(schemaDoc(t), "#", nil, map[string]bool{}, &issues)
	for _, s := range issues {
		t.Errorf("strict mode refuses %s", s)
	}
}

// TestStrictWalkCatches proves the walk refuses what it is meant to.
func TestStrictWalkCatches(t *testing.T) {
	bad := map[string]string{
		"pattern under not":   `{"allOf": [{"type": "string"}, {"not": {"pattern": "a"}}]}`,
		"unknown keyword":     `{"type": "string", "descripton": "x"}`,
		"required undeclared": `{"type": "object", "properties": {"a": {}}, "required": ["b"]}`,
		"required in if":      `{"type": "object", "properties": {"a": {}}, "allOf": [{"if": {"required": ["a"]}, "then": {"properties": {"b": false}}}]}`,
	}
	for name, s := range bad {
		var v any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			t.Fatal(err)
		}
		var issues []string
		strictWalk(v, "#", nil, map[string]bool{}, &issues)
		if len(issues) == 0 {
			t.Errorf("%s: not caught", name)
		}
	}
	if _, err := compileStrict([]byte(`{"errorMessage": "m", "markdownDescription": "d", "$ref": "#/$defs/a", "$defs": {"a": true}}`)); err != nil {
		t.Errorf("a well-formed schema does not compile: %v", err)
	}
	if _, err := compileStrict([]byte(`{"$ref": "https://example.com/x.json"}`)); err == nil {
		t.Error("a remote $ref compiled: the loader must refuse it")
	}
	if _, err := compileStrict([]byte(`{"errorMessage": 3}`)); err == nil {
		t.Error("a number errorMessage compiled: the editor vocabulary must check it")
	}
}

// strictCheck validates a YAML document against the strictly compiled schema.
func strictCheck(t *testing.T, data []byte) error {
	t.Helper()
	sch, err := strictCompiled()
	if err != nil {
		t.Fatalf("compile JSON Schema: %v", err)
	}
	inst, err := yamlToInstance(data)
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

func yamlToInstance(data []byte) (any, error) {
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("yaml: %w", err)
	}
	js, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("to JSON: %w", err)
	}
	return jsonschema.UnmarshalJSON(bytes.NewReader(js))
}

func exampleFiles(t *testing.T) []string {
	t.Helper()
	var paths []string
	err := filepath.WalkDir(filepath.Join("..", "examples"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "workspace.yaml" {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil || len(paths) < 2 {
		t.Fatalf("found %d example workspace files (%v), want acme and minimal at least", len(paths), err)
	}
	return paths
}

// TestExamplesPassStrictSchema validates every examples/**/workspace.yaml
// against the strictly compiled schema.
func TestExamplesPassStrictSchema(t *testing.T) {
	for _, p := range exampleFiles(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := strictCheck(t, data); err != nil {
			t.Errorf("%s fails the JSON Schema: %v", p, err)
		}
	}
}

// TestExamplesModelineIsLocal: each example's first line points
// yaml-language-server at the committed schema by a relative path, so an
// editor needs no network to check it.
func TestExamplesModelineIsLocal(t *testing.T) {
	const prefix = "# yaml-language-server: $schema="
	for _, p := range exampleFiles(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(string(data), "\n")
		target, ok := strings.CutPrefix(first, prefix)
		if !ok {
			t.Errorf("%s: first line %q is not %q followed by a path", p, first, prefix)
			continue
		}
		if strings.Contains(target, "://") || filepath.IsAbs(target) {
			t.Errorf("%s: $schema=%s is not a relative path: editors would fetch it", p, target)
			continue
		}
		got, err := os.ReadFile(filepath.Join(filepath.Dir(p), filepath.FromSlash(target)))
		if err != nil {
			t.Errorf("%s: $schema=%s: %v", p, target, err)
		} else if !bytes.Equal(got, JSONSchema()) {
			t.Errorf("%s: $schema=%s is not the committed schema", p, target)
		}
	}
}

// TestInvalidFilesFailStrictSchema: each testdata/jsonschema/invalid file
// holds one common mistake, which both the schema and the loader refuse.
func TestInvalidFilesFailStrictSchema(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "jsonschema", "invalid", "*.yaml"))
	if len(paths) < 4 {
		t.Fatalf("found %d invalid files, want 4 at least", len(paths))
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := strictCheck(t, data); err == nil {
			t.Errorf("%s passes the JSON Schema", p)
		}
		if _, ds := Parse(p, data); !ds.HasErrors() {
			t.Errorf("%s passes the loader", p)
		}
	}
}

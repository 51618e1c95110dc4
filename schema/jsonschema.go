package schema

import (
	"encoding/json"
	"strings"
	"sync"
	"unicode"
)

// SchemaID is the $id of the JSON Schema: where the committed copy
// (schema/workspace.schema.json) is published.
const SchemaID = "https://raw.githubusercontent.com/hexform/hexform/main/schema/workspace.schema.json"

var jsonSchema = sync.OnceValue(func() []byte {
	b, err := json.MarshalIndent(buildSchema(), "", "  ")
	if err != nil {
		panic(err) // the schema is built from constants; this cannot fail
	}
	return append(b, '\n')
})

// JSONSchema returns the JSON Schema (draft 2020-12) of the workspace file,
// for editors (yaml-language-server) and CI. Every property carries a
// description and a markdownDescription, and the common mistakes an
// errorMessage, which yaml-language-server shows. The loader checks more
// than the schema can express (duplicates, cross-references, timezones,
// min_admins).
func JSONSchema() []byte { return append([]byte(nil), jsonSchema()...) }

type obj = map[string]any

// object is a closed object schema.
func object(desc string, props obj, required ...string) obj {
	o := obj{"type": "object", "additionalProperties": false, "properties": props}
	if desc != "" {
		o["description"] = desc
	}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

// described sets a schema's markdownDescription to md and its description to
// md without the backticks of its code spans.
func described(o obj, md string) obj {
	o["markdownDescription"] = md
	o["description"] = strings.ReplaceAll(md, "`", "")
	return o
}

// withError sets the message yaml-language-server shows when the schema's
// own type, enum, const, pattern or closed property list refuses a value.
func withError(o obj, msg string) obj { o["errorMessage"] = msg; return o }

// exactlyOneOf makes a closed object take exactly one of its properties.
// Each "if one is there, the others are not" rule carries msg, so
// yaml-language-server shows it where a second one is written. Each if
// names its property under properties too, as strict validators (Ajv's
// strictRequired) want every required name declared beside it.
func exactlyOneOf(props obj, msg string) obj {
	o := withError(object("", props), msg)
	o["minProperties"] = 1
	var rules []any
	for _, k := range sortedKeys(props) {
		others := obj{}
		for _, x := range sortedKeys(props) {
			if x != k {
				others[x] = false
			}
		}
		rules = append(rules, obj{"if": obj{"properties": obj{k: true}, "required": []string{k}},
			"then": withError(obj{"properties": others}, msg)})
	}
	o["allOf"] = rules
	return o
}

func ref(name string) obj              { return obj{"$ref": "#/$defs/" + name} }
func refDoc(name, md string) obj       { return described(ref(name), md) }
func arrayOf(items obj, md string) obj { return described(obj{"type": "array", "items": items}, md) }
func stringEnum(vals ...string) obj    { return obj{"type": "string", "enum": vals} }
func boolean(md string) obj            { return described(obj{"type": "boolean"}, md) }
func protectDoc(kind string) obj {
	return boolean("Never delete this " + kind + "; hexform remembers the flag until `protect: false`.")
}
func intRange(lo, hi int) obj { return obj{"type": "integer", "minimum": lo, "maximum": hi} }

// caseInsensitive turns words into a pattern matching them in any case,
// written without flags so Go and ECMA-262 read it alike.
func caseInsensitive(words []string) string {
	alts := make([]string, len(words))
	for i, w := range words {
		var b strings.Builder
		for _, r := range w {
			b.WriteString("[" + string(unicode.ToUpper(r)) + string(unicode.ToLower(r)) + "]")
		}
		alts[i] = b.String()
	}
	return "^(?:" + strings.Join(alts, "|") + ")$"
}

// roleSchema takes the role names, in any case: the enum lets editors
// complete them, the pattern accepts any case as the loader does.
func roleSchema(names []string, msg string) obj {
	return obj{"anyOf": []any{
		withError(stringEnum(names...), msg),
		withError(obj{"type": "string", "pattern": caseInsensitive(names)}, msg),
	}}
}

func buildSchema() obj {
	defs := schemaDefs()
	props := obj{
		"version": withError(described(obj{"const": 1}, "The file format version: `1`."),
			"version is 1, the only format version"),
		"workspace": refDoc("name", "A name for the workspace, used in messages, PR comment markers and audit records."),
		"ignore":    refDoc("ignore", "Items managed elsewhere (SCIM groups, service accounts), by glob pattern per kind."),
		"confirm": arrayOf(withError(obj{"type": "string", "pattern": confirmPattern, "maxLength": MaxConfirmLen},
			"a confirmation is a change id from the plan, e.g. delete group/NAME or delete connection/NAME"),
			"Destructive change ids confirmed in review, e.g. `delete connection/Legacy Redshift`."),
	}
	sectionSchemas(props, defs)
	s := withError(object("", props, "version", "workspace"), "a workspace file's top-level keys are "+englishList(topKeys, "and"))
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = SchemaID
	s["title"] = "hexform workspace file (version 1)"
	s["$defs"] = defs
	return s
}

// englishList joins words as "a, b and c".
func englishList(words []string, conj string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}

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
// for editors (yaml-language-server) and CI. The loader checks more than the
// schema can express (duplicates, cross-references, timezones, min_admins).
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

// exactlyOne makes an object schema take exactly one of its properties.
func exactlyOne(o obj, desc string) obj {
	o["minProperties"], o["maxProperties"], o["description"] = 1, 1, desc
	return o
}

func ref(name string) obj               { return obj{"$ref": "#/$defs/" + name} }
func describeAs(o obj, desc string) obj { o["description"] = desc; return o }
func arrayOf(items obj, desc string) obj {
	return obj{"type": "array", "items": items, "description": desc}
}
func stringEnum(vals ...string) obj { return obj{"type": "string", "enum": vals} }
func boolean(desc string) obj       { return obj{"type": "boolean", "description": desc} }
func intRange(lo, hi int) obj       { return obj{"type": "integer", "minimum": lo, "maximum": hi} }

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

func buildSchema() obj {
	s := object("", obj{
		"version":     obj{"const": 1, "description": "The file format version: 1."},
		"workspace":   describeAs(ref("name"), "A name for the workspace, used in messages, PR comment markers and audit records."),
		"settings":    ref("settings"),
		"domains":     ref("domains"),
		"users":       arrayOf(ref("user"), "Explicit role assignments. Absent: users are unmanaged."),
		"groups":      arrayOf(ref("group"), "Groups of users. Absent: groups are unmanaged; [] manages them (deleting every group)."),
		"connections": arrayOf(ref("connection"), "Shared data connections. Absent: unmanaged."),
		"packages":    arrayOf(ref("package"), "GitHub packages. Absent: unmanaged."),
		"tags":        ref("tags"),
		"ignore":      ref("ignore"),
		"confirm":     arrayOf(obj{"type": "string", "pattern": confirmPattern, "maxLength": MaxConfirmLen}, "Destructive change ids confirmed in review, e.g. \"delete connection/Legacy Redshift\"."),
	}, "version", "workspace")
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = SchemaID
	s["title"] = "hexform workspace file (version 1)"
	s["$defs"] = schemaDefs()
	return s
}

func schemaDefs() obj {
	roles := roleNames()
	defs := obj{
		"name":  obj{"type": "string", "pattern": `^\S(?:[\s\S]*\S)?$`, "maxLength": MaxNameLen},
		"names": arrayOf(ref("name"), "Former names: a rename, not a delete and a create."),
		"email": obj{"type": "string", "pattern": emailPattern, "maxLength": MaxEmailLen},
		"role": obj{"anyOf": []any{stringEnum(roles...), obj{"type": "string", "pattern": caseInsensitive(roles)}},
			"description": "admin, manager, editor, explorer, viewer or guest (author = editor, member = viewer)."},
		"access":        stringEnum(accessLevels...),
		"public_access": stringEnum(publicAccessLevels...),
		"secret_ref": exactlyOne(object("", obj{
			"env":  obj{"type": "string", "pattern": envPattern, "description": "Read the secret from this environment variable."},
			"file": obj{"type": "string", "minLength": 1, "description": "Read the secret from this file."},
		}), "A reference to a secret, never its value: {env: NAME} or {file: PATH}."),
		"settings": object("Safety knobs.", obj{
			"min_admins":       obj{"type": "integer", "minimum": 0, "description": "At least this many admins must remain (default 1)."},
			"max_delete_ratio": obj{"type": "number", "exclusiveMinimum": 0, "maximum": 1, "description": "Mass-deletion guard: share of a kind (default 0.25)."},
			"max_delete_count": obj{"type": "integer", "minimum": 0, "description": "Mass-deletion guard: items of a kind (default 3)."},
			"secrets": object("What secret references may read, besides the variables and files hexform always refuses.", obj{
				"env":   arrayOf(obj{"type": "string", "minLength": 1}, "Patterns of the variables {env: NAME} may name, e.g. PG_*. Absent: any."),
				"files": arrayOf(obj{"type": "string", "minLength": 1}, "Directories, relative to the workspace file, that {file: PATH} may read under. Absent: the whole directory tree."),
			}),
		}),
		"domains": object("Allowed domains and the default role of their users.", obj{
			"allowed":      obj{"type": "array", "uniqueItems": true, "items": obj{"type": "string", "pattern": domainPattern, "maxLength": maxDomainLen}},
			"default_role": obj{"allOf": []any{ref("role"), obj{"not": obj{"type": "string", "pattern": caseInsensitive([]string{"admin"})}}}},
		}, "allowed"),
		"user": object("", obj{"email": ref("email"), "name": obj{"type": "string", "maxLength": MaxNameLen}, "role": ref("role")}, "email", "role"),
		"group": object("", obj{
			"name": ref("name"), "previously": ref("names"),
			"members": arrayOf(ref("email"), "Member emails. Absent: membership unmanaged."),
			"protect": boolean("Never delete this group."),
		}, "name"),
		"sharing": object("Who may use the connection.", obj{
			"workspace": object("", obj{"members": ref("access"), "guests": ref("access"), "public": ref("public_access")}),
			"groups":    obj{"type": "object", "additionalProperties": ref("access"), "description": "Group name: access."},
		}),
		"schema_refresh": schemaRefreshDef(),
		"package":        packageDef(),
		"tags": object("Project statuses and categories.", obj{
			"statuses": arrayOf(object("", obj{"name": ref("name"), "previously": ref("names"),
				"endorsed": boolean("An endorsed status."), "protect": boolean("Never delete this status.")}, "name"), ""),
			"categories": arrayOf(object("", obj{"name": ref("name"), "previously": ref("names"),
				"description": obj{"type": "string", "maxLength": MaxDescriptionLen}, "protect": boolean("Never delete this category.")}, "name"), ""),
		}),
	}
	ignore := obj{}
	for _, k := range ignoreKinds {
		ignore[k] = arrayOf(obj{"type": "string", "minLength": 1, "maxLength": MaxPatternLen}, "Glob patterns of "+k+" managed elsewhere.")
	}
	defs["ignore"] = object("Items managed elsewhere, by glob pattern per kind.", ignore)
	connectionDefs(defs)
	return defs
}

func packageDef() obj {
	return object("", obj{
		"name": ref("name"), "previously": ref("names"),
		"repository": obj{"type": "string", "pattern": repositoryPattern, "description": "owner/name on GitHub."},
		"ref": describeAs(obj{"type": "object", "additionalProperties": false, "minProperties": 1, "maxProperties": 1,
			"properties": obj{"branch": ref("name"), "tag": ref("name"), "commit": obj{"type": "string", "pattern": commitPattern}}},
			"Exactly one of branch, tag, commit (40 hex characters). Prefer a tag or commit."),
		"install": arrayOf(obj{"type": "string"}, "Install commands; absent: the repository is downloaded whole."),
		"protect": boolean("Never remove this package."),
	}, "name", "repository", "ref")
}

func schemaRefreshDef() obj {
	r := object("The connection's schema refresh schedule.", obj{
		"cadence":     stringEnum(cadences...),
		"enabled":     obj{"type": "boolean"},
		"hour":        intRange(0, 23),
		"minute":      intRange(0, 59),
		"day_of_week": stringEnum(weekdays...),
		"day":         intRange(1, 28),
		"cron":        obj{"type": "string", "pattern": `^\s*\S+(?:\s+\S+){4}\s*$`},
		"timezone":    obj{"type": "string", "minLength": 1, "description": "An IANA timezone, e.g. UTC."},
	}, "cadence")
	var rules []any
	for _, c := range cadences {
		rule := refreshFields[c]
		then := obj{}
		forbidden := obj{}
		for _, k := range refreshKeys {
			if k != "cadence" && k != "enabled" && !contains(rule.allowed, k) {
				forbidden[k] = false
			}
		}
		if len(forbidden) > 0 {
			then["properties"] = forbidden
		}
		if len(rule.required) > 0 {
			then["required"] = rule.required
		}
		rules = append(rules, obj{"if": obj{"properties": obj{"cadence": obj{"const": c}}, "required": []string{"cadence"}}, "then": then})
	}
	r["allOf"] = rules
	return r
}

// connectionDefs adds the connection and its per-type config and secrets.
func connectionDefs(defs obj) {
	var rules []any
	for _, typ := range ConnectionTypes {
		cfgProps, secProps := obj{}, obj{}
		var cfgReq, secReq []string
		for _, f := range connectionFields[typ] {
			if f.Secret {
				secProps[f.Name] = ref("secret_ref")
				if f.Required {
					secReq = append(secReq, f.Name)
				}
				continue
			}
			cfgProps[f.Name] = fieldSchema(f)
			if f.Required {
				cfgReq = append(cfgReq, f.Name)
			}
		}
		defs["config_"+typ] = object("Settings of a connection of type "+typ+".", cfgProps, cfgReq...)
		defs["secrets_"+typ] = object("Secrets of a connection of type "+typ+", by reference.", secProps, secReq...)
		then := obj{"properties": obj{"config": ref("config_" + typ), "secrets": ref("secrets_" + typ)}}
		if len(secReq) > 0 {
			then["required"] = []string{"secrets"}
		}
		rules = append(rules, obj{"if": obj{"properties": obj{"type": obj{"const": typ}}, "required": []string{"type"}}, "then": then})
	}
	c := object("", obj{
		"name": ref("name"), "previously": ref("names"),
		"type":                  stringEnum(ConnectionTypes...),
		"description":           obj{"type": "string", "maxLength": MaxDescriptionLen},
		"config":                obj{"type": "object", "description": "Connection settings; the keys depend on type."},
		"secrets":               obj{"type": "object", "description": "Secret settings by reference: {env: NAME} or {file: PATH}."},
		"sharing":               ref("sharing"),
		"schema_refresh":        ref("schema_refresh"),
		"include_magic":         boolean("Let Magic use this connection."),
		"allow_writeback_cells": boolean("Allow writeback cells."),
		"protect":               boolean("Never delete this connection."),
	}, "name", "type", "config")
	c["allOf"] = rules
	defs["connection"] = c
}

func fieldSchema(f ConnectionField) obj {
	switch {
	case f.Name == "port":
		return intRange(1, 65535)
	case f.Kind == FieldInt:
		return obj{"type": "integer", "minimum": 0, "maximum": int(^uint32(0) >> 1)}
	case f.Kind == FieldBool:
		return obj{"type": "boolean"}
	case f.Kind == FieldList:
		return arrayOf(object("", obj{"key": obj{"type": "string"}, "value": obj{"type": "string"}}, "key", "value"), "")
	}
	return obj{"type": "string", "minLength": 1}
}

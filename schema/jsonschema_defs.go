package schema

const (
	roleMsg        = "role is admin, manager, editor, explorer, viewer or guest (any case; author = editor, member = viewer)"
	defaultRoleMsg = "default_role is manager, editor, explorer, viewer or guest (any case; author = editor, member = viewer), not admin: give admins under users"
	secretRefMsg   = "a secret is a reference, never its value: exactly one of env or file, as {env: NAME} or {file: PATH}"
)

// schemaDefs are the definitions every section shares, and ignore's; each
// section adds its own (Section.schema).
func schemaDefs() obj {
	defs := obj{
		"name": obj{"type": "string", "pattern": `^\S(?:[\s\S]*\S)?$`, "maxLength": MaxNameLen,
			"description": "A name: not empty, no leading or trailing whitespace."},
		"names": arrayOf(ref("name"), "Former names: a rename, not a delete and a create."),
		"email": withError(obj{"type": "string", "pattern": emailPattern, "maxLength": MaxEmailLen},
			"an email address is needed here, e.g. alice@acme.com"),
		"role": described(roleSchema(roleNames(), roleMsg),
			"`admin`, `manager`, `editor`, `explorer`, `viewer` or `guest` (author = editor, member = viewer)."),
	}
	ignore := obj{}
	for _, k := range ignoreKinds {
		ignore[k] = arrayOf(obj{"type": "string", "minLength": 1, "maxLength": MaxPatternLen}, "Glob patterns of "+k+" managed elsewhere.")
	}
	defs["ignore"] = withError(object("Items managed elsewhere, by glob pattern per kind.", ignore),
		"ignore takes "+englishList(ignoreKinds, "and")+", each a list of glob patterns")
	return defs
}

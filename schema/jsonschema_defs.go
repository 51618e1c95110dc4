package schema

import "slices"

const (
	roleMsg        = "role is admin, manager, editor, explorer, viewer or guest (any case; author = editor, member = viewer)"
	defaultRoleMsg = "default_role is manager, editor, explorer, viewer or guest (any case; author = editor, member = viewer), not admin: give admins under users"
	secretRefMsg   = "a secret is a reference, never its value: exactly one of env or file, as {env: NAME} or {file: PATH}"
)

func schemaDefs() obj {
	roles := roleNames()
	defs := obj{
		"name": obj{"type": "string", "pattern": `^\S(?:[\s\S]*\S)?$`, "maxLength": MaxNameLen,
			"description": "A name: not empty, no leading or trailing whitespace."},
		"names": arrayOf(ref("name"), "Former names: a rename, not a delete and a create."),
		"email": withError(obj{"type": "string", "pattern": emailPattern, "maxLength": MaxEmailLen},
			"an email address is needed here, e.g. alice@acme.com"),
		"role": described(roleSchema(roles, roleMsg),
			"`admin`, `manager`, `editor`, `explorer`, `viewer` or `guest` (author = editor, member = viewer)."),
		"access": withError(stringEnum(accessLevels...), "access is none, query or view_results"),
		"public_access": withError(stringEnum(publicAccessLevels...),
			"public access is none or view_results"),
		"secret_ref": described(exactlyOneOf(obj{
			"env":  described(obj{"type": "string", "pattern": envPattern}, "Read the secret from this environment variable."),
			"file": described(obj{"type": "string", "minLength": 1}, "Read the secret from this file; a relative path is relative to the workspace file."),
		}, secretRefMsg), "A reference to a secret, never its value: `{env: NAME}` or `{file: PATH}`."),
		"settings": settingsDef(),
		"domains": object("Allowed domains and the default role of their users.", obj{
			"allowed": described(obj{"type": "array", "uniqueItems": true,
				"items": withError(obj{"type": "string", "pattern": domainPattern, "maxLength": maxDomainLen}, "a domain name is needed here, e.g. acme.com")},
				"Email domains whose users may join the workspace, e.g. `acme.com`."),
			"default_role": described(roleSchema(slices.DeleteFunc(slices.Clone(roles), func(r string) bool { return r == string(RoleAdmin) }), defaultRoleMsg),
				"The role an unlisted user of an allowed domain is expected to hold; never `admin`."),
		}, "allowed"),
		"user": object("", obj{
			"email": refDoc("email", "The user's email address; compared ignoring case."),
			"name":  described(obj{"type": "string", "maxLength": MaxNameLen}, "The user's display name."),
			"role":  refDoc("role", "The user's role: `admin`, `manager`, `editor`, `explorer`, `viewer` or `guest`."),
		}, "email", "role"),
		"group": object("", obj{
			"name": refDoc("name", "The group's name."), "previously": refDoc("names", "Former names: a rename, not a delete and a create."),
			"members": arrayOf(ref("email"), "Member emails. Absent: membership unmanaged."),
			"protect": protectDoc("group"),
		}, "name"),
		"sharing":        sharingDef(),
		"schema_refresh": schemaRefreshDef(),
		"package":        packageDef(),
		"tags":           tagsDef(),
	}
	ignore := obj{}
	for _, k := range ignoreKinds {
		ignore[k] = arrayOf(obj{"type": "string", "minLength": 1, "maxLength": MaxPatternLen}, "Glob patterns of "+k+" managed elsewhere.")
	}
	defs["ignore"] = withError(object("Items managed elsewhere, by glob pattern per kind.", ignore),
		"ignore takes "+englishList(ignoreKinds, "and")+", each a list of glob patterns")
	connectionDefs(defs)
	return defs
}

func settingsDef() obj {
	return object("Safety knobs.", obj{
		"min_admins": described(obj{"type": "integer", "minimum": 0}, "At least this many admins must remain (default `1`)."),
		"max_delete_ratio": described(obj{"type": "number", "exclusiveMinimum": 0, "maximum": 1},
			"Mass-deletion guard: `--allow-delete` without `--force` deletes no more than this share of a kind, unless within `max_delete_count` (default `0.25`)."),
		"max_delete_count": described(obj{"type": "integer", "minimum": 0},
			"Mass-deletion guard: up to this many items of a kind may go under `--allow-delete` whatever their share (default `3`)."),
		"secrets": described(object("What secret references may read, besides the variables and files hexform always refuses.", obj{
			"env": arrayOf(obj{"type": "string", "minLength": 1},
				"Patterns of the variables `{env: NAME}` may name, e.g. `PG_*`. Absent: any."),
			"files": arrayOf(obj{"type": "string", "minLength": 1},
				"Directories, relative to the workspace file, that `{file: PATH}` may read under. Absent: the whole directory tree."),
		}), "What secret references may read, besides the variables and files hexform always refuses."),
	})
}

func sharingDef() obj {
	return object("Who may use the connection.", obj{
		"workspace": described(object("", obj{
			"members": refDoc("access", "What workspace members may do: `none`, `query` or `view_results`."),
			"guests":  refDoc("access", "What guests may do: `none`, `query` or `view_results`."),
			"public":  refDoc("public_access", "What the public may do: `none` or `view_results`."),
		}), "Workspace-wide sharing. Absent: unmanaged."),
		"groups": described(obj{"type": "object", "additionalProperties": ref("access")},
			"Group name: access (`none`, `query` or `view_results`). Absent: unmanaged."),
	})
}

func tagsDef() obj {
	return object("Project statuses and categories.", obj{
		"statuses": arrayOf(object("", obj{
			"name": refDoc("name", "The status's name."), "previously": refDoc("names", "Former names: a rename keeps the projects' status."),
			"endorsed": boolean("An endorsed status."), "protect": protectDoc("status"),
		}, "name"), "Project statuses. Absent: unmanaged."),
		"categories": arrayOf(object("", obj{
			"name": refDoc("name", "The category's name."), "previously": refDoc("names", "Former names: a rename keeps the projects' category."),
			"description": described(obj{"type": "string", "maxLength": MaxDescriptionLen}, "What the category is for."),
			"protect":     protectDoc("category"),
		}, "name"), "Project categories. Absent: unmanaged."),
	})
}

func packageDef() obj {
	const refMsg = "ref takes exactly one of branch, tag or commit, e.g. {tag: v1.2.0}"
	return object("", obj{
		"name": refDoc("name", "The package's name in Hex."), "previously": refDoc("names", "Former names: a rename, not a delete and a create."),
		"repository": withError(described(obj{"type": "string", "pattern": repositoryPattern}, "`owner/name` on GitHub."),
			"repository is owner/name on GitHub, e.g. acme/hex-utils"),
		"ref": described(exactlyOneOf(obj{
			"branch": refDoc("name", "Follow this branch; it can change under you (a warning)."),
			"tag":    refDoc("name", "Pin this tag."),
			"commit": withError(described(obj{"type": "string", "pattern": commitPattern}, "Pin this commit: its full id, 40 hexadecimal characters."),
				"a commit is its full id: 40 hexadecimal characters"),
		}, refMsg), "Exactly one of `branch`, `tag`, `commit`. Prefer a tag or a commit."),
		"install": arrayOf(obj{"type": "string"}, "Install commands. Absent: unmanaged."),
		"protect": protectDoc("package"),
	}, "name", "repository", "ref")
}

func schemaRefreshDef() obj {
	r := object("The connection's schema refresh schedule.", obj{
		"cadence":     described(stringEnum(cadences...), "`hourly`, `daily`, `weekly`, `monthly` or `custom` (a cron expression)."),
		"enabled":     boolean("Whether the schedule runs."),
		"hour":        described(intRange(0, 23), "Hour of the day, 0 to 23 (daily, weekly, monthly)."),
		"minute":      described(intRange(0, 59), "Minute of the hour, 0 to 59 (daily, weekly, monthly)."),
		"day_of_week": described(stringEnum(weekdays...), "Day of the week, `sunday` to `saturday` (weekly)."),
		"day":         described(intRange(1, 28), "Day of the month, 1 to 28 (monthly)."),
		"cron":        described(obj{"type": "string", "pattern": `^\s*\S+(?:\s+\S+){4}\s*$`}, "A five-field cron expression (custom)."),
		"timezone":    described(obj{"type": "string", "minLength": 1}, "An IANA timezone, e.g. `UTC` or `Europe/Paris`."),
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

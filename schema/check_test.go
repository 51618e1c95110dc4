package schema

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// checkCase is a document (appended to base unless it starts with its own
// version or workspace line) and the diagnostics it must give, exactly: each want is
// "LINE:COL: severity: message substring", optionally followed by
// " | hint substring".
type checkCase struct {
	name string
	yaml string
	want []string
}

func runChecks(t *testing.T, cases []checkCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.yaml
			if !strings.HasPrefix(src, "version:") && !strings.HasPrefix(src, "workspace:") {
				src = base + src
			}
			ws, ds := Parse("w.yaml", []byte(src))
			if len(ds) != len(tc.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%s", len(ds), len(tc.want), short(ds))
			}
			for i, w := range tc.want {
				msg, hint, _ := strings.Cut(w, " | ")
				d := ds[i]
				prefix := fmt.Sprintf("%d:%d: %s: ", d.Line, d.Col, d.Severity)
				if !strings.HasPrefix(msg, prefix) || !strings.Contains(d.Message, strings.TrimPrefix(msg, prefix)) {
					t.Errorf("diagnostic %d = %s%s (hint %q), want %s", i, prefix, d.Message, d.Hint, msg)
				}
				if hint != "" && !strings.Contains(d.Hint, hint) {
					t.Errorf("diagnostic %d hint = %q, want it to contain %q", i, d.Hint, hint)
				}
			}
			if (ws == nil) != ds.HasErrors() {
				t.Errorf("workspace nil = %v with HasErrors = %v", ws == nil, ds.HasErrors())
			}
		})
	}
}

func TestStructureChecks(t *testing.T) {
	runChecks(t, []checkCase{
		{"valid", "users: [{email: a@acme.com, role: admin}]\n", nil},
		{"unknown top key", "group: []\n", []string{`3:1: error: unknown key "group" in the workspace file | did you mean "groups"?`}},
		{"unknown key lists valid keys", "settings: {colour: 1}\n", []string{`3:12: error: unknown key "colour" in settings | valid keys: min_admins, max_delete_ratio, max_delete_count`}},
		{"duplicate key", "groups: []\nworkspace: other\n", []string{`4:1: error: duplicate key "workspace" in the workspace file (first at line 2)`}},
		{"wrong type list", "users: {}\n", []string{`3:8: error: users must be a list, not a mapping`}},
		{"wrong type string", "version: 1\nworkspace: 2024\n", []string{`2:12: error: workspace must be a string, not a number | put it in quotes: "2024"`}},
		{"wrong type bool", "groups: [{name: A, protect: yes}]\n", []string{`3:29: error: protect must be true or false, not a string`}},
		{"missing version", "workspace: acme\n", []string{`1:1: error: missing version | add "version: 1"`}},
		{"unsupported version", "version: 2\nworkspace: acme\n", []string{`1:10: error: unsupported version 2 | reads version 1`}},
		{"version not a number", "version: one\nworkspace: acme\n", []string{`1:10: error: version must be a whole number, not a string`}},
		{"missing workspace", "version: 1\n", []string{`1:1: error: missing workspace name`}},
		{"empty workspace", "version: 1\nworkspace: ''\n", []string{`2:12: error: workspace is empty`}},
		{"missing required key", "users: [{email: a@acme.com}]\n", []string{`3:9: error: user is missing "role"`}},
		{"typo reported once", "users: [{emial: a@acme.com, role: admin}]\n", []string{`3:10: error: unknown key "emial" in user | did you mean "email"?`}},
		{"non-scalar key", "settings: {[a]: 1}\n", []string{`3:12: error: settings has a key that is a list`}},
		{"name spaces", "groups: [{name: ' A'}]\n", []string{`3:17: error: group name " A" has leading or trailing spaces`}},
	})
}

func TestSettingsChecks(t *testing.T) {
	runChecks(t, []checkCase{
		{"all set", "settings: {min_admins: 0, max_delete_ratio: 1, max_delete_count: 0}\n", nil},
		{"min_admins negative", "settings: {min_admins: -1}\n", []string{`3:24: error: min_admins must be 0 or more, not -1`}},
		{"min_admins fraction", "settings: {min_admins: 1.5}\n", []string{`3:24: error: min_admins must be a whole number, not a number`}},
		{"ratio zero", "settings: {max_delete_ratio: 0}\n", []string{`3:30: error: max_delete_ratio must be above 0 and at most 1, not 0`}},
		{"ratio above one", "settings: {max_delete_ratio: 1.01}\n", []string{`3:30: error: max_delete_ratio must be above 0 and at most 1`}},
		{"ratio not a number", "settings: {max_delete_ratio: half}\n", []string{`3:30: error: max_delete_ratio must be a number, not a string`}},
		{"count negative", "settings: {max_delete_count: -3}\n", []string{`3:30: error: max_delete_count must be 0 or more, not -3`}},
	})
}

func TestDomainChecks(t *testing.T) {
	runChecks(t, []checkCase{
		{"valid", "domains: {allowed: [acme.com, sub.acme.co.uk, xn--bcher-kva.example], default_role: guest}\n", nil},
		{"empty allowed", "domains: {allowed: []}\n", nil},
		{"bad syntax", "domains: {allowed: [acme, 'a b.com', -acme.com, acme.123]}\n", []string{
			`3:21: error: "acme" is not a domain name`, `3:27: error: "a b.com" is not a domain name`,
			`3:38: error: "-acme.com" is not a domain name`, `3:49: error: "acme.123" is not a domain name`}},
		{"at sign", "domains: {allowed: ['@acme.com']}\n", []string{`3:21: error: "@acme.com" is not a domain name | write the bare domain: acme.com`}},
		{"wildcard", "domains: {allowed: ['*.acme.com']}\n", []string{`3:21: error: "*.acme.com" is not a domain name | write the bare domain: acme.com`}},
		{"duplicate, any case", "domains: {allowed: [acme.com, ACME.COM]}\n", []string{`3:31: error: allowed domain "ACME.COM" is listed twice (first at line 3)`}},
		{"allowed missing", "domains: {default_role: viewer}\n", []string{`3:10: error: domains is missing "allowed"`}},
		{"default_role admin", "domains: {allowed: [acme.com], default_role: admin}\n", []string{`3:46: error: default_role may not be admin`}},
		{"default_role above viewer", "domains: {allowed: [acme.com], default_role: author}\n", []string{`3:46: warning: default_role editor gives everyone in an allowed domain more than viewer access`}},
		{"default_role explorer", "domains: {allowed: [acme.com], default_role: explorer}\n", []string{`3:46: warning: default_role explorer`}},
		{"default_role unknown", "domains: {allowed: [acme.com], default_role: viwer}\n", []string{`3:46: error: unknown role "viwer" | did you mean "viewer"?`}},
	})
}

func TestUserChecks(t *testing.T) {
	runChecks(t, []checkCase{
		{"aliases", "users: [{email: a@acme.com, role: admin}, {email: b@acme.com, role: member, name: Bob}]\n", nil},
		{"bad email", "users:\n  - {email: a@acme.com, role: admin}\n  - {email: 'Bob <b@acme.com>', role: viewer}\n  - {email: c@, role: viewer}\n", []string{
			`5:13: error: "Bob <b@acme.com>" is not an email address`, `6:13: error: "c@" is not an email address`}},
		{"duplicate, any case", "users:\n  - {email: a@acme.com, role: admin}\n  - {email: A@ACME.com, role: viewer}\n", []string{
			`5:5: error: duplicate user "A@ACME.com" (first listed at line 4)`}},
		{"unknown role", "users: [{email: a@acme.com, role: admn}]\n", []string{`3:35: error: unknown role "admn" | did you mean "admin"?`}},
		{"name not a string", "users: [{email: a@acme.com, role: admin, name: [A]}]\n", []string{`3:48: error: name must be a string, not a list`}},
	})
}

func TestMinAdminsCheck(t *testing.T) {
	runChecks(t, []checkCase{
		{"default one admin", "users: [{email: a@acme.com, role: viewer}]\n", []string{
			`3:1: error: users lists 0 admin(s); at least 1 are required (min_admins)`}},
		{"empty users", "users: []\n", []string{`3:1: error: users lists 0 admin(s); at least 1 are required`}},
		{"min_admins set", "settings: {min_admins: 2}\nusers: [{email: a@acme.com, role: admin}]\n", []string{
			`3:24: error: users lists 1 admin(s); at least 2 are required | lower settings.min_admins`}},
		{"min_admins zero", "settings: {min_admins: 0}\nusers: []\n", nil},
		{"users unmanaged", "settings: {min_admins: 3}\n", nil},
		{"bad role is not counted twice", "users: [{email: a@acme.com, role: adm}]\n", []string{`3:35: error: unknown role "adm"`}},
	})
}

func TestGroupChecks(t *testing.T) {
	users := "domains: {allowed: [acme.com]}\nusers: [{email: a@acme.com, role: admin}, {email: x@other.com, role: guest}]\n"
	runChecks(t, []checkCase{
		{"members listed or in domain", users + "groups: [{name: A, members: [A@acme.com, b@acme.com, X@other.com]}]\n", nil},
		{"member nowhere", users + "groups: [{name: A, members: [z@else.com]}]\n", []string{
			`5:30: error: member "z@else.com" of group "A" is neither a listed user nor in an allowed domain`}},
		{"member unknown, domains unmanaged", "users: [{email: a@acme.com, role: admin}]\ngroups: [{name: A, members: [z@else.com]}]\n", []string{
			`4:30: warning: member "z@else.com" of group "A" is not a listed user or in a listed domain`}},
		{"member not an email", "groups: [{name: A, members: [alice]}]\n", []string{`3:30: error: member "alice" is not an email address`}},
		{"member twice", users + "groups: [{name: A, members: [a@acme.com, A@acme.com]}]\n", []string{
			`5:42: error: member "A@acme.com" is listed twice in the group (first at line 5)`}},
		{"duplicate name", "groups:\n  - name: A\n  - name: A\n", []string{`5:5: error: duplicate group "A" (first at line 4)`}},
		{"names differing only in case", "groups:\n  - name: Data Science\n  - name: data science\n  - name: DATA science\n", []string{
			`5:5: warning: group "data science" differs from group "Data Science" (line 4) only in case`,
			`6:5: warning: group "DATA science" differs from group "Data Science" (line 4) only in case`}},
		{"previously is a current name", "groups:\n  - name: A\n  - {name: B, previously: [A]}\n", []string{
			`5:5: error: previously name "A" of group "B" is the name of another group (line 4)`}},
		{"previously own name", "groups: [{name: A, previously: [A]}]\n", []string{`3:10: error: group "A" lists its own name under previously`}},
		{"previously claimed twice", "groups:\n  - {name: A, previously: [Old]}\n  - {name: B, previously: [Old]}\n", []string{
			`5:5: error: previously name "Old" is claimed by two groups (first at line 4)`}},
		{"previously empty name", "groups: [{name: A, previously: ['']}]\n", []string{`3:33: error: previously holds an empty name`}},
	})
}

func TestTagAndPackageNameChecks(t *testing.T) {
	runChecks(t, []checkCase{
		{"duplicate status", "tags:\n  statuses: [{name: A}, {name: A}]\n", []string{`4:25: error: duplicate status "A" (first at line 4)`}},
		{"duplicate category", "tags:\n  categories: [{name: A}, {name: A}]\n", []string{`4:27: error: duplicate category "A"`}},
		{"status names differing only in case", "tags:\n  statuses: [{name: WIP}, {name: wip}]\n", []string{`4:27: warning: status "wip" differs from status "WIP" (line 4) only in case`}},
		{"category previously collides", "tags:\n  categories: [{name: A}, {name: B, previously: [A]}]\n", []string{
			`4:27: error: previously name "A" of category "B" is the name of another category`}},
		{"status endorsed not a bool", "tags:\n  statuses: [{name: A, endorsed: 1}]\n", []string{`4:34: error: endorsed must be true or false, not a number`}},
		{"unknown tags key", "tags: {status: []}\n", []string{`3:8: error: unknown key "status" in tags | did you mean "statuses"?`}},
		{"duplicate connection", "connections:\n" + pg("A") + pg("A"), []string{`9:5: error: duplicate connection "A" (first at line 4)`}},
		{"duplicate package", "packages:\n  - {name: p, repository: a/b, ref: {tag: v1}}\n  - {name: p, repository: a/c, ref: {tag: v1}}\n", []string{
			`5:5: error: duplicate package "p" (first at line 4)`}},
	})
}

// pg is a valid postgres connection item.
func pg(name string) string {
	return "  - name: " + name + "\n    type: postgres\n    config: {hostname: h, port: 5432, database: d, username: u}\n" +
		"    secrets: {password: {env: PGPASSWORD}}\n    protect: true\n"
}

func TestPackageChecks(t *testing.T) {
	runChecks(t, []checkCase{
		{"tag", "packages: [{name: p, repository: acme/utils, ref: {tag: v1.4.2}, install: []}]\n", nil},
		{"commit", "packages: [{name: p, repository: acme/utils, ref: {commit: 3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345}}]\n", nil},
		{"branch warns", "packages: [{name: p, repository: acme/utils, ref: {branch: main}}]\n", []string{
			`3:60: warning: package follows branch "main" | pin a tag or a commit`}},
		{"repository form", "packages: [{name: p, repository: utils, ref: {tag: v1}}]\n", []string{
			`3:34: error: repository "utils" is not of the form owner/name`}},
		{"repository url", "packages: [{name: p, repository: 'https://github.com/a/b', ref: {tag: v1}}]\n", []string{
			`3:34: error: repository "https://github.com/a/b" is not of the form owner/name`}},
		{"short commit", "packages: [{name: p, repository: a/b, ref: {commit: 3f9c2a1}}]\n", []string{
			`3:53: error: commit "3f9c2a1" is not 40 hex characters`}},
		{"two refs", "packages: [{name: p, repository: a/b, ref: {tag: v1, commit: 3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345}}]\n", []string{
			`3:44: error: ref must name exactly one of branch, tag, commit, not 2`}},
		{"no ref kind", "packages: [{name: p, repository: a/b, ref: {}}]\n", []string{`3:44: error: ref must name exactly one of branch, tag, commit, not 0`}},
		{"missing ref", "packages: [{name: p, repository: a/b}]\n", []string{`3:12: error: package is missing "ref"`}},
		{"numeric tag", "packages: [{name: p, repository: a/b, ref: {tag: 1.5}}]\n", []string{
			`3:50: error: tag must be a string, not a number | put it in quotes: "1.5"`}},
		{"install not a list", "packages: [{name: p, repository: a/b, ref: {tag: v1}, install: pip install .}]\n", []string{
			`3:64: error: install must be a list, not a string`}},
	})
}

func TestIgnoreAndConfirmChecks(t *testing.T) {
	runChecks(t, []checkCase{
		{"valid", "ignore: {users: ['*@contractor.example'], groups: [scim-*], domains: ['*.test']}\nconfirm: [delete connection/Legacy Redshift, deactivate user/bob@acme.com]\n", nil},
		{"singular kind", "ignore: {user: ['*']}\n", []string{`3:10: error: unknown key "user" in ignore | did you mean "users"?`}},
		{"listed item ignored", "users: [{email: Ivan@Contractor.example, role: admin}, {email: a@acme.com, role: admin}]\ngroups: [{name: scim-new}, {name: Data}]\ntags: {statuses: [{name: Sys X}]}\nignore: {users: ['*@contractor.example'], groups: [scim-*], statuses: ['Sys *']}\n", []string{
			`3:9: warning: user "Ivan@Contractor.example" matches ignore.users pattern "*@contractor.example": hexform leaves it alone, so this entry has no effect | remove it from users:, or narrow the pattern so hexform manages it`,
			`4:10: warning: group "scim-new" matches ignore.groups pattern "scim-*": hexform leaves it alone, so this entry has no effect`,
			`5:19: warning: status "Sys X" matches ignore.statuses pattern "Sys *": hexform leaves it alone, so this entry has no effect`}},
		{"bad glob", "ignore: {groups: ['scim-[']}\n", []string{`3:19: error: "scim-[" is not a valid glob pattern`}},
		{"empty pattern", "ignore: {groups: ['']}\n", []string{`3:19: error: "" is not a valid glob pattern`}},
		{"bad confirm", "confirm: [remove group/Old, delete group, delete grp/X, 'delete group/']\n", []string{
			`3:11: error: confirm entry "remove group/Old" is not of the form "<verb> <kind>/<name>"`,
			`3:29: error: confirm entry "delete group" is not of the form`,
			`3:43: error: confirm entry "delete grp/X" has an unknown kind "grp" | the kinds are user, setting, domain, group, connection, package, collection, status, category`,
			`3:57: error: confirm entry "delete group/" is not of the form`}},
		{"misspelt confirm", "confirm: [delete conection/Legacy Redshift, delte group/Old, remove groups/Old, delete groups/Old]\n", []string{
			`3:11: error: confirm entry "delete conection/Legacy Redshift" has an unknown kind "conection" | did you mean "delete connection/Legacy Redshift"?`,
			`3:45: error: confirm entry "delte group/Old" has an unknown action "delte" | did you mean "delete group/Old"?`,
			`3:62: error: confirm entry "remove groups/Old" is not of the form "<verb> <kind>/<name>"`,
			`3:81: error: confirm entry "delete groups/Old" has an unknown kind "groups" | did you mean "delete group/Old"?`}},
		{"duplicate confirm", "confirm:\n  - delete group/Old\n  - delete group/Old\n", []string{
			`5:5: warning: confirm entry "delete group/Old" is listed twice (first at line 4)`}},
		{"confirm not a string", "confirm: [{delete: x}]\n", []string{`3:11: error: confirm entry must be a string, not a mapping`}},
	})
}

// TestFiveMistakes: five mistakes on five lines give five messages, each
// at its line and column, all at once and in order.
func TestFiveMistakes(t *testing.T) {
	src := doc(
		"version: 1",
		"workspace: acme",
		"users:",
		"  - {email: alice@acme.com, role: admin}",
		"  - {email: bob@acme, role: editor}",      // 5: bad email
		"  - {email: carol@acme.com, role: edtor}", // 6: unknown role
		"groups:",
		"  - name: Data Science",
		"    membrs: [alice@acme.com]", // 9: unknown key
		"packages:",
		"  - {name: u, repository: a/u, ref: {commit: abc123}}", // 11: short commit
		"confirm:",
		"  - remove group/Old", // 13: bad confirm
	)
	_, ds := Parse("five.yaml", []byte(src))
	want := "5:13: error: \"bob@acme\" is not an email address\n" +
		"6:35: error: unknown role \"edtor\"\n" +
		"9:5: error: unknown key \"membrs\" in group\n" +
		"11:46: error: commit \"abc123\" is not 40 hex characters\n" +
		"13:5: error: confirm entry \"remove group/Old\" is not of the form \"<verb> <kind>/<name>\"\n"
	if got := short(ds); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if err := ds.Err(); err == nil || strings.Count(err.Error(), ": error: ") != 5 {
		t.Errorf("Err() = %v, want the five errors", err)
	}
}

// TestChangeWordsMatchConfirmPattern: the words badConfirm suggests from are
// the ones the pattern (and so the JSON Schema) accepts.
func TestChangeWordsMatchConfirmPattern(t *testing.T) {
	built := "^(?:" + strings.Join(changeVerbs, "|") + ") (?:" + strings.Join(changeKinds, "|") + ")/.+$"
	if built != confirmPattern {
		t.Errorf("changeVerbs and changeKinds give\n%s\nbut confirmPattern is\n%s", built, confirmPattern)
	}
}

// TestIgnoreAtScale: thousands of ignore patterns that are plain names are
// looked up, not tried one by one against every user; patterns with
// wildcards are limited to MaxIgnoreGlobs per kind.
func TestIgnoreAtScale(t *testing.T) {
	var b strings.Builder
	b.WriteString(base + "users:\n")
	const n = 10000
	for i := range n {
		fmt.Fprintf(&b, "  - {email: u%d@acme.com, role: admin}\n", i)
	}
	b.WriteString("ignore:\n  users:\n")
	for i := range n {
		fmt.Fprintf(&b, "    - U%d@ACME.COM\n", i+n/2) // half of them match, in another case
	}
	start := time.Now()
	_, ds := Parse("w.yaml", []byte(b.String()))
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("Parse took %v, want well under 2s", took)
	}
	if got := ds.Count(SeverityWarning); got != n/2 {
		t.Errorf("%d warnings, want %d:\n%s", got, n/2, short(ds[:min(len(ds), 5)]))
	}
	if ds.HasErrors() {
		t.Errorf("errors:\n%s", short(ds.Errors()[:1]))
	}

	var g strings.Builder
	g.WriteString(base + "ignore:\n  groups:\n")
	for i := range MaxIgnoreGlobs + 1 {
		fmt.Fprintf(&g, "    - 'team-%d-*'\n", i)
	}
	_, ds = Parse("w.yaml", []byte(g.String()))
	want := fmt.Sprintf("%d:7: error: ignore.groups holds more than %d patterns with wildcards\n", MaxIgnoreGlobs+5, MaxIgnoreGlobs)
	if got := short(ds); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

// TestTooManyIgnoreGlobsStaysFast: a file refused for its wildcard
// patterns is not checked against all of them.
func TestTooManyIgnoreGlobsStaysFast(t *testing.T) {
	var b strings.Builder
	b.WriteString(base + "users:\n")
	const n = 10000
	for i := range n {
		fmt.Fprintf(&b, "  - {email: u%d@acme.com, role: admin}\n", i)
	}
	b.WriteString("ignore:\n  users:\n")
	for i := range n {
		fmt.Fprintf(&b, "    - 'x%d*'\n", i)
	}
	start := time.Now()
	_, ds := Parse("w.yaml", []byte(b.String()))
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("Parse took %v, want well under 2s", took)
	}
	if got := ds.Count(SeverityError); got != 1 {
		t.Errorf("%d errors, want 1 (too many wildcard patterns)", got)
	}
}

// TestIgnoreMatcher: the one ignore: rule validate and the diff share.
func TestIgnoreMatcher(t *testing.T) {
	for _, tc := range []struct {
		section, pattern, name string
		want                   bool
	}{
		{"users", "*@Contractor.example", "ann@contractor.EXAMPLE", true},
		{"domains", "Acme.com", "acme.com", true},
		{"groups", "scim-*", "scim-eng", true},
		{"groups", "SCIM-*", "scim-eng", false},
		{"groups", "Ops", "Ops", true},
		{"connections", "Legacy ?", "Legacy AB", false},
	} {
		if _, got := NewIgnoreMatcher(tc.section, []string{tc.pattern}).Match(tc.name); got != tc.want {
			t.Errorf("ignore.%s %q matches %q: %v, want %v", tc.section, tc.pattern, tc.name, got, tc.want)
		}
	}
	if _, got := (*IgnoreMatcher)(nil).Match("x"); got {
		t.Error("a nil matcher matches")
	}
}

package schema

import (
	"strings"
	"testing"
)

const messyWorkspace = `# yaml-language-server: $schema=./workspace.schema.json
# top of the file
workspace: demo
users:
    # the second admin
    - role: admin
      email: Zed@example.com
    - {role: admin, email: amy@example.com}   # first admin
version: 1
packages:
    - repository: demo/tools
      name: tools
      install: [zsh setup, a-first]
      ref: {tag: v1}
groups:
    - members: [zed@example.com, Amy@example.com]
      name: Team B
      previously: [Old B, Ancient B]
    - name: Team A    # sorted first
connections:
    - type: postgres
      name: db
      config: {username: hex, database: app, port: 5432, hostname: db.internal}
      secrets: {password: {env: PGPASS}}
confirm: [delete group/Zeta, delete group/Alpha]
ignore:
    users: ["*@z.example", "*@a.example"]
    groups: [scim-*]
`

const messyFormatted = `# yaml-language-server: $schema=./workspace.schema.json
# top of the file

version: 1
workspace: demo

users:
  - {email: amy@example.com, role: admin} # first admin
  # the second admin
  - email: Zed@example.com
    role: admin

groups:
  - name: Team A # sorted first
  - name: Team B
    previously: [Ancient B, Old B]
    members: [Amy@example.com, zed@example.com]

connections:
  - name: db
    type: postgres
    config: {hostname: db.internal, port: 5432, database: app, username: hex}
    secrets: {password: {env: PGPASS}}

packages:
  - name: tools
    repository: demo/tools
    ref: {tag: v1}
    install: [zsh setup, a-first]

ignore:
  groups: [scim-*]
  users: ["*@a.example", "*@z.example"]

confirm: [delete group/Alpha, delete group/Zeta]
`

func TestFormatCanonicalOrder(t *testing.T) {
	out := checkFormat(t, "messy.yaml", []byte(messyWorkspace))
	if string(out) != messyFormatted {
		t.Errorf("Format:\n%s\nwant:\n%s", out, messyFormatted)
	}
}

func TestFormatRefusesInvalidFile(t *testing.T) {
	bad := "version: 1\nworkspace: x\nusers:\n  - email: a@x.com\n    role: admin\n    colour: red\n"
	out, diags := Format("bad.yaml", []byte(bad), Options{})
	if out != nil || !diags.HasErrors() {
		t.Fatalf("Format = %q, %v; want the errors", out, diags)
	}
	if got := diags[0].String(); !strings.Contains(got, "bad.yaml:6:5") || !strings.Contains(got, "colour") {
		t.Errorf("diagnostic %q does not name the unknown key's position", got)
	}
}

// An alias moved before its anchor cannot be written; Format says so
// instead of writing a file that no longer parses.
func TestFormatAliasBeforeAnchor(t *testing.T) {
	in := "version: 1\nworkspace: x\nusers:\n  - {email: b@x.com, role: &r admin}\n  - {email: a@x.com, role: *r}\n"
	out, diags := Format("alias.yaml", []byte(in), Options{})
	if out != nil || !diags.HasErrors() {
		t.Fatalf("Format = %q, %v; want a refusal", out, diags)
	}
	if got := diags[0].String(); !strings.Contains(got, "alias.yaml:5:28: error: the alias *r would come before its anchor &r once sorted") || !strings.Contains(got, "hint: write the value in place of the alias") {
		t.Errorf("refusal %q does not name the alias and its fix", got)
	}
}

func TestFormatAliasAfterAnchorKept(t *testing.T) {
	in := "version: 1\nworkspace: x\nusers:\n  - {email: a@x.com, role: &r admin}\n  - {email: b@x.com, role: *r}\n"
	checkFormat(t, "alias.yaml", []byte(in))
}

// The comment ending the file stays at the end; block scalars and long
// lines are kept as written.
func TestFormatKeepsFileEndAndScalars(t *testing.T) {
	long := strings.Repeat("a long description ", 6) + "end"
	in := "workspace: edge\nversion: 1\ntags:\n  categories:\n    - name: Zeta\n      description: " + long +
		"\n    - name: Alpha\n      description: |\n        two\n        lines\n" +
		"packages:\n  - name: p\n    repository: a/b\n    ref: {tag: v1}\n    install:\n      - |\n        pip install .\n        echo done\n" +
		"# closing remark\n"
	want := "version: 1\nworkspace: edge\n\npackages:\n  - name: p\n    repository: a/b\n    ref: {tag: v1}\n    install:\n      - |\n        pip install .\n        echo done\n\n" +
		"tags:\n  categories:\n    - name: Alpha\n      description: |\n        two\n        lines\n    - name: Zeta\n      description: " + long + "\n" +
		"\n# closing remark\n"
	if out := checkFormat(t, "edge.yaml", []byte(in)); string(out) != want {
		t.Errorf("Format:\n%s\nwant:\n%s", out, want)
	}
}

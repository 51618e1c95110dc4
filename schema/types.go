package schema

// Pos is a position in a workspace file, 1-based. The zero Pos means unknown.
type Pos struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"column,omitempty"`
}

// Role is a normalised workspace role: one of the Role* constants.
type Role string

// Roles, lowest privilege first. The admin panel's older names are accepted by
// the loader as aliases: "author" = editor, "member" = viewer.
const (
	RoleGuest    Role = "guest"
	RoleViewer   Role = "viewer"
	RoleExplorer Role = "explorer"
	RoleEditor   Role = "editor"
	RoleManager  Role = "manager"
	RoleAdmin    Role = "admin"
)

// Roles lists every role, lowest privilege first.
var Roles = []Role{RoleGuest, RoleViewer, RoleExplorer, RoleEditor, RoleManager, RoleAdmin}

// Rank orders roles by privilege: guest 0 … admin 5; -1 for an unknown role.
func (r Role) Rank() int {
	for i, x := range Roles {
		if x == r {
			return i
		}
	}
	return -1
}

// Workspace is a whole workspace.yaml document. Its fields' order is the
// order of the file's top-level keys (keysOf); each section's type and
// rules are in its kind_<kind>.go file (see Section).
//
// Nil means "absent from the file" for every section, list and pointer below:
// an absent section or attribute is unmanaged.
type Workspace struct {
	Version     int                 `yaml:"version" json:"version"`
	Workspace   string              `yaml:"workspace" json:"workspace"`
	Settings    *Settings           `yaml:"settings,omitempty" json:"settings,omitempty"`
	Domains     *Domains            `yaml:"domains,omitempty" json:"domains,omitempty"`
	Users       []User              `yaml:"users,omitempty" json:"users,omitempty"`
	Groups      []Group             `yaml:"groups,omitempty" json:"groups,omitempty"`
	Connections []Connection        `yaml:"connections,omitempty" json:"connections,omitempty"`
	Packages    []Package           `yaml:"packages,omitempty" json:"packages,omitempty"`
	Collections []Collection        `yaml:"collections,omitempty" json:"collections,omitempty"`
	Tags        *Tags               `yaml:"tags,omitempty" json:"tags,omitempty"`
	Ignore      map[string][]string `yaml:"ignore,omitempty" json:"ignore,omitempty"` // kind ("users", "groups", ...) -> glob patterns
	Confirm     []string            `yaml:"confirm,omitempty" json:"confirm,omitempty"`

	// File is the path the document was loaded from ("" when built in code).
	File string `yaml:"-" json:"-"`
	// ConfirmPos holds the position of each Confirm entry, index for index.
	ConfirmPos []Pos `yaml:"-" json:"-"`
}

// SecretRef names where a secret comes from; exactly one field is set. The
// value itself is resolved at apply time and never stored or printed. A
// relative File is relative to the workspace file's directory.
type SecretRef struct {
	Env  string `yaml:"env,omitempty" json:"env,omitempty"`
	File string `yaml:"file,omitempty" json:"file,omitempty"`
}

// String describes the reference (never the value), e.g. "env:PGPASSWORD".
func (r SecretRef) String() string {
	if r.Env != "" {
		return "env:" + r.Env
	}
	return "file:" + r.File
}

// On reports whether an optional flag is set to true (nil is false).
func On(b *bool) bool { return b != nil && *b }

// ParseSecretRef reads back SecretRef.String(): "env:NAME" or "file:PATH".
func ParseSecretRef(s string) (SecretRef, bool) {
	switch {
	case len(s) > 4 && s[:4] == "env:":
		return SecretRef{Env: s[4:]}, true
	case len(s) > 5 && s[:5] == "file:":
		return SecretRef{File: s[5:]}, true
	}
	return SecretRef{}, false
}

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

// Workspace is a whole workspace.yaml document.
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
	Tags        *Tags               `yaml:"tags,omitempty" json:"tags,omitempty"`
	Ignore      map[string][]string `yaml:"ignore,omitempty" json:"ignore,omitempty"` // kind ("users", "groups", ...) -> glob patterns
	Confirm     []string            `yaml:"confirm,omitempty" json:"confirm,omitempty"`

	// File is the path the document was loaded from ("" when built in code).
	File string `yaml:"-" json:"-"`
	// ConfirmPos holds the position of each Confirm entry, index for index.
	ConfirmPos []Pos `yaml:"-" json:"-"`
}

// Settings are the safety knobs. Nil fields take the defaults below.
type Settings struct {
	MinAdmins      *int     `yaml:"min_admins,omitempty" json:"min_admins,omitempty"`
	MaxDeleteRatio *float64 `yaml:"max_delete_ratio,omitempty" json:"max_delete_ratio,omitempty"`
	MaxDeleteCount *int     `yaml:"max_delete_count,omitempty" json:"max_delete_count,omitempty"`
	// Secrets limits what secret references may read (check_secrets.go).
	Secrets *SecretSettings `yaml:"secrets,omitempty" json:"secrets,omitempty"`
}

// Defaults for Settings.
const (
	DefaultMinAdmins      = 1
	DefaultMaxDeleteRatio = 0.25
	DefaultMaxDeleteCount = 3
)

// MinAdminsOrDefault returns settings.min_admins or its default; s may be nil.
func (s *Settings) MinAdminsOrDefault() int {
	if s == nil || s.MinAdmins == nil {
		return DefaultMinAdmins
	}
	return *s.MinAdmins
}

// MaxDeleteRatioOrDefault returns settings.max_delete_ratio or its default; s may be nil.
func (s *Settings) MaxDeleteRatioOrDefault() float64 {
	if s == nil || s.MaxDeleteRatio == nil {
		return DefaultMaxDeleteRatio
	}
	return *s.MaxDeleteRatio
}

// MaxDeleteCountOrDefault returns settings.max_delete_count or its default; s may be nil.
func (s *Settings) MaxDeleteCountOrDefault() int {
	if s == nil || s.MaxDeleteCount == nil {
		return DefaultMaxDeleteCount
	}
	return *s.MaxDeleteCount
}

// Domains is the admin panel's "Allowed domains & user settings".
type Domains struct {
	Allowed     []string `yaml:"allowed" json:"allowed"` // lower-case domain names
	DefaultRole Role     `yaml:"default_role,omitempty" json:"default_role,omitempty"`
	Pos         Pos      `yaml:"-" json:"-"`
}

// User is an explicit role assignment.
type User struct {
	Email string  `yaml:"email" json:"email"` // as written; compare with strings.EqualFold / lower-case
	Name  *string `yaml:"name,omitempty" json:"name,omitempty"`
	Role  Role    `yaml:"role" json:"role"` // normalised (aliases resolved)
	Pos   Pos     `yaml:"-" json:"-"`
}

// Group is a named set of users.
type Group struct {
	Name       string   `yaml:"name" json:"name"`
	Previously []string `yaml:"previously,omitempty" json:"previously,omitempty"`
	Members    []string `yaml:"members,omitempty" json:"members,omitempty"` // emails; nil = membership unmanaged
	Protect    *bool    `yaml:"protect,omitempty" json:"protect,omitempty"`
	Pos        Pos      `yaml:"-" json:"-"`
}

// Connection types, as the Hex API spells them.
var ConnectionTypes = []string{"athena", "bigquery", "clickhouse", "databricks", "postgres", "redshift", "snowflake", "trino"}

// Connection is a shared data connection.
type Connection struct {
	Name        string               `yaml:"name" json:"name"`
	Previously  []string             `yaml:"previously,omitempty" json:"previously,omitempty"`
	Type        string               `yaml:"type" json:"type"`
	Description *string              `yaml:"description,omitempty" json:"description,omitempty"`
	Config      map[string]any       `yaml:"config,omitempty" json:"config,omitempty"`   // snake_case connectionDetails fields: string, int, bool or []any
	Secrets     map[string]SecretRef `yaml:"secrets,omitempty" json:"secrets,omitempty"` // write-only fields, by reference
	Sharing     *Sharing             `yaml:"sharing,omitempty" json:"sharing,omitempty"`

	SchemaRefresh       *SchemaRefresh `yaml:"schema_refresh,omitempty" json:"schema_refresh,omitempty"`
	IncludeMagic        *bool          `yaml:"include_magic,omitempty" json:"include_magic,omitempty"`
	AllowWritebackCells *bool          `yaml:"allow_writeback_cells,omitempty" json:"allow_writeback_cells,omitempty"`

	Protect *bool `yaml:"protect,omitempty" json:"protect,omitempty"`
	Pos     Pos   `yaml:"-" json:"-"`
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

// Access levels for connection sharing.
const (
	AccessNone        = "none"
	AccessQuery       = "query"
	AccessViewResults = "view_results"
)

// Sharing is who may use a connection. Nil fields are unmanaged.
type Sharing struct {
	Workspace *WorkspaceSharing `yaml:"workspace,omitempty" json:"workspace,omitempty"`
	Groups    map[string]string `yaml:"groups,omitempty" json:"groups,omitempty"` // group name -> access
}

// WorkspaceSharing is the workspace-wide sharing of a connection.
type WorkspaceSharing struct {
	Members *string `yaml:"members,omitempty" json:"members,omitempty"`
	Guests  *string `yaml:"guests,omitempty" json:"guests,omitempty"`
	Public  *string `yaml:"public,omitempty" json:"public,omitempty"` // none|view_results
}

// SchemaRefresh is a connection's schema refresh schedule.
type SchemaRefresh struct {
	Cadence   string `yaml:"cadence" json:"cadence"` // hourly|daily|weekly|monthly|custom
	Enabled   *bool  `yaml:"enabled,omitempty" json:"enabled,omitempty"`
	Hour      *int   `yaml:"hour,omitempty" json:"hour,omitempty"`
	Minute    *int   `yaml:"minute,omitempty" json:"minute,omitempty"`
	DayOfWeek string `yaml:"day_of_week,omitempty" json:"day_of_week,omitempty"` // weekly: sunday..saturday
	Day       *int   `yaml:"day,omitempty" json:"day,omitempty"`                 // monthly: 1..28
	Cron      string `yaml:"cron,omitempty" json:"cron,omitempty"`               // custom
	Timezone  string `yaml:"timezone,omitempty" json:"timezone,omitempty"`
}

// Package is a GitHub package installed in the workspace.
type Package struct {
	Name       string   `yaml:"name" json:"name"`
	Previously []string `yaml:"previously,omitempty" json:"previously,omitempty"`
	Repository string   `yaml:"repository" json:"repository"` // owner/name
	Ref        Ref      `yaml:"ref" json:"ref"`
	Install    []string `yaml:"install,omitempty" json:"install,omitempty"` // nil = unmanaged
	Protect    *bool    `yaml:"protect,omitempty" json:"protect,omitempty"`
	Pos        Pos      `yaml:"-" json:"-"`
}

// Ref pins a package: exactly one field is set.
type Ref struct {
	Branch string `yaml:"branch,omitempty" json:"branch,omitempty"`
	Tag    string `yaml:"tag,omitempty" json:"tag,omitempty"`
	Commit string `yaml:"commit,omitempty" json:"commit,omitempty"`
}

// String renders the ref as "tag:v1.2.0", "branch:main" or "commit:<sha>".
func (r Ref) String() string {
	switch {
	case r.Tag != "":
		return "tag:" + r.Tag
	case r.Commit != "":
		return "commit:" + r.Commit
	case r.Branch != "":
		return "branch:" + r.Branch
	}
	return ""
}

// Tags holds project statuses and categories; nil lists are unmanaged.
type Tags struct {
	Statuses   []Status   `yaml:"statuses,omitempty" json:"statuses,omitempty"`
	Categories []Category `yaml:"categories,omitempty" json:"categories,omitempty"`
}

// Status is a project status definition.
type Status struct {
	Name       string   `yaml:"name" json:"name"`
	Previously []string `yaml:"previously,omitempty" json:"previously,omitempty"`
	Endorsed   *bool    `yaml:"endorsed,omitempty" json:"endorsed,omitempty"`
	Protect    *bool    `yaml:"protect,omitempty" json:"protect,omitempty"`
	Pos        Pos      `yaml:"-" json:"-"`
}

// Category is a project category definition.
type Category struct {
	Name        string   `yaml:"name" json:"name"`
	Previously  []string `yaml:"previously,omitempty" json:"previously,omitempty"`
	Description *string  `yaml:"description,omitempty" json:"description,omitempty"`
	Protect     *bool    `yaml:"protect,omitempty" json:"protect,omitempty"`
	Pos         Pos      `yaml:"-" json:"-"`
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

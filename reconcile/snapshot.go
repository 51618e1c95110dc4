package reconcile

import (
	"github.com/hexform/hexform/schema"
)

// Kind is a resource kind, as used in change ids ("group", "user", ...).
type Kind string

// Kinds, in apply (dependency) order.
const (
	KindUser       Kind = "user"
	KindSetting    Kind = "setting" // workspace-wide settings: setting/default_role
	KindDomain     Kind = "domain"
	KindGroup      Kind = "group"
	KindConnection Kind = "connection"
	KindPackage    Kind = "package"
	KindStatus     Kind = "status"
	KindCategory   Kind = "category"
)

// Snapshot is the current state of a workspace as a target reads it,
// normalised: emails and domains lower-case, roles as schema.Role, lists
// sorted by name. It is also the file target's on-disk document.
type Snapshot struct {
	// Revision counts writes to the file target; other targets leave it 0.
	Revision int64 `json:"revision"`

	Users       []UserState       `json:"users"`
	Groups      []GroupState      `json:"groups"`
	Domains     DomainState       `json:"domains"`
	Connections []ConnectionState `json:"connections"`
	Packages    []PackageState    `json:"packages"`
	Statuses    []StatusState     `json:"statuses"`
	Categories  []CategoryState   `json:"categories"`

	// Unreadable lists the kinds the target cannot read (their fields above are
	// empty and mean nothing); changes to them are "unverifiable".
	Unreadable []Kind `json:"unreadable,omitempty"`
	// Actor is the email of the identity applying changes, when the target knows it.
	Actor string `json:"actor,omitempty"`
}

// Protected (on groups, connections, packages, statuses and categories) records
// that the item was applied with `protect: true`. The state remembers it, so
// removing an item and its protect flag in one edit cannot delete it: the
// protection must first be lifted by an apply of its own.

// UserState is a workspace user. Deactivated users stay with Active false.
type UserState struct {
	ID     string      `json:"id"`
	Email  string      `json:"email"`
	Name   string      `json:"name,omitempty"`
	Role   schema.Role `json:"role"`
	Active bool        `json:"active"`
}

// GroupState is a group and its members (lower-case emails, sorted).
type GroupState struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Members   []string `json:"members"`
	Protected bool     `json:"protected,omitempty"`
}

// DomainState is the allowed-domains setting.
type DomainState struct {
	Allowed     []string    `json:"allowed"`
	DefaultRole schema.Role `json:"default_role,omitempty"`
}

// ConnectionState is a shared data connection. Secret values are never held:
// Secrets maps each secret field to a keyed fingerprint of its value, or to ""
// when the target can say only that the field is set (Hex). SecretRefs maps
// each secret field to the reference it was last set from (env:NAME or
// file:PATH), where the target keeps it (the file target; Hex cannot).
type ConnectionState struct {
	ID                  string                `json:"id"`
	Name                string                `json:"name"`
	Type                string                `json:"type"`
	Description         string                `json:"description,omitempty"`
	Config              map[string]any        `json:"config,omitempty"`
	Secrets             map[string]string     `json:"secrets,omitempty"`
	SecretRefs          map[string]string     `json:"secret_refs,omitempty"`
	Sharing             SharingState          `json:"sharing"`
	SchemaRefresh       *schema.SchemaRefresh `json:"schema_refresh,omitempty"`
	IncludeMagic        bool                  `json:"include_magic,omitempty"`
	AllowWritebackCells bool                  `json:"allow_writeback_cells,omitempty"`
	Protected           bool                  `json:"protected,omitempty"`
}

// SharingState is a connection's sharing. Access levels use the schema.Access* names.
type SharingState struct {
	Members string            `json:"members"`
	Guests  string            `json:"guests"`
	Public  string            `json:"public"`
	Groups  map[string]string `json:"groups,omitempty"` // group name -> access
}

// PackageState is an installed GitHub package.
type PackageState struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Repository string     `json:"repository"`
	Ref        schema.Ref `json:"ref"`
	Install    []string   `json:"install,omitempty"`
	Protected  bool       `json:"protected,omitempty"`
}

// StatusState is a project status definition.
type StatusState struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Endorsed  bool   `json:"endorsed,omitempty"`
	Protected bool   `json:"protected,omitempty"`
}

// CategoryState is a project category definition.
type CategoryState struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Protected   bool   `json:"protected,omitempty"`
}

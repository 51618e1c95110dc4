package reconcile

// Kind is a resource kind, as used in change ids ("group", "user", ...).
type Kind string

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
	Collections []CollectionState `json:"collections"`
	Statuses    []StatusState     `json:"statuses"`
	Categories  []CategoryState   `json:"categories"`

	// Unreadable lists the kinds the target cannot read (their fields above are
	// empty and mean nothing); changes to them are "unverifiable".
	Unreadable []Kind `json:"unreadable,omitempty"`
	// Skipped lists the kinds the read left out on purpose (a scoped read;
	// ScopedReader): their fields above are empty and mean nothing, and Diff
	// plans nothing for them.
	Skipped []Kind `json:"skipped,omitempty"`
	// Partial holds, for each kind a scoped read covered in part, the names
	// it covered; Diff plans nothing for items of other names.
	Partial map[Kind]*PartialRead `json:"partial,omitempty"`
	// Actor is the email of the identity applying changes, when the target knows it.
	Actor string `json:"actor,omitempty"`
}

// Each kind's state type, and its constant, is in its kind_<name>.go file.
//
// Protected (on groups, connections, packages, statuses and categories) records
// that the item was applied with `protect: true`. The state remembers it, so
// removing an item and its protect flag in one edit cannot delete it: the
// protection must first be lifted by an apply of its own.

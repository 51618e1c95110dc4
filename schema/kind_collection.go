package schema

// Collection is a collection of projects, shared with workspace members,
// groups and users.
type Collection struct {
	Name        string             `yaml:"name" json:"name"`
	Previously  []string           `yaml:"previously,omitempty" json:"previously,omitempty"`
	Description *string            `yaml:"description,omitempty" json:"description,omitempty"`
	Sharing     *CollectionSharing `yaml:"sharing,omitempty" json:"sharing,omitempty"`
	Protect     *bool              `yaml:"protect,omitempty" json:"protect,omitempty"`
	Pos         Pos                `yaml:"-" json:"-"`
}

// CollectionSharing is who has access to a collection, and at which level
// (one of CollectionLevels). Nil fields are unmanaged; a present map is the
// whole list: an entry the file leaves out is to have no access.
type CollectionSharing struct {
	Workspace *CollectionWorkspace `yaml:"workspace,omitempty" json:"workspace,omitempty"`
	Groups    map[string]string    `yaml:"groups,omitempty" json:"groups,omitempty"` // group name -> level
	Users     map[string]string    `yaml:"users,omitempty" json:"users,omitempty"`   // email -> level
}

// CollectionWorkspace is a collection's sharing with every workspace member.
type CollectionWorkspace struct {
	Members *string `yaml:"members,omitempty" json:"members,omitempty"`
}

// Access levels of collection sharing, lowest first: Hex's collection
// members can access its contents; its managers can also add and remove
// contents, manage its sharing, edit it and delete it.
const (
	CollectionMember  = "member"
	CollectionManager = "manager"
)

// CollectionLevels lists the levels a collection sharing entry takes, lowest
// first; AccessNone removes the entry.
var CollectionLevels = []string{AccessNone, CollectionMember, CollectionManager}

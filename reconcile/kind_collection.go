package reconcile

// KindCollection is the kind of collections of projects.
const KindCollection Kind = "collection"

// CollectionState is a collection. Access levels use the schema's collection
// level names (schema.CollectionLevels).
type CollectionState struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Description string            `json:"description,omitempty"`
	Sharing     CollectionSharing `json:"sharing"`
	Protected   bool              `json:"protected,omitempty"`
}

// CollectionSharing is a collection's sharing: "" (or none) is no access.
type CollectionSharing struct {
	// Members is the level of every workspace member.
	Members string `json:"members"`
	// Groups maps a group's name to its level.
	Groups map[string]string `json:"groups,omitempty"`
	// Users maps a user's lower-case email to their level.
	Users map[string]string `json:"users,omitempty"`
}

package schema

// Tags holds project statuses and categories; nil lists are unmanaged.
type Tags struct {
	Statuses   []Status   `yaml:"statuses,omitempty" json:"statuses,omitempty"`
	Categories []Category `yaml:"categories,omitempty" json:"categories,omitempty"`
}

// tagsContainer is the tags: mapping, which holds the sections whose Path
// starts with "tags.".
var tagsContainer = &container{
	key:  "tags",
	doc:  "Project statuses and categories.",
	open: func(ws *Workspace) { ws.Tags = &Tags{} },
	has:  func(ws *Workspace) bool { return ws.Tags != nil },
}

package reconcile

var groupSpec = &KindSpec{
	Kind:    KindGroup,
	Plural:  "groups",
	Title:   "Groups",
	Section: "groups",
}

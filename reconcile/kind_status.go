package reconcile

var statusSpec = &KindSpec{
	Kind:    KindStatus,
	Plural:  "statuses",
	Title:   "Statuses",
	Section: "tags.statuses",
}

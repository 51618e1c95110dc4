package reconcile

var connectionSpec = &KindSpec{
	Kind:    KindConnection,
	Plural:  "connections",
	Title:   "Connections",
	Section: "connections",
}

package reconcile

var userSpec = &KindSpec{
	Kind:    KindUser,
	Plural:  "users",
	Title:   "Users",
	Section: "users",
}

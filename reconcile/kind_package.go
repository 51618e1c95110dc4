package reconcile

var packageSpec = &KindSpec{
	Kind:    KindPackage,
	Plural:  "packages",
	Title:   "Packages",
	Section: "packages",
}

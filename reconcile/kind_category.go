package reconcile

var categorySpec = &KindSpec{
	Kind:    KindCategory,
	Plural:  "categories",
	Title:   "Categories",
	Section: "tags.categories",
}

package reconcile

var domainSpec = &KindSpec{
	Kind:    KindDomain,
	Plural:  "domains",
	Title:   "Allowed domains",
	Section: "domains.allowed",
}

package reconcile

var settingSpec = &KindSpec{
	Kind:    KindSetting,
	Plural:  "settings",
	Title:   "Settings",
	Section: "domains.default_role",
}

package filetarget

// The kinds the file target stores as the engine gives them, with nothing
// of its own but the prefix of their ids.
var (
	settingApplier  = applier{}
	domainApplier   = applier{}
	packageApplier  = applier{prefix: "pkg"}
	statusApplier   = applier{prefix: "sts"}
	categoryApplier = applier{prefix: "cat"}
)

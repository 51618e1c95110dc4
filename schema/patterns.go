package schema

import "regexp"

// Patterns shared by the loader and the JSON Schema, so the two agree. They
// use the syntax common to Go's regexp and ECMA-262.
const (
	domainPattern     = `^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`
	emailPattern      = "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"
	repositoryPattern = `^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$`
	commitPattern     = `^[0-9a-fA-F]{40}$`
	envPattern        = `^[A-Za-z_][A-Za-z0-9_]*$`
	maxDomainLen      = 253
)

var (
	domainRE     = regexp.MustCompile(domainPattern)
	repositoryRE = regexp.MustCompile(repositoryPattern)
	commitRE     = regexp.MustCompile(commitPattern)
	envRE        = regexp.MustCompile(envPattern)
)

// Enumerations of the format.
var (
	accessLevels       = []string{AccessNone, AccessQuery, AccessViewResults}
	publicAccessLevels = []string{AccessNone, AccessViewResults}
	cadences           = []string{"hourly", "daily", "weekly", "monthly", "custom"}
	weekdays           = []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
)

// refreshFields lists, per cadence, the schema_refresh keys it takes
// besides cadence and enabled, and which of them are required.
var refreshFields = map[string]struct{ allowed, required []string }{
	"hourly":  {},
	"daily":   {allowed: []string{"hour", "minute", "timezone"}, required: []string{"hour"}},
	"weekly":  {allowed: []string{"hour", "minute", "timezone", "day_of_week"}, required: []string{"hour", "day_of_week"}},
	"monthly": {allowed: []string{"hour", "minute", "timezone", "day"}, required: []string{"hour", "day"}},
	"custom":  {allowed: []string{"cron", "timezone"}, required: []string{"cron"}},
}

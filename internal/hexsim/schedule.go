package hexsim

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/hexform/hexform/schema"
)

// apiWhen is a schedule's timing sub-object as a request sends it; which
// fields a cadence's sub-object has, and must have, is whenFields.
type apiWhen struct {
	TimezoneString *string `json:"timezoneString"`
	Hour           *int    `json:"hour"`
	Minute         *int    `json:"minute"`
	DayOfWeek      *string `json:"dayOfWeek"`
	Day            *int    `json:"day"`
	Cron           *string `json:"cron"`
}

// apiSchedule is SchemaRefreshScheduleApiResource as a request sends it.
type apiSchedule struct {
	Cadence string   `json:"cadence"`
	Enabled *bool    `json:"enabled"`
	Daily   *apiWhen `json:"daily"`
	Weekly  *apiWhen `json:"weekly"`
	Monthly *apiWhen `json:"monthly"`
	Custom  *apiWhen `json:"custom"`
}

// whenFields are the fields of each cadence's sub-object, all required.
var whenFields = map[string][]string{
	"daily":   {"timezoneString", "hour", "minute"},
	"weekly":  {"timezoneString", "hour", "minute", "dayOfWeek"},
	"monthly": {"timezoneString", "hour", "minute", "day"},
	"custom":  {"timezoneString", "cron"},
}

// designator is an ISO 8601 timezone designator (TimezoneDesignator, "like
// +08:00"): what weekly, monthly and custom schedules take. A daily one
// takes a plain string (TimezoneStringDesignator).
var designator = regexp.MustCompile(`^(Z|[+-](0\d|1[0-4])(:?[0-5]\d)?)$`)

// present lists the fields w sets.
func (w *apiWhen) present() map[string]bool {
	return map[string]bool{"timezoneString": w.TimezoneString != nil, "hour": w.Hour != nil, "minute": w.Minute != nil,
		"dayOfWeek": w.DayOfWeek != nil, "day": w.Day != nil, "cron": w.Cron != nil}
}

// checkWhen validates one cadence's sub-object.
func checkWhen(cadence string, w *apiWhen, issues *[]string) {
	p := "schemaRefreshSchedule." + cadence
	set := w.present()
	for _, f := range []string{"timezoneString", "hour", "minute", "dayOfWeek", "day", "cron"} {
		want := strings.Contains(" "+strings.Join(whenFields[cadence], " ")+" ", " "+f+" ")
		switch {
		case want && !set[f]:
			*issues = append(*issues, p+"."+f+" is required")
		case !want && set[f]:
			*issues = append(*issues, fmt.Sprintf("%s: unknown field %q", p, f))
		}
	}
	checkRange(w.Hour, 0, 23, p+".hour", issues)
	checkRange(w.Minute, 0, 59, p+".minute", issues)
	checkRange(w.Day, 1, 28, p+".day", issues)
	if w.DayOfWeek != nil {
		checkEnum(*w.DayOfWeek, p+".dayOfWeek", daysOfWeek, issues)
	}
	if w.Cron != nil && *w.Cron == "" {
		*issues = append(*issues, p+".cron must not be empty")
	}
	if tz := w.TimezoneString; tz != nil && cadence != "daily" && !designator.MatchString(*tz) {
		*issues = append(*issues, fmt.Sprintf("%s.timezoneString must be an ISO 8601 timezone designator like +08:00, not %q", p, *tz))
	}
}

// parseSchedule validates schemaRefreshSchedule. clear is true for null.
func parseSchedule(raw json.RawMessage, issues *[]string) (sr *schema.SchemaRefresh, clear bool) {
	if len(raw) == 0 {
		return nil, false
	}
	if string(raw) == "null" {
		return nil, true
	}
	var a apiSchedule
	if bad := decodeStrict(raw, &a); bad != nil {
		*issues = append(*issues, "schemaRefreshSchedule: "+bad[0])
		return nil, false
	}
	n := len(*issues)
	checkEnum(a.Cadence, "schemaRefreshSchedule.cadence", cadences, issues)
	if a.Enabled == nil {
		*issues = append(*issues, "schemaRefreshSchedule.enabled is required")
	}
	subs := map[string]*apiWhen{"daily": a.Daily, "weekly": a.Weekly, "monthly": a.Monthly, "custom": a.Custom}
	for _, c := range []string{"daily", "weekly", "monthly", "custom"} {
		if subs[c] != nil {
			checkWhen(c, subs[c], issues)
		}
	}
	if len(*issues) > n {
		return nil, false
	}
	sr = &schema.SchemaRefresh{Cadence: strings.ToLower(a.Cadence), Enabled: a.Enabled}
	if w := subs[sr.Cadence]; w != nil {
		sr.Hour, sr.Minute, sr.Day = w.Hour, w.Minute, w.Day
		sr.Timezone, sr.Cron, sr.DayOfWeek = deref(w.TimezoneString), deref(w.Cron), strings.ToLower(deref(w.DayOfWeek))
	}
	return sr, false
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

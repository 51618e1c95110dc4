package hexsim

import (
	"strings"

	"github.com/hexform/hexform/schema"
)

// The read forms of a schedule's sub-objects: every field is required in
// the API's DataConnection, so each is always there.
type (
	readDaily struct {
		Hour           int    `json:"hour"`
		Minute         int    `json:"minute"`
		TimezoneString string `json:"timezoneString"`
	}
	readWeekly struct {
		DayOfWeek      string `json:"dayOfWeek"`
		Hour           int    `json:"hour"`
		Minute         int    `json:"minute"`
		TimezoneString string `json:"timezoneString"`
	}
	readMonthly struct {
		Day            int    `json:"day"`
		Hour           int    `json:"hour"`
		Minute         int    `json:"minute"`
		TimezoneString string `json:"timezoneString"`
	}
	readCustom struct {
		Cron           string `json:"cron"`
		TimezoneString string `json:"timezoneString"`
	}
)

// readSchedule is the schemaRefreshSchedule of a DataConnection.
type readSchedule struct {
	Cadence string       `json:"cadence"`
	Enabled bool         `json:"enabled"`
	Daily   *readDaily   `json:"daily,omitempty"`
	Weekly  *readWeekly  `json:"weekly,omitempty"`
	Monthly *readMonthly `json:"monthly,omitempty"`
	Custom  *readCustom  `json:"custom,omitempty"`
}

// toAPISchedule renders a stored schedule. One stored without a timezone
// (a seed may hold one) reads as UTC, as a plain string for daily and as
// the designator +00:00 for the others.
func toAPISchedule(sr *schema.SchemaRefresh) *readSchedule {
	if sr == nil {
		return nil
	}
	a := &readSchedule{Cadence: strings.ToUpper(sr.Cadence), Enabled: sr.Enabled == nil || *sr.Enabled}
	tz, h, m := sr.Timezone, intOr(sr.Hour), intOr(sr.Minute)
	if tz == "" {
		tz = "+00:00"
	}
	switch a.Cadence {
	case "DAILY":
		if sr.Timezone == "" {
			tz = "UTC"
		}
		a.Daily = &readDaily{Hour: h, Minute: m, TimezoneString: tz}
	case "WEEKLY":
		a.Weekly = &readWeekly{DayOfWeek: strings.ToUpper(sr.DayOfWeek), Hour: h, Minute: m, TimezoneString: tz}
	case "MONTHLY":
		a.Monthly = &readMonthly{Day: intOr(sr.Day), Hour: h, Minute: m, TimezoneString: tz}
	case "CUSTOM":
		a.Custom = &readCustom{Cron: sr.Cron, TimezoneString: tz}
	}
	return a
}

func intOr(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

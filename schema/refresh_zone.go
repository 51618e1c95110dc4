package schema

import (
	"fmt"
	"regexp"
	"time"

	"gopkg.in/yaml.v3"
)

// offsetZone is an ISO 8601 timezone designator, e.g. +08:00 or Z: a fixed
// UTC offset, which Hex's API takes for weekly, monthly and custom schema
// refresh schedules.
var offsetZone = regexp.MustCompile(`^(Z|[+-](0\d|1[0-4])(:?[0-5]\d)?)$`)

// validZone reports whether s is a timezone a schedule can name: an IANA
// name or a fixed offset.
func validZone(s string) bool {
	if offsetZone.MatchString(s) {
		return true
	}
	_, err := time.LoadLocation(s)
	return err == nil && s != "" && s != "Local"
}

// dstOffsets returns the two UTC offsets of zone across a year when it
// has daylight saving time. The year is fixed so that the check gives the
// same answer on every day it runs.
func dstOffsets(zone string) (winter, summer string, ok bool) {
	loc, err := time.LoadLocation(zone)
	if err != nil || offsetZone.MatchString(zone) {
		return "", "", false
	}
	_, jan := time.Date(2026, time.January, 15, 12, 0, 0, 0, time.UTC).In(loc).Zone()
	_, jul := time.Date(2026, time.July, 15, 12, 0, 0, 0, time.UTC).In(loc).Zone()
	if jan == jul {
		return "", "", false
	}
	return offsetString(jan), offsetString(jul), true
}

func offsetString(secs int) string {
	sign := '+'
	if secs < 0 {
		sign, secs = '-', -secs
	}
	return fmt.Sprintf("%c%02d:%02d", sign, secs/3600, secs%3600/60)
}

// dstWarning warns that a weekly, monthly or custom schedule in a zone with
// daylight saving time runs at a fixed offset in Hex, which the API takes
// for those cadences in place of a zone.
func (d *decoder) dstWarning(v *yaml.Node, r *SchemaRefresh) {
	switch r.Cadence {
	case "weekly", "monthly", "custom":
	default:
		return
	}
	a, b, ok := dstOffsets(r.Timezone)
	if v == nil || !ok {
		return
	}
	d.warnf(deref(v), fmt.Sprintf("hexform sends the offset in force when it applies (%s or %s): apply again after the clocks change, or use a zone without daylight saving time, e.g. UTC", a, b),
		"Hex's API takes a fixed UTC offset for a %s schedule, so one in %s runs an hour off once its clocks change", r.Cadence, r.Timezone)
}

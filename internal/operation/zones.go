package operation

import (
	"os"

	"github.com/hexform/hexform/schema"
)

// fileZoner is a target whose read needs the timezones the workspace file's
// schedules name (the Hex target: its API holds some schedules as a fixed
// UTC offset, read back as the file's zone when the two agree now).
type fileZoner interface {
	UseFileZones(ws *schema.Workspace)
}

// useFileZones gives the target ws's schedule timezones, when it reads
// with them.
func (t *Target) useFileZones(ws *schema.Workspace) {
	if z, ok := t.Target.(fileZoner); ok && ws != nil {
		z.UseFileZones(ws)
	}
}

// useSavedFileZones gives the target the timezones of the workspace file a
// saved plan was made from, as far as it can be read now: the re-read a
// saved plan is checked against then maps schedules as the plan's read did
// (a file edited since can only make that check refuse, never pass).
func (t *Target) useSavedFileZones(file string) {
	if file == "" {
		return
	}
	if _, err := os.Stat(file); err != nil {
		return
	}
	if ws, ds := schema.Load(file); !ds.HasErrors() {
		t.useFileZones(ws)
	}
}

package buildinfo

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Set by the linker (-ldflags "-X github.com/hexform/hexform/internal/buildinfo.version=...");
// empty when not.
var (
	version string
	commit  string
	date    string
)

// Devel is the version of a build that carries none.
const Devel = "(devel)"

// Info describes one build of hexform. Empty fields are unknown.
type Info struct {
	// Version is a release tag (v1.2.3), a git describe string
	// (v1.2.3-4-gabc1234-dirty), a Go pseudo-version, or Devel.
	Version string `json:"version"`
	// Commit is the full VCS revision.
	Commit string `json:"commit,omitempty"`
	// CommitTime is the revision's commit time (RFC 3339), from the go command.
	CommitTime string `json:"commit_time,omitempty"`
	// Modified is true when the checkout had uncommitted changes.
	Modified bool `json:"modified,omitempty"`
	// Built is the date the build stamped, as given: make build stamps the
	// time it ran, release builds the commit's date (so that one commit
	// always gives the same binary).
	Built string `json:"built,omitempty"`
	// GoVersion is the Go toolchain the binary was built with.
	GoVersion string `json:"go_version"`
	// Platform is GOOS/GOARCH.
	Platform string `json:"platform"`
}

// Get returns this binary's Info.
func Get() Info {
	bi, _ := debug.ReadBuildInfo()
	return from(stamp{version: version, commit: commit, date: date}, bi)
}

// stamp holds the linker-set values.
type stamp struct{ version, commit, date string }

// from combines the linker-set values with the go command's build
// information (nil when the binary has none).
func from(s stamp, bi *debug.BuildInfo) Info {
	info := Info{
		Version:   stamped(s.version),
		Commit:    stamped(s.commit),
		Built:     stamped(s.date),
		GoVersion: runtime.Version(),
		Platform:  runtime.GOOS + "/" + runtime.GOARCH,
	}
	if bi != nil {
		fromBuildInfo(&info, bi)
	}
	if info.Version == "" {
		info.Version = Devel
	}
	return info
}

// stamped returns a linker-set value, or "" for one that says it is not
// known: GoReleaser stamps "none" and the zero time where git gave it
// nothing (a snapshot in a clone without a remote).
func stamped(v string) string {
	v = strings.TrimSpace(v)
	switch {
	case v == "none", v == "unknown", strings.HasPrefix(v, "0001-01-01"):
		return ""
	}
	return v
}

// fromBuildInfo fills what the linker left unset from bi.
func fromBuildInfo(info *Info, bi *debug.BuildInfo) {
	if info.Version == "" && bi.Main.Version != "" {
		info.Version = bi.Main.Version
	}
	var rev, at string
	var modified bool
	for _, kv := range bi.Settings {
		switch kv.Key {
		case "vcs.revision":
			rev = kv.Value
		case "vcs.time":
			at = kv.Value
		case "vcs.modified":
			modified = kv.Value == "true"
		}
	}
	if info.Commit == "" {
		info.Commit = rev
	}
	if info.Commit == rev {
		info.CommitTime, info.Modified = at, modified
	}
}

// ShortCommit is Commit cut to 7 characters, or "".
func (i Info) ShortCommit() string {
	if len(i.Commit) > 7 {
		return i.Commit[:7]
	}
	return i.Commit
}

// String is the one line hexform version prints:
// hexform v1.2.3 (commit abc1234, built 2026-01-02T03:04:05Z, go1.26.8, linux/amd64).
func (i Info) String() string {
	var parts []string
	if c := i.ShortCommit(); c != "" {
		if i.Modified {
			c += ", modified"
		}
		parts = append(parts, "commit "+c)
	}
	switch {
	case i.Built != "":
		parts = append(parts, "built "+i.Built)
	case i.CommitTime != "":
		parts = append(parts, "committed "+i.CommitTime)
	}
	parts = append(parts, i.GoVersion, i.Platform)
	return fmt.Sprintf("hexform %s (%s)", i.Version, strings.Join(parts, ", "))
}

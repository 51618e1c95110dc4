package buildinfo

import (
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const rev = "0123456789abcdef0123456789abcdef01234567"

func settings(kv ...string) []debug.BuildSetting {
	var out []debug.BuildSetting
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
	}
	return out
}

func TestFrom(t *testing.T) {
	goVer, platform := runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH
	checkout := &debug.BuildInfo{
		Main:     debug.Module{Path: "github.com/hexform/hexform", Version: "v0.0.0-20261201100000-0123456789ab+dirty"},
		Settings: settings("vcs", "git", "vcs.revision", rev, "vcs.time", "2026-12-01T10:00:00Z", "vcs.modified", "true"),
	}
	tests := []struct {
		name string
		s    stamp
		bi   *debug.BuildInfo
		want Info
		line string
	}{{
		name: "no build information",
		want: Info{Version: Devel, GoVersion: goVer, Platform: platform},
		line: "hexform (devel) (" + goVer + ", " + platform + ")",
	}, {
		name: "go install at a tag",
		bi:   &debug.BuildInfo{Main: debug.Module{Path: "github.com/hexform/hexform", Version: "v1.2.3"}},
		want: Info{Version: "v1.2.3", GoVersion: goVer, Platform: platform},
		line: "hexform v1.2.3 (" + goVer + ", " + platform + ")",
	}, {
		name: "go build in a modified checkout",
		bi:   checkout,
		want: Info{Version: checkout.Main.Version, Commit: rev, CommitTime: "2026-12-01T10:00:00Z", Modified: true, GoVersion: goVer, Platform: platform},
		line: "hexform " + checkout.Main.Version + " (commit 0123456, modified, committed 2026-12-01T10:00:00Z, " + goVer + ", " + platform + ")",
	}, {
		name: "linker flags win",
		s:    stamp{version: "v1.2.3-4-gabcdef0", date: "2026-12-01T11:00:00Z"},
		bi:   checkout,
		want: Info{Version: "v1.2.3-4-gabcdef0", Commit: rev, CommitTime: "2026-12-01T10:00:00Z", Modified: true, Built: "2026-12-01T11:00:00Z", GoVersion: goVer, Platform: platform},
		line: "hexform v1.2.3-4-gabcdef0 (commit 0123456, modified, built 2026-12-01T11:00:00Z, " + goVer + ", " + platform + ")",
	}, {
		name: "a stamped commit replaces the checkout's, and its time and state",
		s:    stamp{version: "v1.2.3", commit: "fedcba9876543210"},
		bi:   checkout,
		want: Info{Version: "v1.2.3", Commit: "fedcba9876543210", GoVersion: goVer, Platform: platform},
		line: "hexform v1.2.3 (commit fedcba9, " + goVer + ", " + platform + ")",
	}, {
		name: "values a release tool stamps when git told it nothing",
		s:    stamp{version: "v0.0.1-snapshot", commit: "none", date: "0001-01-01T00:00:00Z"},
		bi:   checkout,
		want: Info{Version: "v0.0.1-snapshot", Commit: rev, CommitTime: "2026-12-01T10:00:00Z", Modified: true, GoVersion: goVer, Platform: platform},
		line: "hexform v0.0.1-snapshot (commit 0123456, modified, committed 2026-12-01T10:00:00Z, " + goVer + ", " + platform + ")",
	}, {
		name: "a version of (devel) from the go command",
		bi:   &debug.BuildInfo{Main: debug.Module{Version: Devel}},
		want: Info{Version: Devel, GoVersion: goVer, Platform: platform},
		line: "hexform (devel) (" + goVer + ", " + platform + ")",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := from(tt.s, tt.bi)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("from: (-want +got)\n%s", diff)
			}
			if got.String() != tt.line {
				t.Errorf("String:\n got %s\nwant %s", got, tt.line)
			}
		})
	}
}

// TestLinkerFlags builds a program with the -X flags the Makefile passes
// and checks that they reach Get: a renamed variable would silently make
// every release report (devel).
func TestLinkerFlags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	goCmd, err := exec.LookPath("go") // go test puts its own first on PATH
	if err != nil {
		t.Skipf("no go command: %v", err)
	}
	makefile, err := os.ReadFile("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	const pkg = "github.com/hexform/hexform/internal/buildinfo"
	for _, v := range []string{"version", "commit", "date"} {
		if want := "-X " + pkg + "." + v + "="; !strings.Contains(string(makefile), want) {
			t.Errorf("the Makefile does not stamp %s with %q", v, want)
		}
	}
	ldflags := "-X " + pkg + ".version=v9.8.7 -X " + pkg + ".commit=" + rev + " -X " + pkg + ".date=2026-12-01T11:00:00Z"
	out, err := exec.Command(goCmd, "run", "-ldflags", ldflags, "./testdata/printversion").CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	want := "hexform v9.8.7 (commit 0123456, built 2026-12-01T11:00:00Z, "
	if !strings.HasPrefix(string(out), want) {
		t.Errorf("got %q, want it to start %q", out, want)
	}
}

package buildinfo

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// The release workflow takes a release's notes from CHANGELOG.md: every
// released version there has notes the script finds, and a version
// without a section is refused, so no release goes out without notes.
func TestReleaseNotesFromTheChangelog(t *testing.T) {
	data, err := os.ReadFile("../../CHANGELOG.md")
	if err != nil {
		t.Fatal(err)
	}
	versions := regexp.MustCompile(`(?m)^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$`).FindAllStringSubmatch(string(data), -1)
	if len(versions) == 0 {
		t.Fatal("CHANGELOG.md names no released version (## [X.Y.Z] - YYYY-MM-DD)")
	}
	for _, v := range versions {
		out, err := exec.Command("sh", "../../scripts/release-notes.sh", v[1]).Output()
		if err != nil || !strings.Contains(string(out), "### ") {
			t.Errorf("release notes of %s: %v\n%s", v[1], err, out)
		}
		if strings.Contains(string(out), "## [") {
			t.Errorf("the notes of %s run into the next version:\n%s", v[1], out)
		}
	}
	if out, err := exec.Command("sh", "../../scripts/release-notes.sh", "99.0.0").CombinedOutput(); err == nil {
		t.Errorf("a version without notes was accepted:\n%s", out)
	}
	wf, err := os.ReadFile("../../.github/workflows/release.yml")
	if err != nil || !strings.Contains(string(wf), "scripts/release-notes.sh") || !strings.Contains(string(wf), "--release-notes") {
		t.Errorf("the release workflow does not take its notes from the script (%v)", err)
	}
}

package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// hexformPin is a step's use of hexform's own action, pinned to a release.
var hexformPin = regexp.MustCompile(`uses:\s*hexform/hexform@([0-9a-f]{40})\s*#\s*v(\d+\.\d+\.\d+)\b`)

// TestExamplesPinAReleaseOfHexform: every step that uses hexform's action
// pins a commit of this repository that holds action.yml, the release its
// comment names is in CHANGELOG.md, and where the tag is known here it
// points at that commit. A copied workflow then resolves as it reads.
func TestExamplesPinAReleaseOfHexform(t *testing.T) {
	changelog, err := os.ReadFile("../../CHANGELOG.md")
	if err != nil {
		t.Fatal(err)
	}
	repo, err := git.PlainOpenWithOptions("../..", &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if err != nil {
		t.Skipf("not a git checkout (%v): the pins cannot be checked", err)
	}
	pins := 0
	eachFile(t, exampleWorkflowFiles(t), func(name string, data []byte) {
		if strings.Contains(string(data), "hexform/hexform@") && len(hexformPin.FindAllSubmatch(data, -1)) != strings.Count(string(data), "hexform/hexform@") {
			t.Errorf("%s: a use of hexform/hexform is not pinned as <40-hex SHA> # vX.Y.Z", name)
		}
		for _, m := range hexformPin.FindAllStringSubmatch(string(data), -1) {
			pins++
			checkPin(t, repo, string(changelog), name, m[1], m[2])
		}
	})
	if pins == 0 {
		t.Fatal("no workflow uses hexform's action")
	}
}

func checkPin(t *testing.T, repo *git.Repository, changelog, name, sha, version string) {
	t.Helper()
	if !strings.Contains(changelog, "## ["+version+"] - ") {
		t.Errorf("%s pins v%s, which CHANGELOG.md does not list as released", name, version)
	}
	c, err := repo.CommitObject(plumbing.NewHash(sha))
	if err != nil {
		if shallow, _ := repo.Storer.Shallow(); len(shallow) > 0 {
			t.Skipf("%s pins %s, which this shallow clone does not hold", name, sha)
		}
		t.Errorf("%s pins %s, which is no commit of this repository: %v", name, sha, err)
		return
	}
	if _, err := c.File("action.yml"); err != nil {
		t.Errorf("%s pins %s, which has no action.yml", name, sha)
	}
	ref, err := repo.Tag("v" + version)
	if err != nil {
		return // the tag is not in this clone; the commit is checked above
	}
	tagged := ref.Hash()
	if tag, err := repo.TagObject(tagged); err == nil {
		tagged = tag.Target
	}
	if tagged.String() != sha {
		t.Errorf("%s pins %s as v%s, but the tag points at %s", name, sha, version, tagged)
	}
}

package gitsrc

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// fixture is a repository with history:
//
//	c1 (main: ws v1; tags v1, v1-annotated; origin/main) -- c2 (main, HEAD: ws v2)
//	  \-- c3 (feature: ws v3, extra.yaml)
type fixture struct {
	root       string
	c1, c2, c3 string
}

const wsPath = "hex/workspace.yaml"

func sig(n int) *object.Signature {
	return &object.Signature{Name: "Test", Email: "t@example.com", When: time.Unix(1700000000+int64(n), 0).UTC()}
}

func commitFiles(t *testing.T, wt *git.Worktree, root string, n int, files map[string]string) string {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := wt.Add(name); err != nil {
			t.Fatal(err)
		}
	}
	h, err := wt.Commit("commit", &git.CommitOptions{Author: sig(n), Committer: sig(n)})
	if err != nil {
		t.Fatal(err)
	}
	return h.String()
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	root := t.TempDir()
	r, err := git.PlainInitWithOptions(root, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
	})
	if err != nil {
		t.Fatal(err)
	}
	wt, err := r.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{root: root}
	f.c1 = commitFiles(t, wt, root, 1, map[string]string{wsPath: "v1\n", "README": "r\n"})
	c1 := plumbing.NewHash(f.c1)
	if _, err := r.CreateTag("v1", c1, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := r.CreateTag("v1-annotated", c1, &git.CreateTagOptions{Tagger: sig(1), Message: "v1"}); err != nil {
		t.Fatal(err)
	}
	if err := r.Storer.SetReference(plumbing.NewHashReference("refs/remotes/origin/main", c1)); err != nil {
		t.Fatal(err)
	}
	f.c2 = commitFiles(t, wt, root, 2, map[string]string{wsPath: "v2\n"})
	checkout(t, wt, &git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName("feature"), Hash: c1, Create: true})
	f.c3 = commitFiles(t, wt, root, 3, map[string]string{wsPath: "v3\n", "extra.yaml": "x\n"})
	checkout(t, wt, &git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName("main")})
	return f
}

func checkout(t *testing.T, wt *git.Worktree, o *git.CheckoutOptions) {
	t.Helper()
	if err := wt.Checkout(o); err != nil {
		t.Fatal(err)
	}
}

func TestReadFileRevisions(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		rev, want, commit string
	}{
		{"main", "v2\n", f.c2},
		{"HEAD", "v2\n", f.c2},
		{"", "v2\n", f.c2},
		{"HEAD~1", "v1\n", f.c1},
		{"main^", "v1\n", f.c1},
		{"v1", "v1\n", f.c1},
		{"v1-annotated", "v1\n", f.c1},
		{f.c1, "v1\n", f.c1},
		{f.c3[:7], "v3\n", f.c3},
		{"origin/main", "v1\n", f.c1},
		{"feature", "v3\n", f.c3},
		{"refs/heads/feature", "v3\n", f.c3},
	}
	for _, tt := range tests {
		data, commit, err := ReadFile(f.root, tt.rev, wsPath)
		if err != nil {
			t.Errorf("ReadFile(%q): %v", tt.rev, err)
			continue
		}
		if string(data) != tt.want || commit != tt.commit {
			t.Errorf("ReadFile(%q) = %q, %s; want %q, %s", tt.rev, data, commit, tt.want, tt.commit)
		}
	}
}

func TestReadFilePaths(t *testing.T) {
	f := newFixture(t)
	// repoDir inside the working tree, path absolute.
	data, _, err := ReadFile(filepath.Join(f.root, "hex"), "main", filepath.Join(f.root, "hex", "workspace.yaml"))
	if err != nil || string(data) != "v2\n" {
		t.Errorf("absolute path: %q, %v", data, err)
	}
	// A relative path with the current directory inside the tree is taken from there.
	t.Chdir(filepath.Join(f.root, "hex"))
	data, _, err = ReadFile(".", "HEAD~1", "workspace.yaml")
	if err != nil || string(data) != "v1\n" {
		t.Errorf("path relative to current dir: %q, %v", data, err)
	}
	data, _, err = ReadFile(".", "feature", "../extra.yaml")
	if err != nil || string(data) != "x\n" {
		t.Errorf("../ path: %q, %v", data, err)
	}
	_, _, err = ReadFile(".", "main", "../../outside.yaml")
	if err == nil || !strings.Contains(err.Error(), "outside the repository") {
		t.Errorf("path outside: got %v", err)
	}
}

func TestReadFileErrors(t *testing.T) {
	f := newFixture(t)
	for _, rev := range []string{"nope", "origin/nope", "HEAD~10", "0123456"} {
		_, _, err := ReadFile(f.root, rev, wsPath)
		var ue *UnknownRevisionError
		if !errors.As(err, &ue) || ue.Rev != rev {
			t.Errorf("ReadFile(%q): got %v, want UnknownRevisionError", rev, err)
			continue
		}
		if !strings.Contains(err.Error(), rev) || !strings.Contains(ue.Hint(), "git fetch origin main") ||
			!strings.Contains(ue.Hint(), "fetch-depth: 0") {
			t.Errorf("ReadFile(%q): message %q / hint %q", rev, err, ue.Hint())
		}
	}

	_, _, err := ReadFile(f.root, "main", "extra.yaml")
	var fe *FileNotFoundError
	if !errors.As(err, &fe) || fe.Path != "extra.yaml" || fe.Commit != f.c2 {
		t.Fatalf("missing file: got %#v", err)
	}
	if want := `extra.yaml does not exist in revision "main" (commit ` + f.c2[:12] + ")"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	if _, _, err := ReadFile(f.root, "feature", "extra.yaml"); err != nil {
		t.Errorf("extra.yaml on feature: %v", err)
	}
	if _, _, err := ReadFile(f.root, "main", "hex"); !errors.As(err, &fe) {
		t.Errorf("directory as file: got %v, want FileNotFoundError", err)
	}

	dir := t.TempDir()
	_, _, err = ReadFile(dir, "main", "workspace.yaml")
	var ne *NotRepoError
	if !errors.As(err, &ne) || ne.Dir != dir || !strings.Contains(err.Error(), "is not in a git repository") {
		t.Errorf("not a repository: got %v", err)
	}
	if _, err := Head(dir); !errors.As(err, &ne) {
		t.Errorf("Head outside a repository: got %v", err)
	}
}

func TestHead(t *testing.T) {
	f := newFixture(t)
	got, err := Head(filepath.Join(f.root, "hex"))
	if err != nil || got != f.c2 {
		t.Errorf("Head = %s, %v; want %s", got, err, f.c2)
	}

	empty := t.TempDir()
	if _, err := git.PlainInit(empty, false); err != nil {
		t.Fatal(err)
	}
	if _, err := Head(empty); !errors.Is(err, errNoCommits) {
		t.Errorf("Head of empty repository: got %v", err)
	}
}

func TestDirty(t *testing.T) {
	f := newFixture(t)
	p := filepath.Join(f.root, "hex", "workspace.yaml")
	check := func(step, path string, want bool) {
		t.Helper()
		got, err := Dirty(f.root, path)
		if err != nil || got != want {
			t.Errorf("%s: Dirty = %v, %v; want %v", step, got, err, want)
		}
	}
	check("clean", wsPath, false)
	write(t, p, "edited\n")
	check("modified", wsPath, true)
	write(t, p, "v2\n")
	check("restored", wsPath, false)
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	check("deleted", wsPath, true)
	write(t, filepath.Join(f.root, "new.yaml"), "n\n")
	check("untracked", "new.yaml", true)
	check("absent everywhere", "none.yaml", false)

	empty := t.TempDir()
	if _, err := git.PlainInit(empty, false); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(empty, "w.yaml"), "w\n")
	if got, err := Dirty(empty, "w.yaml"); err != nil || !got {
		t.Errorf("file in repository without commits: %v, %v; want true", got, err)
	}
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

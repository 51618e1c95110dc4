package gitsrc

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// ReadFile returns the contents of path at revision rev of the repository
// holding repoDir, and the SHA of the commit rev resolves to. An empty rev
// means HEAD.
func ReadFile(repoDir, rev, path string) (data []byte, commit string, err error) {
	if rev == "" {
		rev = "HEAD"
	}
	rp, err := open(repoDir)
	if err != nil {
		return nil, "", err
	}
	c, err := rp.commit(rev)
	if err != nil {
		return nil, "", err
	}
	rel, err := rp.rel(path)
	if err != nil {
		return nil, "", err
	}
	f, err := c.File(rel)
	if err != nil {
		if errors.Is(err, object.ErrFileNotFound) {
			return nil, "", &FileNotFoundError{Path: rel, Rev: rev, Commit: c.Hash.String(), Err: err}
		}
		return nil, "", fmt.Errorf("read %s at %s: %w", rel, rev, err)
	}
	r, err := f.Reader()
	if err != nil {
		return nil, "", fmt.Errorf("read %s at %s: %w", rel, rev, err)
	}
	defer r.Close()
	data, err = io.ReadAll(r)
	if err != nil {
		return nil, "", fmt.Errorf("read %s at %s: %w", rel, rev, err)
	}
	return data, c.Hash.String(), nil
}

// Head returns the SHA of the commit HEAD points to in the repository
// holding repoDir.
func Head(repoDir string) (commit string, err error) {
	rp, err := open(repoDir)
	if err != nil {
		return "", err
	}
	c, err := rp.head()
	if err != nil {
		return "", err
	}
	return c.Hash.String(), nil
}

// Dirty reports whether path in the working tree differs from its version
// in HEAD: modified (staged or not), deleted, or not yet committed. Only the
// content counts, not the file mode. A path absent from both is not dirty.
func Dirty(repoDir, path string) (bool, error) {
	rp, err := open(repoDir)
	if err != nil {
		return false, err
	}
	if rp.root == "" {
		return false, fmt.Errorf("repository at %s is bare: it has no working tree", repoDir)
	}
	rel, err := rp.rel(path)
	if err != nil {
		return false, err
	}
	data, err := os.ReadFile(filepath.Join(rp.root, filepath.FromSlash(rel)))
	inTree := err == nil
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return false, err
	}
	c, err := rp.head()
	if errors.Is(err, errNoCommits) {
		return inTree, nil
	}
	if err != nil {
		return false, err
	}
	f, err := c.File(rel)
	if errors.Is(err, object.ErrFileNotFound) {
		return inTree, nil
	}
	if err != nil {
		return false, fmt.Errorf("read %s at HEAD: %w", rel, err)
	}
	if !inTree {
		return true, nil
	}
	return plumbing.ComputeHash(plumbing.BlobObject, data) != f.Hash, nil
}

var errNoCommits = errors.New("the repository has no commits yet")

type repository struct {
	r    *git.Repository
	root string // the working tree's root; "" for a bare repository
}

func open(repoDir string) (*repository, error) {
	r, err := git.PlainOpenWithOptions(repoDir, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if err != nil {
		if errors.Is(err, git.ErrRepositoryNotExists) || errors.Is(err, os.ErrNotExist) {
			return nil, &NotRepoError{Dir: repoDir, Err: err}
		}
		return nil, fmt.Errorf("open git repository at %s: %w", repoDir, err)
	}
	rp := &repository{r: r}
	if wt, err := r.Worktree(); err == nil {
		rp.root = wt.Filesystem.Root()
	}
	return rp, nil
}

func (rp *repository) commit(rev string) (*object.Commit, error) {
	h, err := rp.r.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return nil, &UnknownRevisionError{Rev: rev, Err: err}
	}
	c, err := rp.r.CommitObject(*h)
	if err != nil {
		return nil, &UnknownRevisionError{Rev: rev, Err: err}
	}
	return c, nil
}

func (rp *repository) head() (*object.Commit, error) {
	ref, err := rp.r.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil, errNoCommits
	}
	if err != nil {
		return nil, fmt.Errorf("read HEAD: %w", err)
	}
	c, err := rp.r.CommitObject(ref.Hash())
	if err != nil {
		return nil, fmt.Errorf("read HEAD commit %s: %w", ref.Hash(), err)
	}
	return c, nil
}

// rel turns path into a slash-separated path relative to the repository
// root. An absolute path, or a relative one when the current directory is
// inside the working tree, is located on disk; any other relative path is
// taken relative to the root.
func (rp *repository) rel(path string) (string, error) {
	if path == "" {
		return "", errors.New("no file path given")
	}
	if rp.root == "" {
		if filepath.IsAbs(path) {
			return "", fmt.Errorf("%s: a bare repository needs a path relative to its root", path)
		}
		return checkRel(path, filepath.Clean(path))
	}
	root := realPath(rp.root)
	abs := path
	if !filepath.IsAbs(path) {
		cwd, err := os.Getwd()
		if err != nil || !within(root, realPath(cwd)) {
			return checkRel(path, filepath.Clean(path))
		}
		abs = filepath.Join(cwd, path)
	}
	rel, err := filepath.Rel(root, realFile(abs))
	if err != nil {
		return "", fmt.Errorf("%s is outside the repository at %s", path, rp.root)
	}
	return checkRel(path, rel)
}

func checkRel(orig, rel string) (string, error) {
	if rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is outside the repository or not a file", orig)
	}
	return filepath.ToSlash(rel), nil
}

// realPath resolves symbolic links in directory p.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return filepath.Clean(p)
}

// realFile resolves symbolic links in the directory of p, not in p itself
// (which need not exist, and may be a link the repository tracks).
func realFile(p string) string {
	p = filepath.Clean(p)
	return filepath.Join(realPath(filepath.Dir(p)), filepath.Base(p))
}

func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

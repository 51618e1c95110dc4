package gitsrc

import "fmt"

// NotRepoError reports that no git repository holds the directory.
type NotRepoError struct {
	Dir string
	Err error
}

func (e *NotRepoError) Error() string {
	return fmt.Sprintf("%s is not in a git repository", e.Dir)
}

func (e *NotRepoError) Unwrap() error { return e.Err }

// Hint says how to fix the error.
func (e *NotRepoError) Hint() string {
	return "run hexform inside a git checkout (actions/checkout in CI), or drop --ref/--base to read the working tree"
}

// UnknownRevisionError reports a revision the repository does not have,
// typically a branch or commit a shallow CI checkout did not fetch.
type UnknownRevisionError struct {
	Rev string
	Err error
}

func (e *UnknownRevisionError) Error() string {
	return fmt.Sprintf("unknown revision %q", e.Rev)
}

func (e *UnknownRevisionError) Unwrap() error { return e.Err }

// Hint says how to fix the error.
func (e *UnknownRevisionError) Hint() string {
	return "fetch it first (e.g. `git fetch origin main`), or in GitHub Actions check out with " +
		"actions/checkout and `fetch-depth: 0`"
}

// FileNotFoundError reports a path absent from a commit's tree.
type FileNotFoundError struct {
	Path   string // relative to the repository root, slash-separated
	Rev    string
	Commit string
	Err    error
}

func (e *FileNotFoundError) Error() string {
	return fmt.Sprintf("%s does not exist in revision %q (commit %s)", e.Path, e.Rev, short(e.Commit))
}

func (e *FileNotFoundError) Unwrap() error { return e.Err }

// Hint says how to fix the error.
func (e *FileNotFoundError) Hint() string {
	return "the path is taken relative to the repository root (or to the current directory inside it); " +
		"check it with `git ls-tree -r --name-only " + e.Rev + "`"
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

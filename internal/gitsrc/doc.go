// Package gitsrc reads the workspace file from a commit of the git
// repository that holds it, with go-git (no git binary needed).
//
// ReadFile serves `--ref REV` and `plan --base REV`: it resolves REV the way
// `git rev-parse` does for the common forms (branch, tag, short or long SHA,
// HEAD, "origin/main", "HEAD~1") and returns the file's bytes at that commit
// together with the commit's SHA, which plans and journal records carry.
// Head and Dirty tell the caller which commit the working tree is on and
// whether the file differs from it.
//
// Paths may be absolute, or relative to the current directory when that
// directory is inside the repository (as a user types them), or else
// relative to the repository root.
//
// Errors are typed (*NotRepoError, *UnknownRevisionError, *FileNotFoundError)
// so callers can use errors.As; each has a Hint method with the fix.
package gitsrc

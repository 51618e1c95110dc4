// Package codecheck holds no code: its tests parse every Go file of the
// module and fail, naming file and line and how to fix it, when a
// structural rule of the codebase is broken:
//
//   - a non-test function is longer than 60 lines, from its func keyword to
//     its closing brace (generated files are not checked);
//   - a package directory has no doc.go holding the package comment;
//   - a comment cites a tracker issue or pull request by number, or a path
//     or Markdown file outside the repository;
//   - a switch chooses by reconcile.Kind (its tag is a Kind, or a case lists
//     a Kind constant) outside the kind registry files: reconcile/kind*.go
//     and kind_*.go in any package.
//
// Known findings that other changes are removing are listed in the test's
// allowlist with the number allowed per file; an entry fails as stale once
// the file has fewer findings, so the list only shrinks. go test ./...
// (and so make test) runs the check.
package codecheck

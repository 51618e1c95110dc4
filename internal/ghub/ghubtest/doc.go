// Package ghubtest is a fake of the GitHub REST endpoints hexform uses, for
// tests: the token's user, issue comments (list with Link-header paging,
// create, edit, each with its author), the pull requests of a commit, commit
// statuses, and issues (list by state and label, create, edit). It answers
// like GitHub does — JSON bodies, 401 "Bad credentials" without the right
// bearer token — on an httptest server bound to loopback.
//
// Both internal/ghub's tests and the CLI's tests (through GITHUB_API_URL)
// use it, so there is one fake to keep faithful.
package ghubtest

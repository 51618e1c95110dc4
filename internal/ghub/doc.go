// Package ghub is hexform's GitHub adapter, built on go-github: it reads the
// standard GitHub Actions environment (Env), keeps one plan comment per pull
// request up to date (UpsertPRComment, found again by a hidden marker among
// the comments its own identity wrote, never anyone else's: Identity),
// posts the "hexform/plan" commit status (SetStatus), opens, updates and
// closes the scheduled drift issue (SyncDriftIssue), and after a merge finds
// the pull request a commit merged (MergedPullRequest) and the plan hash its
// plan comment records (ReviewedPlan), so apply runs the reviewed plan.
//
// The token travels only in the Authorization header, added by a
// RoundTripper to requests for the API host; it never appears in errors,
// logs or the String form of Env. Errors from GitHub are *APIError values
// that say what went wrong and what to change (a bad token, the
// `permissions:` the workflow needs, when a rate limit resets); they wrap
// go-github's own errors, so errors.As finds both.
package ghub

package ghub

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
)

// ErrorKind classifies a GitHub API failure.
type ErrorKind string

// Error kinds.
const (
	KindBadToken   ErrorKind = "bad-token"  // 401
	KindPermission ErrorKind = "permission" // 403 or 404: the token may not do this
	KindRateLimit  ErrorKind = "rate-limit" // primary or secondary rate limit
	KindOther      ErrorKind = "other"
)

// Permissions a workflow must grant, named as in a workflow's `permissions:`.
const (
	PermPullRequests = "pull-requests: write"
	PermStatuses     = "statuses: write"
	PermIssues       = "issues: write"
)

// APIError is a failed GitHub API call, explained. It wraps go-github's
// error (*github.ErrorResponse, *github.RateLimitError or
// *github.AbuseRateLimitError), so errors.As finds either.
type APIError struct {
	Op         string    // what hexform was doing, e.g. "create pull request comment"
	Kind       ErrorKind // the class of failure
	StatusCode int       // HTTP status, 0 if none
	Message    string    // GitHub's message
	Permission string    // for KindPermission: the permission the workflow needs
	Reset      time.Time // for KindRateLimit: when the limit resets, zero if unknown
	RetryAfter time.Duration
	Err        error
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "github: %s", e.Op)
	if e.StatusCode != 0 {
		fmt.Fprintf(&b, ": %d %s", e.StatusCode, strings.ToLower(http.StatusText(e.StatusCode)))
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", strings.TrimSuffix(e.Message, "."))
	}
	if x := e.explain(); x != "" {
		b.WriteString(": " + x)
	}
	return b.String()
}

func (e *APIError) Unwrap() error { return e.Err }

func (e *APIError) explain() string {
	switch e.Kind {
	case KindBadToken:
		return "the token is invalid or expired; pass `GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}` in the step's env"
	case KindPermission:
		if e.Permission == "" {
			return "the token may not do this; check the token and GITHUB_REPOSITORY"
		}
		return fmt.Sprintf("the token lacks permission; add `permissions: %s` to the workflow or job "+
			"(pull requests from forks get a read-only token), and check GITHUB_REPOSITORY", e.Permission)
	case KindRateLimit:
		switch {
		case !e.Reset.IsZero():
			return "rate limit exceeded; it resets at " + e.Reset.UTC().Format(time.RFC3339)
		case e.RetryAfter > 0:
			return "secondary rate limit exceeded; retry after " + e.RetryAfter.String()
		}
		return "rate limit exceeded; retry later"
	}
	return ""
}

// wrapErr explains err from a call doing op, which needs perm. Only the
// Message GitHub sent is kept, never request headers; the token, should it
// appear anyway, is redacted.
func wrapErr(op, perm, token string, err error) error {
	if err == nil {
		return nil
	}
	e := &APIError{Op: op, Kind: KindOther, Err: err}
	var rl *github.RateLimitError
	var ab *github.AbuseRateLimitError
	var er *github.ErrorResponse
	switch {
	case errors.As(err, &rl):
		e.Kind, e.Message, e.Reset = KindRateLimit, rl.Message, rl.Rate.Reset.Time
		e.StatusCode = statusOf(rl.Response)
	case errors.As(err, &ab):
		e.Kind, e.Message = KindRateLimit, ab.Message
		e.StatusCode = statusOf(ab.Response)
		if ab.RetryAfter != nil {
			e.RetryAfter = *ab.RetryAfter
		}
	case errors.As(err, &er):
		e.Message, e.StatusCode = er.Message+errorDetails(er.Errors), statusOf(er.Response)
		classify(e, er.Response, perm)
	default:
		e.Message = err.Error()
	}
	if token != "" {
		e.Message = strings.ReplaceAll(e.Message, token, "[redacted]")
	}
	return e
}

// errorDetails lists what GitHub says was wrong with a request, e.g.
// " (label: You do not have permission to create labels on this repository)"
// under a bare "Validation Failed".
func errorDetails(list []github.Error) string {
	var parts []string
	for _, d := range list {
		what := d.Message
		if what == "" {
			what = d.Code
		}
		if d.Field != "" {
			what = d.Field + ": " + what
		}
		if what != "" {
			parts = append(parts, what)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ")"
}

func classify(e *APIError, resp *http.Response, perm string) {
	switch e.StatusCode {
	case http.StatusUnauthorized:
		e.Kind = KindBadToken
	case http.StatusForbidden, http.StatusNotFound:
		e.Kind, e.Permission = KindPermission, perm
	case http.StatusTooManyRequests:
		e.Kind = KindRateLimit
		if resp == nil {
			return
		}
		if s, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil && s > 0 {
			e.Reset = time.Unix(s, 0)
		}
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
			e.RetryAfter = time.Duration(s) * time.Second
		}
	}
}

func statusOf(r *http.Response) int {
	if r == nil {
		return 0
	}
	return r.StatusCode
}

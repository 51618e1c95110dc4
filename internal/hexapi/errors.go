package hexapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// APIError is a non-2xx answer from the Hex API. Hex uses two JSON error
// shapes: {code, message, issues} (users, data connection reads) and
// {reason, details, traceId} (groups, data connection writes); a plain-text
// body (e.g. "Unauthorized" from the edge) lands in Message.
type APIError struct {
	StatusCode int
	Code       string // e.g. NOT_FOUND (newer shape)
	Message    string // newer shape, or the plain-text body
	Reason     string // older shape
	Details    string // older shape
	TraceID    string // body traceId or the x-trace-id header
	Issues     []string
	Method     string
	Path       string // request path, e.g. /v1/groups/<id>
}

// Error explains the failure, with what to check for 401 and 403.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "hex api: %s %s: %d %s", e.Method, e.Path, e.StatusCode, strings.ToLower(http.StatusText(e.StatusCode)))
	if e.Code != "" {
		fmt.Fprintf(&b, " (%s)", e.Code)
	}
	for _, s := range []string{e.Message, e.Reason} {
		if s != "" {
			b.WriteString(": " + s)
		}
	}
	if e.Details != "" {
		b.WriteString(": " + e.Details)
	}
	if len(e.Issues) > 0 {
		b.WriteString(" [" + strings.Join(e.Issues, "; ") + "]")
	}
	if h := e.hint(); h != "" {
		b.WriteString(": " + h)
	}
	if e.TraceID != "" {
		b.WriteString(" (trace id " + e.TraceID + ")")
	}
	return b.String()
}

func (e *APIError) hint() string {
	switch e.StatusCode {
	case http.StatusUnauthorized:
		// Where the token came from (a variable, a file) is the caller's to say.
		return "the API token is invalid, expired or revoked, or API access is off " +
			"(an Admin turns it on under Settings > workspace security > Enable API access)"
	case http.StatusForbidden:
		return fmt.Sprintf("the token may not do this: a workspace token needs the %q scope for %s %s; "+
			"a personal token must belong to an Admin", RequiredScope(e.Method, e.Path), e.Method, e.Path)
	}
	return ""
}

// RequiredScope names the workspace-token scope an endpoint needs, e.g.
// "Groups Write" for PATCH /v1/groups/<id>.
func RequiredScope(method, path string) string {
	access := "Write"
	if method == http.MethodGet || method == "" {
		access = "Read"
	}
	p := strings.TrimPrefix(path, "/api")
	switch {
	case strings.HasPrefix(p, "/v1/users"):
		return "Users " + access
	case strings.HasPrefix(p, "/v1/groups"):
		return "Groups " + access
	case strings.HasPrefix(p, "/v1/data-connections"):
		return "Data connections " + access
	}
	return access
}

// RateLimitError is a 429 the client still got after its retries.
type RateLimitError struct {
	RetryAfter time.Duration // 0 when the server sent no Retry-After
	Err        *APIError
}

func (e *RateLimitError) Error() string {
	msg := e.Err.Error() + ": rate limited"
	if e.RetryAfter > 0 {
		msg += fmt.Sprintf(", retry after %v", e.RetryAfter)
	}
	return msg + "; lower the request rate (e.g. a smaller rate limit) or try again later"
}

// Unwrap lets errors.As find the *APIError.
func (e *RateLimitError) Unwrap() error { return e.Err }

// errorBody holds both JSON error shapes.
type errorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Issues  []struct {
		Message string `json:"message"`
	} `json:"issues"`
	Reason  string `json:"reason"`
	Details string `json:"details"`
	TraceID string `json:"traceId"`
}

// newAPIError decodes an error body of either shape, or keeps plain text.
// Every text from the server goes through serverText here, once: redacted,
// scrubbed, escaped and bounded.
func (c *Client) newAPIError(resp *http.Response, body []byte, method, path string) *APIError {
	e := &APIError{StatusCode: resp.StatusCode, Method: method, Path: path}
	var eb errorBody
	text := strings.TrimSpace(string(body))
	if err := json.Unmarshal(body, &eb); err == nil && strings.HasPrefix(text, "{") {
		e.Code, e.Message, e.Reason, e.Details, e.TraceID = eb.Code, eb.Message, eb.Reason, eb.Details, eb.TraceID
		for i, is := range eb.Issues {
			if i == maxIssues {
				e.Issues = append(e.Issues, fmt.Sprintf("and %d more", len(eb.Issues)-maxIssues))
				break
			}
			e.Issues = append(e.Issues, c.serverText(is.Message))
		}
	} else if text != "" {
		e.Message = text
	}
	if e.TraceID == "" {
		e.TraceID = resp.Header.Get("x-trace-id")
	}
	e.Code, e.Message, e.Reason = c.serverText(e.Code), c.serverText(e.Message), c.serverText(e.Reason)
	e.Details, e.TraceID = c.serverText(e.Details), c.serverText(e.TraceID)
	return e
}

// retryAfter parses a Retry-After header: delay seconds or an HTTP date.
func retryAfter(h string, now time.Time) (time.Duration, bool) {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0, false
	}
	var secs int64
	if _, err := fmt.Sscanf(h, "%d", &secs); err == nil && fmt.Sprint(secs) == h {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(h)
	if err != nil {
		return 0, false
	}
	d := t.Sub(now)
	if d < 0 {
		d = 0
	}
	return d, true
}

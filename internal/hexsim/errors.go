package hexsim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// errStyle is the error body shape an endpoint uses.
type errStyle int

const (
	styleCode errStyle = iota // {code, message, issues}: users, Me, list/get data connections
	styleTsoa                 // {reason, details, traceId}: groups, create/edit data connection
)

// apiError is an error answer, rendered in the endpoint's style.
type apiError struct {
	status  int
	message string
	issues  []string
}

func errorf(status int, format string, args ...any) *apiError {
	return &apiError{status: status, message: fmt.Sprintf(format, args...)}
}

// invalid is a 400 listing every problem found in a request.
func invalid(what string, issues []string) *apiError {
	return &apiError{status: http.StatusBadRequest, message: "invalid " + what, issues: issues}
}

// codes are the newer endpoints' error codes.
var codes = map[int]string{
	http.StatusBadRequest:          "BAD_REQUEST",
	http.StatusUnauthorized:        "UNAUTHORIZED",
	http.StatusForbidden:           "FORBIDDEN",
	http.StatusNotFound:            "NOT_FOUND",
	http.StatusUnprocessableEntity: "UNPROCESSABLE_CONTENT",
	http.StatusTooManyRequests:     "TOO_MANY_REQUESTS",
	http.StatusInternalServerError: "INTERNAL_SERVER_ERROR",
	http.StatusServiceUnavailable:  "SERVICE_UNAVAILABLE",
}

type codeBody struct {
	Code    string      `json:"code"`
	Message string      `json:"message"`
	Issues  []issueBody `json:"issues,omitempty"`
}

type issueBody struct {
	Message string `json:"message"`
}

type tsoaBody struct {
	Reason  string `json:"reason"`
	Details string `json:"details,omitempty"`
	TraceID string `json:"traceId,omitempty"`
}

// errorBody renders e in style.
func errorBody(style errStyle, e *apiError, trace string) any {
	if style == styleTsoa {
		return tsoaBody{Reason: e.message, Details: strings.Join(e.issues, "; "), TraceID: trace}
	}
	b := codeBody{Code: codes[e.status], Message: e.message}
	if b.Code == "" {
		b.Code = "ERROR"
	}
	for _, is := range e.issues {
		b.Issues = append(b.Issues, issueBody{Message: is})
	}
	return b
}

// writeJSON writes status and body; a nil body writes no body at all.
func writeJSON(w http.ResponseWriter, status int, body any) {
	if body == nil {
		w.WriteHeader(status)
		return
	}
	data, err := json.Marshal(body)
	if err != nil {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte("hexsim: cannot encode response"))
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(append(data, '\n'))
}

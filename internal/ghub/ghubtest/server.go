package ghubtest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
)

// The fake serves one repository and accepts one token.
const (
	Token      = "tok-s3cret-value"
	Repository = "acme/hex-admin"
)

// Comment is an issue or pull-request comment.
type Comment struct {
	ID    int64
	Issue int
	Body  string
}

// Issue is an issue, or a pull request when PullRequest is set.
type Issue struct {
	Number             int
	Title, Body, State string
	StateReason        string
	Labels             []string
	PullRequest        bool
}

// Status is a commit status as posted.
type Status struct {
	SHA, State, Description, TargetURL, Context string
}

// Server is the fake GitHub API. Its methods are safe for concurrent use.
type Server struct {
	// URL is the API base URL to use as GITHUB_API_URL (the server's URL
	// plus the prefix given to NewAt).
	URL string

	srv      *httptest.Server
	mu       sync.Mutex
	pageSize int // the server's cap on per_page
	nextID   int64
	comments []*Comment
	issues   []*Issue
	statuses []Status
	calls    []string // "METHOD path?query"
	fail     func(w http.ResponseWriter, r *http.Request) bool
}

// New starts a fake serving the API at its root (github.com's layout); it
// is closed when the test ends.
func New(tb testing.TB) *Server { return NewAt(tb, "") }

// NewAt starts a fake serving the API under prefix, e.g. "/api/v3" as
// GitHub Enterprise does.
func NewAt(tb testing.TB, prefix string) *Server {
	s := &Server{pageSize: 100, nextID: 1000}
	mux := http.NewServeMux()
	p := prefix + "/repos/" + Repository
	mux.HandleFunc("GET "+p+"/issues/{n}/comments", s.listComments)
	mux.HandleFunc("POST "+p+"/issues/{n}/comments", s.createComment)
	mux.HandleFunc("PATCH "+p+"/issues/comments/{id}", s.editComment)
	mux.HandleFunc("POST "+p+"/statuses/{sha}", s.createStatus)
	mux.HandleFunc("GET "+p+"/issues", s.listIssues)
	mux.HandleFunc("POST "+p+"/issues", s.createIssue)
	mux.HandleFunc("PATCH "+p+"/issues/{n}", s.editIssue)
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.calls = append(s.calls, r.Method+" "+r.URL.RequestURI())
		if r.Header.Get("Authorization") != "Bearer "+Token {
			writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "Bad credentials"})
			return
		}
		if s.fail != nil && s.fail(w, r) {
			return
		}
		mux.ServeHTTP(w, r)
	}))
	s.URL = s.srv.URL + prefix
	tb.Cleanup(s.srv.Close)
	return s
}

// Client is an HTTP client for the server.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// Close stops the server, so later requests fail to connect.
func (s *Server) Close() { s.srv.Close() }

// Env is the Actions environment that points hexform at the fake:
// GITHUB_TOKEN, GITHUB_REPOSITORY and GITHUB_API_URL.
func (s *Server) Env() map[string]string {
	return map[string]string{"GITHUB_TOKEN": Token, "GITHUB_REPOSITORY": Repository, "GITHUB_API_URL": s.URL}
}

// SetPageSize caps per_page, to make lists span several pages.
func (s *Server) SetPageSize(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pageSize = n
}

// SetFail installs fail, which sees every authorised request first and
// answers it instead of the fake when it returns true; nil removes it.
func (s *Server) SetFail(fail func(w http.ResponseWriter, r *http.Request) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = fail
}

// FailWith returns a SetFail function answering every request with code,
// the headers and body (JSON).
func FailWith(code int, hdr map[string]string, body string) func(http.ResponseWriter, *http.Request) bool {
	return func(w http.ResponseWriter, _ *http.Request) bool {
		for k, v := range hdr {
			w.Header().Set(k, v)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		fmt.Fprint(w, body)
		return true
	}
}

// AddComment adds a comment to issue (or pull request) number issue, as
// someone else wrote it.
func (s *Server) AddComment(issue int, body string) Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.addComment(issue, body)
}

// AddIssue adds an issue; its Number is the next free one, returned.
func (s *Server) AddIssue(is Issue) Issue {
	s.mu.Lock()
	defer s.mu.Unlock()
	is.Number = len(s.issues) + 1
	is.Labels = slices.Clone(is.Labels)
	s.issues = append(s.issues, &is)
	return is
}

// Comments returns the comments on issue (or pull request) issue, oldest first.
func (s *Server) Comments(issue int) []Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Comment
	for _, c := range s.comments {
		if c.Issue == issue {
			out = append(out, *c)
		}
	}
	return out
}

// Issues returns every issue, by number.
func (s *Server) Issues() []Issue {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Issue, len(s.issues))
	for i, is := range s.issues {
		out[i] = *is
		out[i].Labels = slices.Clone(is.Labels)
	}
	return out
}

// Statuses returns the commit statuses posted, in order.
func (s *Server) Statuses() []Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.statuses)
}

// Calls returns every request received, as "METHOD path?query", in order.
func (s *Server) Calls() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

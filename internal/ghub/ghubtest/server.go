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
	// ActionsBot is the login the Actions token writes as, and the
	// fake's token by default.
	ActionsBot = "github-actions[bot]"
	// Someone is the author of comments and issues added by AddComment
	// and AddIssue: a person, not the token.
	Someone = "mallory"
)

// Comment is an issue or pull-request comment.
type Comment struct {
	ID    int64
	Issue int
	Body  string
	User  string // the author's login
}

// Issue is an issue, or a pull request when PullRequest is set.
type Issue struct {
	Number             int
	Title, Body, State string
	StateReason        string
	Labels             []string
	PullRequest        bool
	User               string // the author's login; AddIssue makes "" Someone
}

// Pull is a pull request as the commits/{sha}/pulls endpoint lists it.
type Pull struct {
	Number         int
	State          string // "open" or "closed"
	Merged         bool   // sets merged_at
	HeadSHA        string
	MergeCommitSHA string
	// Commits are the commits the pull request is listed for (besides
	// MergeCommitSHA and HeadSHA), as GitHub lists a pull request for
	// every commit it brought.
	Commits []string
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
	pulls    []Pull
	// user is the token's login; userToken says whether GET /user answers
	// it (a personal token) or refuses as for the Actions token.
	user      string
	userToken bool
	statuses  []Status
	calls     []string // "METHOD path?query"
	fail      func(w http.ResponseWriter, r *http.Request) bool
}

// New starts a fake serving the API at its root (github.com's layout); it
// is closed when the test ends.
func New(tb testing.TB) *Server { return NewAt(tb, "") }

// NewAt starts a fake serving the API under prefix, e.g. "/api/v3" as
// GitHub Enterprise does.
func NewAt(tb testing.TB, prefix string) *Server {
	s := &Server{pageSize: 100, nextID: 1000, user: ActionsBot}
	mux := http.NewServeMux()
	p := prefix + "/repos/" + Repository
	mux.HandleFunc("GET "+p+"/issues/{n}/comments", s.listComments)
	mux.HandleFunc("POST "+p+"/issues/{n}/comments", s.createComment)
	mux.HandleFunc("PATCH "+p+"/issues/comments/{id}", s.editComment)
	mux.HandleFunc("POST "+p+"/statuses/{sha}", s.createStatus)
	mux.HandleFunc("GET "+p+"/issues", s.listIssues)
	mux.HandleFunc("POST "+p+"/issues", s.createIssue)
	mux.HandleFunc("PATCH "+p+"/issues/{n}", s.editIssue)
	mux.HandleFunc("GET "+p+"/commits/{sha}/pulls", s.listCommitPulls)
	mux.HandleFunc("GET "+prefix+"/user", s.getUser)
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

// SetUser makes the token a personal one of login: GET /user answers it,
// and what the token writes is by login. By default the token is the
// Actions one: it writes as ActionsBot and GET /user is refused.
func (s *Server) SetUser(login string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.user, s.userToken = login, true
}

// AddComment adds a comment to issue (or pull request) number issue, as
// Someone wrote it.
func (s *Server) AddComment(issue int, body string) Comment {
	return s.AddCommentBy(issue, Someone, body)
}

// AddCommentBy adds a comment written by user.
func (s *Server) AddCommentBy(issue int, user, body string) Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.addComment(issue, body)
	c.User = user
	return *c
}

// AddPull adds a pull request for the commits/{sha}/pulls endpoint.
func (s *Server) AddPull(p Pull) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p.Commits = slices.Clone(p.Commits)
	s.pulls = append(s.pulls, p)
}

// AddIssue adds an issue; its Number is the next free one, returned. An
// issue without a User is by Someone.
func (s *Server) AddIssue(is Issue) Issue {
	s.mu.Lock()
	defer s.mu.Unlock()
	if is.User == "" {
		is.User = Someone
	}
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

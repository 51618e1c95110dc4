package ghub

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

const testToken = "tok-s3cret-value"

// fakeGitHub answers the REST endpoints ghub uses, like GitHub does:
// Link-header paging, 401 without the token, JSON bodies.
type fakeGitHub struct {
	mu       sync.Mutex
	pageSize int // the server's cap on per_page
	nextID   int64
	comments []*fakeComment
	issues   []*fakeIssue
	statuses []fakeStatus
	calls    []string // "METHOD path?query"
	// fail, when set, may answer a request instead of the fake.
	fail func(w http.ResponseWriter, r *http.Request) bool
	srv  *httptest.Server
}

type fakeComment struct {
	ID    int64
	Issue int
	Body  string
}

type fakeIssue struct {
	Number             int
	Title, Body, State string
	StateReason        string
	Labels             []string
	PR                 bool
}

type fakeStatus struct {
	SHA, State, Description, TargetURL, Context string
}

func newFake(t *testing.T, prefix string) *fakeGitHub {
	f := &fakeGitHub{pageSize: 100, nextID: 1000}
	mux := http.NewServeMux()
	p := prefix + "/repos/acme/hex-admin"
	mux.HandleFunc("GET "+p+"/issues/{n}/comments", f.listComments)
	mux.HandleFunc("POST "+p+"/issues/{n}/comments", f.createComment)
	mux.HandleFunc("PATCH "+p+"/issues/comments/{id}", f.editComment)
	mux.HandleFunc("POST "+p+"/statuses/{sha}", f.createStatus)
	mux.HandleFunc("GET "+p+"/issues", f.listIssues)
	mux.HandleFunc("POST "+p+"/issues", f.createIssue)
	mux.HandleFunc("PATCH "+p+"/issues/{n}", f.editIssue)
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.calls = append(f.calls, r.Method+" "+r.URL.RequestURI())
		if r.Header.Get("Authorization") != "Bearer "+testToken {
			writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "Bad credentials"})
			return
		}
		if f.fail != nil && f.fail(w, r) {
			return
		}
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "Problems parsing JSON"})
		return false
	}
	return true
}

// page slices n items as GitHub does and sets the Link header; it returns
// the index range to send.
func (f *fakeGitHub) page(w http.ResponseWriter, r *http.Request, n int) (lo, hi int) {
	q := r.URL.Query()
	pg, _ := strconv.Atoi(q.Get("page"))
	pg = max(pg, 1)
	per, _ := strconv.Atoi(q.Get("per_page"))
	if per <= 0 {
		per = 30
	}
	per = min(per, f.pageSize)
	lo, hi = min((pg-1)*per, n), min(pg*per, n)
	if hi < n {
		q.Set("page", strconv.Itoa(pg+1))
		w.Header().Set("Link", fmt.Sprintf(`<%s%s?%s>; rel="next"`, f.srv.URL, r.URL.Path, q.Encode()))
	}
	return lo, hi
}

func (f *fakeGitHub) commentJSON(c *fakeComment) map[string]any {
	return map[string]any{"id": c.ID, "body": c.Body,
		"html_url": fmt.Sprintf("https://github.example/acme/hex-admin/pull/%d#issuecomment-%d", c.Issue, c.ID)}
}

func (f *fakeGitHub) listComments(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.PathValue("n"))
	var on []*fakeComment
	for _, c := range f.comments {
		if c.Issue == n {
			on = append(on, c)
		}
	}
	lo, hi := f.page(w, r, len(on))
	out := []map[string]any{}
	for _, c := range on[lo:hi] {
		out = append(out, f.commentJSON(c))
	}
	writeJSON(w, http.StatusOK, out)
}

func (f *fakeGitHub) addComment(issue int, body string) *fakeComment {
	f.nextID++
	c := &fakeComment{ID: f.nextID, Issue: issue, Body: body}
	f.comments = append(f.comments, c)
	return c
}

func (f *fakeGitHub) createComment(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.PathValue("n"))
	var in struct{ Body string }
	if decode(w, r, &in) {
		writeJSON(w, http.StatusCreated, f.commentJSON(f.addComment(n, in.Body)))
	}
}

func (f *fakeGitHub) editComment(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var in struct{ Body string }
	if !decode(w, r, &in) {
		return
	}
	for _, c := range f.comments {
		if c.ID == id {
			c.Body = in.Body
			writeJSON(w, http.StatusOK, f.commentJSON(c))
			return
		}
	}
	writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
}

func (f *fakeGitHub) createStatus(w http.ResponseWriter, r *http.Request) {
	var in struct {
		State, Description, Context string
		TargetURL                   string `json:"target_url"`
	}
	if !decode(w, r, &in) {
		return
	}
	f.statuses = append(f.statuses, fakeStatus{SHA: r.PathValue("sha"), State: in.State,
		Description: in.Description, TargetURL: in.TargetURL, Context: in.Context})
	writeJSON(w, http.StatusCreated, map[string]any{"id": 1, "state": in.State, "context": in.Context})
}

func (f *fakeGitHub) issueJSON(is *fakeIssue) map[string]any {
	labels := []map[string]string{}
	for _, l := range is.Labels {
		labels = append(labels, map[string]string{"name": l})
	}
	m := map[string]any{"number": is.Number, "title": is.Title, "body": is.Body, "state": is.State,
		"labels": labels, "html_url": fmt.Sprintf("https://github.example/acme/hex-admin/issues/%d", is.Number)}
	if is.PR {
		m["pull_request"] = map[string]string{"url": "https://github.example/pr"}
	}
	return m
}

func (f *fakeGitHub) listIssues(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	state := q.Get("state")
	if state == "" {
		state = "open"
	}
	var match []*fakeIssue
	for _, is := range f.issues {
		ok := state == "all" || is.State == state
		for _, l := range strings.Split(q.Get("labels"), ",") {
			ok = ok && (l == "" || slices.Contains(is.Labels, l))
		}
		if ok {
			match = append(match, is)
		}
	}
	lo, hi := f.page(w, r, len(match))
	out := []map[string]any{}
	for _, is := range match[lo:hi] {
		out = append(out, f.issueJSON(is))
	}
	writeJSON(w, http.StatusOK, out)
}

func (f *fakeGitHub) createIssue(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Title, Body string
		Labels      []string
	}
	if !decode(w, r, &in) {
		return
	}
	is := &fakeIssue{Number: len(f.issues) + 1, Title: in.Title, Body: in.Body, State: "open", Labels: in.Labels}
	f.issues = append(f.issues, is)
	writeJSON(w, http.StatusCreated, f.issueJSON(is))
}

func (f *fakeGitHub) editIssue(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.PathValue("n"))
	var in struct {
		Title, Body, State *string
		StateReason        *string `json:"state_reason"`
	}
	if !decode(w, r, &in) {
		return
	}
	if n < 1 || n > len(f.issues) {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
		return
	}
	is := f.issues[n-1]
	for dst, src := range map[*string]*string{&is.Title: in.Title, &is.Body: in.Body, &is.State: in.State, &is.StateReason: in.StateReason} {
		if src != nil {
			*dst = *src
		}
	}
	writeJSON(w, http.StatusOK, f.issueJSON(is))
}

// snapshot helpers, locked.

func (f *fakeGitHub) commentsOn(issue int) []fakeComment {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []fakeComment
	for _, c := range f.comments {
		if c.Issue == issue {
			out = append(out, *c)
		}
	}
	return out
}

func (f *fakeGitHub) callLog() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

package ghubtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// The handlers run with s.mu held.

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

func notFound(w http.ResponseWriter) {
	writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
}

// page slices n items as GitHub does and sets the Link header; it returns
// the index range to send.
func (s *Server) page(w http.ResponseWriter, r *http.Request, n int) (lo, hi int) {
	q := r.URL.Query()
	pg, _ := strconv.Atoi(q.Get("page"))
	pg = max(pg, 1)
	per, _ := strconv.Atoi(q.Get("per_page"))
	if per <= 0 {
		per = 30
	}
	per = min(per, s.pageSize)
	lo, hi = min((pg-1)*per, n), min(pg*per, n)
	if hi < n {
		q.Set("page", strconv.Itoa(pg+1))
		w.Header().Set("Link", fmt.Sprintf(`<%s%s?%s>; rel="next"`, s.srv.URL, r.URL.Path, q.Encode()))
	}
	return lo, hi
}

func userJSON(login string) map[string]any {
	typ := "User"
	if strings.HasSuffix(login, "[bot]") {
		typ = "Bot"
	}
	return map[string]any{"login": login, "type": typ}
}

func commentJSON(c *Comment) map[string]any {
	return map[string]any{"id": c.ID, "body": c.Body, "user": userJSON(c.User),
		"html_url": fmt.Sprintf("https://github.example/%s/pull/%d#issuecomment-%d", Repository, c.Issue, c.ID)}
}

func (s *Server) listComments(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.PathValue("n"))
	var on []*Comment
	for _, c := range s.comments {
		if c.Issue == n {
			on = append(on, c)
		}
	}
	lo, hi := s.page(w, r, len(on))
	out := []map[string]any{}
	for _, c := range on[lo:hi] {
		out = append(out, commentJSON(c))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) addComment(issue int, body string) *Comment {
	s.nextID++
	c := &Comment{ID: s.nextID, Issue: issue, Body: body, User: s.user}
	s.comments = append(s.comments, c)
	return c
}

func (s *Server) createComment(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.PathValue("n"))
	var in struct{ Body string }
	if decode(w, r, &in) {
		writeJSON(w, http.StatusCreated, commentJSON(s.addComment(n, in.Body)))
	}
}

func (s *Server) editComment(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var in struct{ Body string }
	if !decode(w, r, &in) {
		return
	}
	for _, c := range s.comments {
		if c.ID == id {
			c.Body = in.Body
			writeJSON(w, http.StatusOK, commentJSON(c))
			return
		}
	}
	notFound(w)
}

func (s *Server) createStatus(w http.ResponseWriter, r *http.Request) {
	var in struct {
		State, Description, Context string
		TargetURL                   string `json:"target_url"`
	}
	if !decode(w, r, &in) {
		return
	}
	s.statuses = append(s.statuses, Status{SHA: r.PathValue("sha"), State: in.State,
		Description: in.Description, TargetURL: in.TargetURL, Context: in.Context})
	writeJSON(w, http.StatusCreated, map[string]any{"id": len(s.statuses), "state": in.State, "context": in.Context})
}

func issueJSON(is *Issue) map[string]any {
	labels := []map[string]string{}
	for _, l := range is.Labels {
		labels = append(labels, map[string]string{"name": l})
	}
	m := map[string]any{"number": is.Number, "title": is.Title, "body": is.Body, "state": is.State, "user": userJSON(is.User),
		"labels": labels, "html_url": fmt.Sprintf("https://github.example/%s/issues/%d", Repository, is.Number)}
	if is.PullRequest {
		m["pull_request"] = map[string]string{"url": "https://github.example/pr"}
	}
	return m
}

func (s *Server) listIssues(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	state := q.Get("state")
	if state == "" {
		state = "open"
	}
	var match []*Issue
	for _, is := range s.issues {
		ok := state == "all" || is.State == state
		for _, l := range strings.Split(q.Get("labels"), ",") {
			ok = ok && (l == "" || slices.Contains(is.Labels, l))
		}
		if ok {
			match = append(match, is)
		}
	}
	lo, hi := s.page(w, r, len(match))
	out := []map[string]any{}
	for _, is := range match[lo:hi] {
		out = append(out, issueJSON(is))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) createIssue(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Title, Body string
		Labels      []string
	}
	if !decode(w, r, &in) {
		return
	}
	is := &Issue{Number: len(s.issues) + 1, Title: in.Title, Body: in.Body, State: "open", Labels: in.Labels, User: s.user}
	s.issues = append(s.issues, is)
	writeJSON(w, http.StatusCreated, issueJSON(is))
}

func (s *Server) editIssue(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.PathValue("n"))
	var in struct {
		Title, Body, State *string
		StateReason        *string `json:"state_reason"`
	}
	if !decode(w, r, &in) {
		return
	}
	if n < 1 || n > len(s.issues) {
		notFound(w)
		return
	}
	is := s.issues[n-1]
	for dst, src := range map[*string]*string{&is.Title: in.Title, &is.Body: in.Body, &is.State: in.State, &is.StateReason: in.StateReason} {
		if src != nil {
			*dst = *src
		}
	}
	writeJSON(w, http.StatusOK, issueJSON(is))
}

// getUser answers GET /user: the login of a personal token; the Actions
// token (an installation token) may not call it.
func (s *Server) getUser(w http.ResponseWriter, _ *http.Request) {
	if !s.userToken {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "Resource not accessible by integration",
			"documentation_url": "https://docs.github.com/rest/users/users#get-the-authenticated-user"})
		return
	}
	writeJSON(w, http.StatusOK, userJSON(s.user))
}

// listCommitPulls lists the pull requests associated with a commit: those
// it is the head or merge commit of, or one of the commits of.
func (s *Server) listCommitPulls(w http.ResponseWriter, r *http.Request) {
	sha := r.PathValue("sha")
	out := []map[string]any{}
	for _, p := range s.pulls {
		if p.HeadSHA != sha && p.MergeCommitSHA != sha && !slices.Contains(p.Commits, sha) {
			continue
		}
		m := map[string]any{"number": p.Number, "state": p.State, "head": map[string]any{"sha": p.HeadSHA},
			"html_url": fmt.Sprintf("https://github.example/%s/pull/%d", Repository, p.Number)}
		if p.MergeCommitSHA != "" {
			m["merge_commit_sha"] = p.MergeCommitSHA
		}
		if p.Merged {
			m["merged_at"] = "2026-01-02T03:04:05Z"
		}
		out = append(out, m)
	}
	lo, hi := s.page(w, r, len(out))
	writeJSON(w, http.StatusOK, out[lo:hi])
}

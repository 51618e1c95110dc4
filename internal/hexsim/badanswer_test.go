package hexsim

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// cursorsOf reads ListUsers pages, following after, and returns the
// cursors each page gave ("" for null), for at most n pages.
func cursorsOf(t *testing.T, c *client, n int) []string {
	t.Helper()
	var got []string
	after := ""
	for i := 0; i < n; i++ {
		path := "/api/v1/users?limit=500"
		if after != "" {
			path += "&after=" + url.QueryEscape(after)
		}
		vals, next, _ := values(t, c.do("GET", path, nil).want(t, 200))
		if len(vals) != 1 {
			t.Fatalf("page %d has %d users, want 1 (the cursor faults page one at a time)", i+1, len(vals))
		}
		got = append(got, next)
		if next == "" {
			break
		}
		after = next
	}
	return got
}

func TestBadAnswerCursors(t *testing.T) {
	s, c := newSim(t, Config{BadAnswer: BadAnswer{Kind: RepeatCursor, Op: "ListUsers"}}, sevenUsers())
	got := cursorsOf(t, c, 4)
	if len(got) != 4 || got[0] == "" || got[1] != got[0] || got[2] != got[0] {
		t.Errorf("repeat: cursors %q, want the first one again and again", got)
	}
	if n := s.Stats().Faults.BadAnswers; n != 3 {
		t.Errorf("%d bad answers counted, want 3", n)
	}
	c.do("GET", "/api/v1/groups?limit=500", nil).want(t, 200) // another endpoint is left alone

	_, c = newSim(t, Config{BadAnswer: BadAnswer{Kind: CycleCursor, Op: "ListUsers"}}, sevenUsers())
	got = cursorsOf(t, c, 4)
	if len(got) != 4 || got[0] == got[1] || got[2] != got[0] || got[3] != got[1] {
		t.Errorf("cycle: cursors %q, want A B A B", got)
	}
}

func TestBadAnswerItems(t *testing.T) {
	tests := []struct {
		bad   BadAnswer
		path  string
		check func(t *testing.T, m map[string]any)
	}{
		{BadAnswer{Kind: NullItem, Op: "ListGroups"}, "/api/v1/groups", func(t *testing.T, m map[string]any) {
			if v := m["values"].([]any); len(v) != 2 || v[1] != nil {
				t.Errorf("values %v, want a null second", v)
			}
		}},
		{BadAnswer{Kind: MissingField, Op: "ListUsers"}, "/api/v1/users", func(t *testing.T, m map[string]any) {
			if _, ok := m["values"].([]any)[0].(map[string]any)["email"]; ok {
				t.Errorf("first user still has an email: %v", m)
			}
		}},
		{BadAnswer{Kind: UnknownEnum}, "/api/v1/users", func(t *testing.T, m map[string]any) {
			if r := m["values"].([]any)[0].(map[string]any)["role"]; r != UndocumentedValue {
				t.Errorf("role %v", r)
			}
		}},
		{BadAnswer{Kind: UnknownEnum, Op: "GetDataConnection", Field: "sharing.workspace.members"}, "/api/v1/data-connections/c-wh", func(t *testing.T, m map[string]any) {
			if r := m["sharing"].(map[string]any)["workspace"].(map[string]any)["members"]; r != UndocumentedValue {
				t.Errorf("members %v", r)
			}
		}},
		{BadAnswer{Kind: MissingField, Op: "ListDataConnections"}, "/api/v1/data-connections", func(t *testing.T, m map[string]any) {
			if _, ok := m["values"].([]any)[0].(map[string]any)["type"]; ok {
				t.Errorf("first connection still has a type: %v", m)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.bad.Kind+"/"+tt.bad.Op, func(t *testing.T) {
			s, c := newSim(t, Config{BadAnswer: tt.bad}, fixture())
			tt.check(t, c.do("GET", tt.path, nil).want(t, 200))
			if st := s.Stats(); st.Faults.BadAnswers != 1 || st.Writes != 0 {
				t.Errorf("stats %+v", st)
			}
		})
	}
}

func TestBadAnswerInstead(t *testing.T) {
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(t *testing.T, c *client, path string) *http.Response {
		req, _ := http.NewRequest("GET", c.url+path, nil)
		req.Header.Set("Authorization", "Bearer "+c.token)
		res, err := noFollow.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Body.Close() })
		return res
	}
	s, c := newSim(t, Config{BadAnswer: BadAnswer{Kind: Redirect, Op: "ListGroups", RedirectTo: "http://127.0.0.1:1/"}}, fixture())
	res := get(t, c, "/api/v1/groups?limit=5")
	if res.StatusCode != 307 || res.Header.Get("Location") != "http://127.0.0.1:1/api/v1/groups?limit=5" {
		t.Errorf("redirect: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	c.do("GET", "/api/v1/users", nil).want(t, 200)
	if st := s.Stats(); st.Faults.BadAnswers != 1 {
		t.Errorf("stats %+v", st)
	}

	_, c = newSim(t, Config{BadAnswer: BadAnswer{Kind: HugeRetryAfter, Op: "CreateGroup"}}, fixture())
	r := c.do("POST", "/api/v1/groups", map[string]any{"name": "New"})
	if r.status != 429 || r.header.Get("Retry-After") != "86400" {
		t.Errorf("retry after: %d, %q", r.status, r.header.Get("Retry-After"))
	}

	s, c = newSim(t, Config{BadAnswer: BadAnswer{Kind: OversizedBody, Op: "ListGroups"}}, fixture())
	res = get(t, c, "/api/v1/groups")
	data, err := io.ReadAll(res.Body)
	if err != nil || len(data) != OversizedBytes || !json.Valid(data) {
		t.Errorf("oversized: %d bytes (want %d), valid JSON %v, %v", len(data), OversizedBytes, json.Valid(data), err)
	}
	if st := s.Stats(); st.Writes != 0 || st.Faults.BadAnswers != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestCheckBadAnswer(t *testing.T) {
	for _, b := range []BadAnswer{{}, {Kind: NullItem}, {Kind: Redirect, RedirectTo: "http://x"}, {Kind: MissingField, Op: "ListGroups"}} {
		if err := CheckBadAnswer(b); err != nil {
			t.Errorf("%+v: %v", b, err)
		}
	}
	for b, want := range map[BadAnswer]string{
		{Kind: "nonsense"}:            "unknown bad answer",
		{Kind: NullItem, Op: "Lists"}: "unknown operation",
		{Kind: Redirect}:              "needs the URL",
	} {
		if err := CheckBadAnswer(b); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%+v: %v, want %q", b, err, want)
		}
	}
}

package hexapi

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestErrorShapes(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
		call    func(c *Client) error
		want    APIError
		texts   []string
	}{{
		name: "newer shape",
		handler: func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 400, map[string]any{"code": "BAD_REQUEST", "message": "invalid query", "issues": []any{map[string]any{"message": "limit too large"}}})
		},
		call:  func(c *Client) error { _, _, err := c.Users.List(context.Background(), nil); return err },
		want:  APIError{StatusCode: 400, Code: "BAD_REQUEST", Message: "invalid query", Issues: []string{"limit too large"}, Method: "GET", Path: "/v1/users"},
		texts: []string{"GET /v1/users: 400 bad request (BAD_REQUEST): invalid query [limit too large]"},
	}, {
		name: "older shape",
		handler: func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 404, map[string]any{"reason": "Group not found", "details": "no group g1", "traceId": "tr-1"})
		},
		call:  func(c *Client) error { _, err := c.Groups.Get(context.Background(), "g1"); return err },
		want:  APIError{StatusCode: 404, Reason: "Group not found", Details: "no group g1", TraceID: "tr-1", Method: "GET", Path: "/v1/groups/g1"},
		texts: []string{"404 not found: Group not found: no group g1", "trace id tr-1"},
	}, {
		name: "plain text 401",
		handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("x-trace-id", "edge-9")
			http.Error(w, "Unauthorized", 401)
		},
		call:  func(c *Client) error { _, err := c.Users.Me(context.Background()); return err },
		want:  APIError{StatusCode: 401, Message: "Unauthorized", TraceID: "edge-9", Method: "GET", Path: "/v1/users/me"},
		texts: []string{"invalid, expired or revoked", "Enable API access"},
	}, {
		name: "403 users read",
		handler: func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 403, map[string]any{"code": "FORBIDDEN", "message": "forbidden"})
		},
		call:  func(c *Client) error { _, err := c.Users.ListAll(context.Background(), "g1"); return err },
		want:  APIError{StatusCode: 403, Code: "FORBIDDEN", Message: "forbidden", Method: "GET", Path: "/v1/users"},
		texts: []string{`"Users Read" scope`},
	}, {
		name: "403 groups write",
		handler: func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 403, map[string]any{"reason": "forbidden"})
		},
		call:  func(c *Client) error { return c.Groups.Delete(context.Background(), "g1") },
		want:  APIError{StatusCode: 403, Reason: "forbidden", Method: "DELETE", Path: "/v1/groups/g1"},
		texts: []string{`"Groups Write" scope`},
	}, {
		name: "403 connections write",
		handler: func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 403, map[string]any{"reason": "forbidden"})
		},
		call: func(c *Client) error {
			_, err := c.DataConnections.Edit(context.Background(), "d1", &DataConnectionEdit{})
			return err
		},
		want:  APIError{StatusCode: 403, Reason: "forbidden", Method: "PATCH", Path: "/v1/data-connections/d1"},
		texts: []string{`"Data connections Write" scope`},
	}, {
		name: "403 users write",
		handler: func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 403, map[string]any{"code": "FORBIDDEN", "message": "no"})
		},
		call:  func(c *Client) error { _, err := c.Users.Deactivate(context.Background(), "u1"); return err },
		want:  APIError{StatusCode: 403, Code: "FORBIDDEN", Message: "no", Method: "POST", Path: "/v1/users/u1/deactivate"},
		texts: []string{`"Users Write" scope`},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newTestClient(t, tt.handler)
			err := tt.call(c)
			var ae *APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %v (%T), want *APIError", err, err)
			}
			if ae.StatusCode != tt.want.StatusCode || ae.Code != tt.want.Code || ae.Message != tt.want.Message ||
				ae.Reason != tt.want.Reason || ae.Details != tt.want.Details || ae.TraceID != tt.want.TraceID ||
				ae.Method != tt.want.Method || ae.Path != tt.want.Path || strings.Join(ae.Issues, "|") != strings.Join(tt.want.Issues, "|") {
				t.Errorf("got  %#v\nwant %#v", *ae, tt.want)
			}
			for _, s := range tt.texts {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %q", err, s)
				}
			}
		})
	}
}

func TestTokenNeverInErrors(t *testing.T) {
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		switch r.URL.Path {
		case "/api/v1/users/me":
			http.Error(w, "bad token "+auth, 401)
		case "/api/v1/groups":
			writeJSON(w, 422, map[string]any{"reason": "got " + auth, "details": auth, "traceId": auth})
		default:
			writeJSON(w, 400, map[string]any{"code": auth, "message": auth, "issues": []any{map[string]any{"message": auth}}})
		}
	})
	c, _ := newTestClient(t, echo, WithRetries(0))
	_, err1 := c.Users.Me(context.Background())
	_, err2 := c.Groups.ListAll(context.Background())
	_, err3 := c.DataConnections.ListAll(context.Background())
	for i, err := range []error{err1, err2, err3} {
		if err == nil {
			t.Fatalf("call %d: no error", i)
		}
		if strings.Contains(err.Error(), testToken) {
			t.Errorf("call %d: error shows the token: %v", i, err)
		}
		var ae *APIError
		if errors.As(err, &ae) && strings.Contains(strings.Join(append(ae.Issues, ae.Code, ae.Message, ae.Reason, ae.Details, ae.TraceID), " "), testToken) {
			t.Errorf("call %d: APIError fields hold the token: %#v", i, ae)
		}
	}
	// A network error names the URL, never the header.
	c2, err := NewClient("http://127.0.0.1:1", testToken, WithRetries(0), WithRateLimit(0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c2.Users.Me(context.Background())
	var re *RequestError
	if !errors.As(err, &re) || strings.Contains(err.Error(), testToken) {
		t.Errorf("network error = %v (%T)", err, err)
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"7", 7 * time.Second, true},
		{"0", 0, true},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0, true},
		{"", 0, false},
		{"soon", 0, false},
		{"-3", 0, false},
		{"1.5", 0, false},
	}
	for _, tt := range tests {
		got, ok := retryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRequiredScope(t *testing.T) {
	for _, tt := range [][3]string{
		{"GET", "/v1/users/me", "Users Read"},
		{"POST", "/v1/users/u/deactivate", "Users Write"},
		{"GET", "/v1/groups", "Groups Read"},
		{"POST", "/v1/groups", "Groups Write"},
		{"GET", "/v1/data-connections/x", "Data connections Read"},
		{"POST", "/v1/data-connections", "Data connections Write"},
	} {
		if got := RequiredScope(tt[0], tt[1]); got != tt[2] {
			t.Errorf("RequiredScope(%s %s) = %q, want %q", tt[0], tt[1], got, tt[2])
		}
	}
}

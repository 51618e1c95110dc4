package ghub

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-github/v60/github"
	"github.com/hexform/hexform/internal/ghub/ghubtest"
)

func TestErrorsExplained(t *testing.T) {
	denied := `{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest"}`
	tests := []struct {
		name  string
		fail  func(http.ResponseWriter, *http.Request) bool
		call  func(*Client) error
		kind  ErrorKind
		perm  string
		wants []string
	}{
		{"comment 403", ghubtest.FailWith(403, nil, denied), upsert, KindPermission, PermPullRequests,
			[]string{"list comments of pull request #7: 403 forbidden: Resource not accessible by integration", "add `permissions: pull-requests: write`"}},
		{"status 404", ghubtest.FailWith(404, nil, `{"message":"Not Found"}`), status, KindPermission, PermStatuses,
			[]string{"set commit status hexform/plan: 404 not found", "permissions: statuses: write"}},
		{"issues 403", ghubtest.FailWith(403, nil, denied), drift, KindPermission, PermIssues,
			[]string{"list drift issues: 403 forbidden", "permissions: issues: write"}},
		{"rate limit", ghubtest.FailWith(403, map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1700000000"},
			`{"message":"API rate limit exceeded"}`), status, KindRateLimit, "",
			[]string{"rate limit exceeded; it resets at 2023-11-14T22:13:20Z"}},
		{"secondary rate limit", ghubtest.FailWith(403, map[string]string{"Retry-After": "60"},
			`{"message":"You have exceeded a secondary rate limit","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}`),
			upsert, KindRateLimit, "", []string{"secondary rate limit exceeded; retry after 1m0s"}},
		{"429", ghubtest.FailWith(429, map[string]string{"X-RateLimit-Reset": "1700000000"}, `{"message":"slow down"}`),
			drift, KindRateLimit, "", []string{"429 too many requests: slow down: rate limit exceeded; it resets at 2023-11-14T22:13:20Z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := ghubtest.New(t)
			f.SetFail(tt.fail)
			err := tt.call(newTestClient(t, f))
			var ae *APIError
			if !errors.As(err, &ae) || ae.Kind != tt.kind || ae.Permission != tt.perm {
				t.Fatalf("got %#v, want APIError kind %s permission %q", err, tt.kind, tt.perm)
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q lacks %q", err, w)
				}
			}
			if strings.Contains(err.Error(), testToken) {
				t.Error("token in error message")
			}
		})
	}
}

func upsert(c *Client) error {
	_, _, err := c.UpsertPRComment(context.Background(), 7, "k", "b")
	return err
}

func status(c *Client) error {
	return c.SetStatus(context.Background(), "abc", "success", "d", "")
}

func drift(c *Client) error {
	_, _, err := c.SyncDriftIssue(context.Background(), "k", "t", "b", true)
	return err
}

func TestErrorsWrapGoGithubTypes(t *testing.T) {
	f := ghubtest.New(t)
	f.SetFail(ghubtest.FailWith(403, map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1700000000"}, `{"message":"API rate limit exceeded"}`))
	var rl *github.RateLimitError
	if err := status(newTestClient(t, f)); !errors.As(err, &rl) || rl.Rate.Reset.Unix() != 1700000000 {
		t.Errorf("RateLimitError not reachable: %#v", err)
	}
	f.SetFail(ghubtest.FailWith(403, map[string]string{"Retry-After": "30"},
		`{"message":"secondary","documentation_url":"https://docs.github.com/rest#secondary-rate-limits"}`))
	var ab *github.AbuseRateLimitError
	if err := status(newTestClient(t, f)); !errors.As(err, &ab) {
		t.Errorf("AbuseRateLimitError not reachable: %#v", err)
	}
	f.SetFail(ghubtest.FailWith(422, nil, `{"message":"Validation Failed"}`))
	var er *github.ErrorResponse
	var ae *APIError
	err := status(newTestClient(t, f))
	if !errors.As(err, &er) || !errors.As(err, &ae) || ae.Kind != KindOther {
		t.Errorf("422: %#v", err)
	}
	if want := "github: set commit status hexform/plan: 422 unprocessable entity: Validation Failed"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
}

// TestErrorDetailsShown: a 422's details (what GitHub refused) are in the
// message, not only "Validation Failed".
func TestErrorDetailsShown(t *testing.T) {
	f := ghubtest.New(t)
	f.SetFail(ghubtest.FailWith(422, nil, `{"message":"Validation Failed","errors":[`+
		`{"resource":"Repository","field":"label","code":"unauthorized","message":"You do not have permission to create labels on this repository"},`+
		`{"resource":"Issue","field":"title","code":"missing_field"}]}`))
	err := drift(newTestClient(t, f))
	want := "422 unprocessable entity: Validation Failed (label: You do not have permission to create labels on this repository; title: missing_field)"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("message %q lacks %q", err, want)
	}
}

func TestBadToken(t *testing.T) {
	f := ghubtest.New(t)
	env := testEnv(f)
	env.Token = "wrong-token-value"
	c, err := NewClient(context.Background(), env, f.Client())
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = c.UpsertPRComment(context.Background(), 7, "k", "b")
	var ae *APIError
	if !errors.As(err, &ae) || ae.Kind != KindBadToken || ae.StatusCode != 401 {
		t.Fatalf("got %#v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "401 unauthorized: Bad credentials: the token is invalid or expired") ||
		strings.Contains(msg, "wrong-token-value") {
		t.Errorf("message %q", msg)
	}
}

func TestNetworkErrorHidesToken(t *testing.T) {
	f := ghubtest.New(t)
	c := newTestClient(t, f)
	f.Close()
	err := status(c)
	var ae *APIError
	if !errors.As(err, &ae) || ae.Kind != KindOther || strings.Contains(err.Error(), testToken) {
		t.Errorf("got %v", err)
	}
}

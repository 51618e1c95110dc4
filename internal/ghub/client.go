package ghub

import (
	"context"
	"net/http"
	"strings"

	"github.com/google/go-github/v60/github"
)

// Client talks to one repository's GitHub API with the Actions token.
type Client struct {
	gh     *github.Client
	owner  string
	repo   string
	token  string // only to redact it from messages; never printed
	runURL string
	login  string // the identity the token writes as, once known (Identity)
}

// NewClient builds a client for env's repository and API URL (GitHub
// Enterprise, or an httptest server in tests). httpClient may be nil; it is
// copied, not changed. No request is made.
func NewClient(_ context.Context, env Env, httpClient *http.Client) (*Client, error) {
	if env.Token == "" {
		return nil, errNoToken()
	}
	owner, repo, err := env.ownerRepo()
	if err != nil {
		return nil, err
	}
	base, err := env.apiBase()
	if err != nil {
		return nil, err
	}
	hc := &http.Client{}
	if httpClient != nil {
		c := *httpClient
		hc = &c
	}
	rt := hc.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	hc.Transport = &authTransport{token: env.Token, host: base.Host, base: rt}
	gh := github.NewClient(hc)
	gh.BaseURL = base
	return &Client{gh: gh, owner: owner, repo: repo, token: env.Token, runURL: env.RunURL(), login: strings.TrimSpace(env.Login)}, nil
}

// authTransport adds the token to requests for the API host only, so a
// redirect elsewhere never carries it.
type authTransport struct {
	token string
	host  string
	base  http.RoundTripper
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host != t.host {
		return t.base.RoundTrip(req)
	}
	r := req.Clone(req.Context())
	r.Header.Set("Authorization", "Bearer "+t.token)
	return t.base.RoundTrip(r)
}

func (c *Client) wrap(op, perm string, err error) error {
	return wrapErr(op, perm, c.token, err)
}

package hexapi

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// maxRedirects is how many redirects within the workspace's origin are
// followed (http.Client's own default).
const maxRedirects = 10

// RedirectError is a redirect the client did not follow: it led away from
// the workspace's origin (another scheme, host or port, https to http
// included). The redirected request was never sent, so neither the token
// nor a request body reached the other origin.
type RedirectError struct {
	Method, Path string
	From, To     string // origins, scheme://host:port
}

func (e *RedirectError) Error() string {
	return "hex api: " + e.Method + " " + e.Path + ": the server redirected to " + e.To +
		", another origin than the workspace's " + e.From +
		": not followed, so the token and the request stay with the workspace; check the workspace URL"
}

// reqKey carries the request a redirect belongs to, for its error.
type reqKey struct{}

// guardRedirects returns a copy of h (h itself is not changed) whose
// redirects must stay within base's origin; h's own CheckRedirect, if any,
// is asked as well.
func guardRedirects(h *http.Client, base *url.URL) *http.Client {
	g := *h
	prev := h.CheckRedirect
	g.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if from, to := origin(base), origin(req.URL); from != to {
			e := &RedirectError{From: from, To: to}
			if r, ok := req.Context().Value(reqKey{}).(request); ok {
				e.Method, e.Path = r.method, r.path
			}
			return e
		}
		if prev != nil {
			return prev(req, via)
		}
		if len(via) >= maxRedirects {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	return &g
}

// origin is scheme://host:port, lower-cased, with the scheme's default
// port spelt out, so that https://App.hex.tech and https://app.hex.tech:443
// are one origin.
func origin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[scheme]
	}
	return scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

package hexapi

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Defaults of a new Client.
const (
	DefaultRateLimit      = 30 // requests a minute, the Hex API's default group limit
	DefaultRetries        = 4
	DefaultBackoffBase    = time.Second
	DefaultBackoffMax     = 30 * time.Second
	DefaultRequestTimeout = 30 * time.Second
	DefaultUserAgent      = "hexform"
	// DefaultMaxRetryWait is the longest wait before a retry: a Retry-After
	// asking for more is cut to it. A per-minute rate limit never needs more.
	DefaultMaxRetryWait = time.Minute
)

// MaxResponseBytes bounds the body of one answer (a page of 500 users is
// about 100 KB); a longer body is refused, and never read past the bound.
const MaxResponseBytes = 32 << 20

// Limiter paces requests; *rate.Limiter satisfies it.
type Limiter interface {
	Wait(ctx context.Context) error
}

// ProgressEvent reports one page read by a ListAll call.
type ProgressEvent struct {
	Resource string // "users", "group members", "groups", "data connections"
	Page     int    // 1-based page number
	Items    int    // items read so far, this page included
	// Step of Steps, when the caller reads one resource per item of a list
	// (the members of group 12 of 1000), from WithStep; 0 otherwise.
	Step, Steps int
}

type stepKey struct{}

// WithStep marks the ListAll calls made with ctx as step of steps, so
// progress can say how far a per-item read has come and estimate the rest.
func WithStep(ctx context.Context, step, steps int) context.Context {
	return context.WithValue(ctx, stepKey{}, [2]int{step, steps})
}

// Client talks to one Hex workspace. Create it with NewClient.
type Client struct {
	base      *url.URL // e.g. https://app.hex.tech (without /api)
	token     string
	http      *http.Client
	limiter   Limiter // the default group's (hex-api)
	fixed     Limiter // the fixed group's (hex-api-30rpm)
	rate      int     // the default group's limit a minute; 0 turns both off
	custom    *Limiter
	retries   int
	backBase  time.Duration
	backMax   time.Duration
	maxWait   time.Duration // cap on Retry-After
	timeout   time.Duration
	userAgent string
	progress  func(ProgressEvent)
	onRetry   func(RetryEvent)
	sleep     func(ctx context.Context, d time.Duration) error
	jitter    func(max time.Duration) time.Duration
	now       func() time.Time
	scrubbers []func(string) string

	// Bounds of answers: bytes of a body, pages and items of a list.
	maxBody            int64
	maxPages, maxItems int

	// sent counts the requests sent, attempts included, by operationId.
	sent *sentCounter

	Users           *UsersService
	Groups          *GroupsService
	DataConnections *DataConnectionsService
	Collections     *CollectionsService
}

// Option configures a Client.
type Option func(*Client) error

// WithHTTPClient sets the HTTP client (default: a new http.Client). The
// client uses a copy of h that follows no redirect away from the
// workspace's origin; h itself is not changed.
func WithHTTPClient(h *http.Client) Option {
	return func(c *Client) error {
		if h == nil {
			return errors.New("hex api: nil http client")
		}
		c.http = h
		return nil
	}
}

// WithRateLimit sets the client-side limit of the default rate-limit group,
// "hex-api" (every operation but ListUsers, DeactivateUser and Me), in
// requests a minute (default 30, burst 1, paced 2% below the limit, the first
// request waiting one interval too). The fixed group, "hex-api-30rpm", stays
// at 30 a minute whatever perMinute is: Hex does not raise it. Zero or less
// turns client-side limiting off for both groups (for tests against a local
// simulator).
func WithRateLimit(perMinute int) Option {
	return func(c *Client) error {
		c.rate = max(perMinute, 0)
		return nil
	}
}

// WithLimiter replaces the rate limiters of both groups with l, which then
// paces every request (nil turns limiting off).
func WithLimiter(l Limiter) Option {
	return func(c *Client) error { c.custom = &l; return nil }
}

// WithRetries sets how many times a failed request is retried (default 4).
func WithRetries(n int) Option {
	return func(c *Client) error {
		if n < 0 {
			return fmt.Errorf("hex api: retries must not be negative, got %d", n)
		}
		c.retries = n
		return nil
	}
}

// WithBackoff sets the exponential backoff: the n-th retry waits a random
// time in [0, min(max, base·2ⁿ)) unless the server sent Retry-After.
func WithBackoff(base, max time.Duration) Option {
	return func(c *Client) error {
		if base <= 0 || max < base {
			return fmt.Errorf("hex api: backoff needs 0 < base <= max, got %v and %v", base, max)
		}
		c.backBase, c.backMax = base, max
		return nil
	}
}

// WithMaxRetryWait sets the longest wait before a retry (default
// DefaultMaxRetryWait). A server's Retry-After beyond it is cut to it, and
// the retry notice says so: a misbehaving server cannot stall a run for a
// day.
func WithMaxRetryWait(d time.Duration) Option {
	return func(c *Client) error {
		if d <= 0 {
			return fmt.Errorf("hex api: the longest retry wait must be positive, got %v", d)
		}
		c.maxWait = d
		return nil
	}
}

// WithScrubber adds a function that removes secrets from text: it is applied,
// after the token is redacted and before anything is cut short, to every
// message a server sends back and to every error text the client builds.
// Callers register the secret values they send (connection passwords), so a
// server that echoes a request body cannot put them in an error.
func WithScrubber(f func(string) string) Option {
	return func(c *Client) error {
		if f == nil {
			return errors.New("hex api: nil scrubber")
		}
		c.scrubbers = append(c.scrubbers, f)
		return nil
	}
}

// WithRequestTimeout bounds each HTTP attempt (default 30s).
func WithRequestTimeout(d time.Duration) Option {
	return func(c *Client) error {
		if d <= 0 {
			return fmt.Errorf("hex api: request timeout must be positive, got %v", d)
		}
		c.timeout = d
		return nil
	}
}

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(c *Client) error { c.userAgent = ua; return nil }
}

// WithProgress receives an event after every page a ListAll call reads.
func WithProgress(f func(ev ProgressEvent)) Option {
	return func(c *Client) error { c.progress = f; return nil }
}

// RetryEvent reports a failed attempt that is about to be retried.
type RetryEvent struct {
	Method, Path string        // e.g. GET /v1/users
	Retry, Max   int           // 1-based retry number, of at most Max
	Wait         time.Duration // the wait before the retry
	// RetryAfter is what the server's Retry-After asked for (0 without one);
	// Capped says it was over the client's maximum wait, which Wait is then.
	RetryAfter time.Duration
	Capped     bool
	Err        error // why the attempt failed (never holds the token); says when the wait was capped
}

// WithRetryNotice receives an event before every retry, so that a caller can
// say why a run pauses (a 429's Retry-After may be a minute).
func WithRetryNotice(f func(ev RetryEvent)) Option {
	return func(c *Client) error { c.onRetry = f; return nil }
}

// WithSleep replaces the function that waits between retries and for the
// default rate limiter (tests use it to avoid real sleeping). It must return
// ctx.Err() when ctx ends first.
func WithSleep(f func(ctx context.Context, d time.Duration) error) Option {
	return func(c *Client) error { c.sleep = f; return nil }
}

// WithClock replaces the clock (default time.Now) that the rate limiter
// paces by and Retry-After dates are read against. With WithSleep it puts
// the whole client on a virtual clock, so a test can run many minutes of
// rate-limited requests in no time.
func WithClock(now func() time.Time) Option {
	return func(c *Client) error {
		if now == nil {
			return errors.New("hex api: nil clock")
		}
		c.now = now
		return nil
	}
}

// NewClient returns a client for the workspace at baseURL, e.g.
// "https://app.hex.tech" (the client adds "/api"). The URL must use https,
// except for loopback hosts (127.0.0.0/8, ::1, localhost).
func NewClient(baseURL string, token string, opts ...Option) (*Client, error) {
	u, err := parseBase(baseURL)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(token) == "" {
		return nil, errors.New("hex api: empty API token")
	}
	c := &Client{
		base: u, token: token, http: &http.Client{},
		rate:     DefaultRateLimit,
		retries:  DefaultRetries,
		backBase: DefaultBackoffBase, backMax: DefaultBackoffMax, maxWait: DefaultMaxRetryWait,
		maxBody: MaxResponseBytes, maxPages: MaxListPages, maxItems: MaxListItems,
		timeout: DefaultRequestTimeout, userAgent: DefaultUserAgent,
		sleep: sleepCtx, jitter: randDuration, now: time.Now,
		sent: &sentCounter{n: map[string]int{}},
	}
	for _, o := range opts {
		if err := o(c); err != nil {
			return nil, err
		}
	}
	c.http = guardRedirects(c.http, c.base)
	c.setLimiters()
	c.Users = &UsersService{c: c}
	c.Groups = &GroupsService{c: c}
	c.DataConnections = &DataConnectionsService{c: c}
	c.Collections = &CollectionsService{c: c}
	return c, nil
}

// parseBase checks the workspace URL. Its errors show at most the scheme,
// host and path: a URL someone pasted a token into (user info, a query)
// is never echoed whole.
func parseBase(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, errors.New("hex api: invalid base URL: want the workspace URL, e.g. https://app.hex.tech")
	}
	shown := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("hex api: base URL %s... must have no user info, query or fragment: the token goes in HEX_API_TOKEN or --token-file", shown)
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return nil, fmt.Errorf("hex api: base URL %q uses plain http: use https (http is allowed only for loopback hosts)", shown)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.Path = strings.TrimSuffix(u.Path, "/api")
	u.RawPath = ""
	return u, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// BaseURL is the workspace URL the client was made for, without "/api".
func (c *Client) BaseURL() string { return c.base.String() }

// String describes the client without its token. It has a value receiver
// so that printing a Client value does not show its fields either.
func (c Client) String() string { return "hexapi.Client(" + c.base.String() + ")" }

// GoString is like String, so %#v never shows the token.
func (c Client) GoString() string { return c.String() }

// redact removes the token, then what the scrubbers remove, from text that
// may echo them.
func (c *Client) redact(s string) string {
	if c.token != "" {
		s = strings.ReplaceAll(s, c.token, "[redacted]")
	}
	for _, f := range c.scrubbers {
		s = f(s)
	}
	return s
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// sentCounter counts requests by operationId; it is shared by copies of
// the client.
type sentCounter struct {
	mu sync.Mutex
	n  map[string]int
}

// Requests is how many requests the client has sent so far, retries
// included, by operationId ("ListUsers").
func (c *Client) Requests() map[string]int {
	out := map[string]int{}
	if c.sent == nil {
		return out
	}
	c.sent.mu.Lock()
	defer c.sent.mu.Unlock()
	for op, n := range c.sent.n {
		out[op] = n
	}
	return out
}

func (c *Client) countSent(op string) {
	if c.sent == nil {
		return
	}
	c.sent.mu.Lock()
	defer c.sent.mu.Unlock()
	c.sent.n[op]++
}

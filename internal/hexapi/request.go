package hexapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"time"

	"golang.org/x/time/rate"
)

// Response carries what a call learnt besides its result.
type Response struct {
	StatusCode int
	TraceID    string
	// After and Before are the cursors of a list page ("" at the ends).
	After, Before string
}

// RequestError is a request that got no HTTP answer (network error or timeout).
type RequestError struct {
	Method, Path string
	msg          string
	err          error
}

func (e *RequestError) Error() string { return "hex api: " + e.Method + " " + e.Path + ": " + e.msg }

// Unwrap returns the underlying error (e.g. context.DeadlineExceeded).
func (e *RequestError) Unwrap() error { return e.err }

// request describes one API call.
type request struct {
	op     string // the operationId, which names the rate-limit group
	method string
	path   string // from /v1 on
	query  url.Values
	body   any
	// create marks a non-idempotent create: an ambiguous failure (network
	// error, timeout, 5xx) is returned instead of retried, so the caller can
	// look the item up first.
	create bool
	// delete marks a delete: a 404 after an ambiguous failed attempt means
	// that attempt deleted the item, so it counts as success.
	delete bool
}

// outcome is one attempt's result.
type outcome struct {
	resp      *Response
	err       error
	retry     bool          // worth another attempt
	ambiguous bool          // the server may have carried the request out
	wait      time.Duration // Retry-After, when sent, at most the client's maximum wait
	hasWait   bool
	asked     time.Duration // the Retry-After sent, when it was over the maximum
}

// do runs r with rate limiting and retries and decodes a 2xx body into out.
func (c *Client) do(ctx context.Context, r request, out any) (*Response, error) {
	var payload []byte
	if r.body != nil {
		var err error
		if payload, err = json.Marshal(r.body); err != nil {
			return nil, fmt.Errorf("hex api: %s %s: encoding request: %w", r.method, r.path, err)
		}
	}
	ambiguous := false // an earlier attempt may have been carried out
	for attempt := 0; ; attempt++ {
		if l := c.limiterFor(r.op); l != nil {
			if err := c.waitLimiter(ctx, l); err != nil {
				return nil, &RequestError{Method: r.method, Path: r.path, msg: "waiting for the rate limiter: " + err.Error(), err: err}
			}
		}
		c.countSent(r.op)
		o := c.attempt(ctx, r, payload, out)
		if o.err == nil || (r.delete && ambiguous && o.resp != nil && o.resp.StatusCode == http.StatusNotFound) {
			return o.resp, nil
		}
		ambiguous = ambiguous || o.ambiguous
		if !o.retry || (o.ambiguous && r.create) {
			return o.resp, o.err
		}
		if err := ctx.Err(); err != nil {
			// Ended while the answer came: the error says both, so that
			// errors.Is finds the cancellation whichever came first.
			return o.resp, fmt.Errorf("%w (not retried: %w)", o.err, err)
		}
		if attempt >= c.retries {
			return o.resp, giveUp(o, attempt+1)
		}
		wait := o.wait
		if !o.hasWait {
			wait = c.backoff(attempt)
		}
		if c.onRetry != nil {
			c.onRetry(c.retryEvent(r, attempt, wait, o))
		}
		if err := c.sleep(ctx, wait); err != nil {
			return nil, &RequestError{Method: r.method, Path: r.path, msg: "waiting to retry: " + err.Error(), err: err}
		}
	}
}

// waitLimiter waits for the rate limiter l. A *rate.Limiter (the client's
// own) is asked for a reservation at c.now and waited for with c.sleep, so
// that it follows the client's clock (WithClock); any other Limiter waits
// itself.
func (c *Client) waitLimiter(ctx context.Context, l Limiter) error {
	rl, ok := l.(*rate.Limiter)
	if !ok {
		return l.Wait(ctx)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	now := c.now()
	r := rl.ReserveN(now, 1)
	if !r.OK() {
		return errors.New("rate limiter refused the request")
	}
	if err := c.sleep(ctx, r.DelayFrom(now)); err != nil {
		r.CancelAt(c.now())
		return err
	}
	return nil
}

// retryEvent describes the retry after attempt; a Retry-After cut to the
// client's maximum wait is said in its error.
func (c *Client) retryEvent(r request, attempt int, wait time.Duration, o outcome) RetryEvent {
	ev := RetryEvent{Method: r.method, Path: r.path, Retry: attempt + 1, Max: c.retries, Wait: wait, Err: o.err}
	if o.hasWait {
		ev.RetryAfter = o.wait
	}
	if o.asked > 0 {
		ev.RetryAfter, ev.Capped = o.asked, true
		ev.Err = fmt.Errorf("%w (Retry-After asked for %v: cut to the client's longest wait, %v)", o.err, o.asked, c.maxWait)
	}
	return ev
}

func giveUp(o outcome, attempts int) error {
	var ae *APIError
	if errors.As(o.err, &ae) && ae.StatusCode == http.StatusTooManyRequests {
		after := o.wait
		if o.asked > 0 {
			after = o.asked
		}
		return &RateLimitError{RetryAfter: after, Err: ae}
	}
	return fmt.Errorf("%w (gave up after %d attempts)", o.err, attempts)
}

// backoff is full jitter: a random wait in [0, min(max, base·2^attempt)).
func (c *Client) backoff(attempt int) time.Duration {
	d := c.backMax
	if attempt < 30 {
		if e := c.backBase << attempt; e > 0 && e < d {
			d = e
		}
	}
	return c.jitter(d)
}

func randDuration(max time.Duration) time.Duration {
	if max <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(max)))
}

// attempt sends r once, bounded by the request timeout.
func (c *Client) attempt(ctx context.Context, r request, payload []byte, out any) outcome {
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	actx = context.WithValue(actx, reqKey{}, r)
	u := *c.base
	u.Path = c.base.Path + "/api" + r.path
	u.RawQuery = r.query.Encode()
	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(actx, r.method, u.String(), body)
	if err != nil {
		return outcome{err: &RequestError{Method: r.method, Path: r.path, msg: c.redact(err.Error()), err: err}}
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	var redirect *RedirectError
	if errors.As(err, &redirect) {
		return outcome{err: redirect} // never retried: the answer would be the same
	}
	if err != nil {
		return c.netOutcome(ctx, actx, r, err)
	}
	defer resp.Body.Close()
	// One byte past the bound tells a body over it; no more is read.
	data, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBody+1))
	if err != nil {
		return c.netOutcome(ctx, actx, r, err)
	}
	over := int64(len(data)) > c.maxBody
	if over {
		data = data[:c.maxBody]
	}
	return c.httpOutcome(resp, data, over, r, out)
}

func (c *Client) netOutcome(ctx, actx context.Context, r request, err error) outcome {
	if ctx.Err() != nil {
		return outcome{err: &RequestError{Method: r.method, Path: r.path, msg: ctx.Err().Error(), err: ctx.Err()}}
	}
	if msg, ok := tlsProblem(err, c.base.Host); ok {
		return outcome{err: &RequestError{Method: r.method, Path: r.path, msg: c.redact(msg), err: err}}
	}
	msg := c.redact(err.Error())
	if errors.Is(actx.Err(), context.DeadlineExceeded) {
		msg = fmt.Sprintf("no answer within %v", c.timeout)
		err = context.DeadlineExceeded
	}
	return outcome{err: &RequestError{Method: r.method, Path: r.path, msg: msg, err: err}, retry: true, ambiguous: true}
}

// httpOutcome reads an HTTP answer; over says the body was cut at the
// client's bound (a 2xx body over it is refused, an error body is read cut).
func (c *Client) httpOutcome(resp *http.Response, data []byte, over bool, r request, out any) outcome {
	res := &Response{StatusCode: resp.StatusCode, TraceID: c.serverText(resp.Header.Get("x-trace-id"))}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		bad := func(problem string) outcome {
			return outcome{resp: res, err: &MalformedError{Method: r.method, Path: r.path, Problem: problem}}
		}
		if over {
			return bad("the body is over " + sizeText(c.maxBody) + " (the client's bound)")
		}
		if out != nil && len(bytes.TrimSpace(data)) > 0 {
			if err := json.Unmarshal(data, out); err != nil {
				return bad("the body is not the documented JSON: " + boundText(c.redact(err.Error()), MaxServerText))
			}
		}
		return outcome{resp: res}
	}
	o := outcome{resp: res, err: c.newAPIError(resp, data, r.method, r.path)}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		o.retry = true
	case resp.StatusCode >= 500:
		o.retry, o.ambiguous = true, true
	}
	if o.retry {
		o.wait, o.hasWait = retryAfter(resp.Header.Get("Retry-After"), c.now())
		if o.hasWait && o.wait > c.maxWait {
			o.asked, o.wait = o.wait, c.maxWait
		}
	}
	return o
}

// isAmbiguous reports whether err leaves open that the server did the work.
func isAmbiguous(err error) bool {
	var re *RequestError
	if errors.As(err, &re) {
		return !errors.Is(err, context.Canceled)
	}
	var ae *APIError
	return errors.As(err, &ae) && ae.StatusCode >= 500
}

// doChecked is do for an answer that must match the API description: out
// is decoded, then checked, and a bad answer is a *MalformedError.
func (c *Client) doChecked(ctx context.Context, r request, out validator) (*Response, error) {
	resp, err := c.do(ctx, r, out)
	if err != nil {
		return resp, err
	}
	if err := out.validate(); err != nil {
		return resp, c.malformed(r.method, r.path, err)
	}
	return resp, nil
}

// sizeText writes a byte count for a message: "32 MiB", "64 KiB", "100 bytes".
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

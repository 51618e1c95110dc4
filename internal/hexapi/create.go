package hexapi

import (
	"context"
	"fmt"

	"github.com/hashicorp/go-multierror"
)

// createOnce sends a non-idempotent create. When an attempt fails in a way
// that leaves open whether the server created the item (network error,
// timeout, 5xx), it asks find for an item of that name first and returns it
// when there is one; only otherwise does it try again. The answer to the
// create must pass check.
func createOnce[T any](ctx context.Context, c *Client, r request, check func(*T) error, find func(context.Context) (*T, error)) (*T, error) {
	for attempt := 0; ; attempt++ {
		var out T
		_, err := c.do(ctx, r, &out)
		if err == nil {
			if err := check(&out); err != nil {
				return nil, &MalformedError{Method: r.method, Path: r.path, Problem: err.Error()}
			}
			return &out, nil
		}
		if !isAmbiguous(err) || ctx.Err() != nil {
			return nil, err
		}
		found, ferr := find(ctx)
		if ferr != nil {
			errs := multierror.Append(err, fmt.Errorf("looking up whether the create succeeded anyway: %w", ferr))
			errs.ErrorFormat = func(es []error) string { return es[0].Error() + "; " + es[1].Error() }
			return nil, errs
		}
		if found != nil {
			return found, nil
		}
		if attempt >= c.retries {
			return nil, fmt.Errorf("%w (gave up after %d attempts; nothing was created)", err, attempt+1)
		}
		if err := c.sleep(ctx, c.backoff(attempt)); err != nil {
			return nil, &RequestError{Method: r.method, Path: r.path, msg: "waiting to retry: " + err.Error(), err: err}
		}
	}
}

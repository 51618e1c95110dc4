// Package hexapi is a client for the admin part of Hex's public REST API
// ("Hex API 1.0.0"): users, groups, shared data connections and
// collections. It follows the go-github style: a Client with one service per
// resource (c.Users, c.Groups, c.DataConnections, c.Collections), context
// first, typed request and response structs, and typed errors usable with
// errors.As (*APIError, *RateLimitError).
//
// The client pages with cursors at each endpoint's maximum page size (users
// and groups 500, data connections and collections 100), keeps under
// client-side rate limits per rate-limit group as the API description gives
// them (ListUsers, DeactivateUser and Me share "hex-api-30rpm", a fixed 30 a
// minute; every other operation is in "hex-api", 30 a minute by default,
// WithRateLimit), each group on its own budget, retries 429, 5xx and network
// errors with exponential backoff and full jitter (honouring Retry-After),
// bounds every request with a timeout, and never creates a group, a data
// connection or a collection twice: after an ambiguous failure of a create it
// looks the item up by name before trying again.
//
// RateGroupOf, Limits and Cost let a caller estimate what a list of
// requests costs at those limits before making them.
//
// The client refuses what the API description rules out rather than guess
// (*MalformedError): a list envelope without values or pagination, a null
// item, a required field missing, a value outside a documented enum, a
// page cursor given a second time (the same page again, or a cycle), more
// than MaxListPages pages or MaxListItems items in one list, a body over
// MaxResponseBytes (never read past the bound). A Retry-After longer than
// the client's longest wait (DefaultMaxRetryWait, WithMaxRetryWait) is cut
// to it.
//
// The API token is only ever written into the Authorization header: it is
// never part of an error, a log line, String or GoString. Text a server
// sends back is redacted of it and of what WithScrubber functions remove,
// then escaped (control and invisible characters) and cut to MaxServerText
// bytes, in that order, once, when the error is built. No redirect away from
// the workspace's origin (scheme, host and port; https to http included) is
// followed (*RedirectError), so neither the token nor a request body goes to
// another host.
package hexapi

package hexapi

import (
	"time"

	"golang.org/x/time/rate"
)

// Rate-limit groups, as the API description names them. Each group has its
// own budget: a request of one never waits for the other's.
const (
	// RateGroupDefault, "hex-api", holds every operation but those of
	// RateGroupFixed; Hex's default limit is 30 a minute, which "may vary".
	RateGroupDefault = "hex-api"
	// RateGroupFixed, "hex-api-30rpm", holds ListUsers, DeactivateUser and
	// Me, at a fixed FixedRateLimit a minute.
	RateGroupFixed = "hex-api-30rpm"
)

// FixedRateLimit is RateGroupFixed's limit in requests a minute. No option
// raises it.
const FixedRateLimit = 30

// RateGroupOf returns the rate-limit group of an operation, named by its
// operationId (ListUsers, CreateGroup, ...): RateGroupFixed for ListUsers,
// DeactivateUser and Me, RateGroupDefault for every other operation.
func RateGroupOf(operation string) string {
	switch operation {
	case "ListUsers", "DeactivateUser", "Me":
		return RateGroupFixed
	}
	return RateGroupDefault
}

// Limits are requests a minute per rate-limit group; a group that is
// missing, or at zero or less, is not limited.
type Limits map[string]int

// HexLimits are the limits Hex documents: 30 a minute in each group.
func HexLimits() Limits {
	return Limits{RateGroupDefault: DefaultRateLimit, RateGroupFixed: FixedRateLimit}
}

// Limits returns the limits the client paces itself by (WithRateLimit sets
// the default group's): empty when limiting is off, nil when WithLimiter
// replaced the client's own limiters, whose pace it cannot know.
func (c *Client) Limits() Limits {
	switch {
	case c.custom != nil:
		return nil
	case c.rate <= 0:
		return Limits{}
	}
	return Limits{RateGroupDefault: c.rate, RateGroupFixed: FixedRateLimit}
}

// Cost estimates what requests (operationId -> count) cost at limits: the
// number of requests and the wall time the client's limiters need for
// them. The groups run side by side, each at its own pace; within a group
// every request waits one interval (the limiter has a burst of one and
// starts with it spent, paced 2% under the limit), so n requests at L a
// minute take n·(1.02 minutes / L). Request and answer times are not
// counted, so the wall time is what the limits alone impose.
func Cost(requests map[string]int, limits Limits) (total int, wall time.Duration) {
	perGroup := map[string]int{}
	for op, n := range requests {
		if n > 0 {
			total += n
			perGroup[RateGroupOf(op)] += n
		}
	}
	for group, n := range perGroup {
		if l := limits[group]; l > 0 {
			wall = max(wall, time.Duration(n)*pace(l))
		}
	}
	return total, wall
}

// pace is the interval between two requests at perMinute a minute, 2%
// slower than the limit so that network jitter cannot push perMinute+1
// requests into one sliding minute at the server.
func pace(perMinute int) time.Duration {
	return time.Minute * 102 / time.Duration(100*perMinute)
}

// newLimiter paces perMinute requests a minute with a burst of 1.
func newLimiter(perMinute int) *rate.Limiter {
	return rate.NewLimiter(rate.Every(pace(perMinute)), 1)
}

// setLimiters builds the limiters the options asked for. The client's own
// start with their token spent: the first request of each group waits one
// interval too, so runs back to back (plan, then apply) stay under the limit
// together, as the server counts them.
func (c *Client) setLimiters() {
	switch {
	case c.custom != nil:
		c.limiter, c.fixed = *c.custom, *c.custom
		return
	case c.rate <= 0:
		c.limiter, c.fixed = nil, nil
		return
	}
	def, fixed := newLimiter(c.rate), newLimiter(FixedRateLimit)
	now := c.now()
	def.ReserveN(now, 1)
	fixed.ReserveN(now, 1)
	c.limiter, c.fixed = def, fixed
}

// limiterFor returns the limiter of op's group (nil: not limited).
func (c *Client) limiterFor(op string) Limiter {
	if RateGroupOf(op) == RateGroupFixed {
		return c.fixed
	}
	return c.limiter
}

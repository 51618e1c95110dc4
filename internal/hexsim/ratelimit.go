package hexsim

import (
	"math"
	"time"
)

// Rate-limit groups, as the API description names them.
const (
	groupDefault = "hex-api"
	groupFixed   = "hex-api-30rpm"
)

// fixedDefault is the fixed group's documented limit a minute.
const fixedDefault = 30

// rateGroup is the rate-limit group of an operation: ListUsers,
// DeactivateUser and Me are in the fixed group, everything else (unknown
// paths too) in the default group.
func rateGroup(op string) string {
	switch op {
	case "ListUsers", "DeactivateUser", "Me":
		return groupFixed
	}
	return groupDefault
}

// limit is a group's limit a minute; 0 or less is no limit.
func (s *Server) limit(group string) int {
	if group != groupFixed {
		return s.cfg.RateLimitPerMinute
	}
	switch n := s.cfg.FixedRateLimitPerMinute; {
	case n != 0:
		return n
	case s.cfg.RateLimitPerMinute > 0:
		return fixedDefault
	}
	return 0
}

// admit records a request in its group's sliding minute, or says how many
// seconds until one more would be accepted. Called with s.mu held.
func (s *Server) admit(now time.Time, group string) (retryAfter int, ok bool) {
	n := s.limit(group)
	if n <= 0 {
		return 0, true
	}
	w := s.windows[group]
	cut := now.Add(-time.Minute)
	i := 0
	for i < len(w) && !w[i].After(cut) {
		i++
	}
	w = w[i:]
	if len(w) >= n {
		s.windows[group] = w
		wait := w[0].Add(time.Minute).Sub(now)
		return max(1, int(math.Ceil(wait.Seconds()))), false
	}
	s.windows[group] = append(w, now)
	return 0, true
}

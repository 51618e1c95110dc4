package hexsim

import (
	"context"
	"io"
	"maps"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// Config configures a Server. The zero value of every fault field disables it.
type Config struct {
	// Token is the bearer token every request must carry. An empty Token
	// accepts no request.
	Token string
	// As is the e-mail of the user the token belongs to (Me). Empty means the
	// first active admin by e-mail, or a workspace token if there is none.
	As string
	// WorkspaceToken makes the token a workspace token (no user: Me returns
	// only {org, token}) whoever the workspace's admins are; As is ignored.
	WorkspaceToken bool
	// StatePath is where the snapshot is saved; empty keeps the state in
	// memory only.
	StatePath string
	// SaveEvery coalesces saves: a write marks the state changed, and it is
	// saved at most once every SaveEvery, and by Close. 0 saves after every
	// write, before the write is answered.
	SaveEvery time.Duration

	// RateLimitPerMinute accepts at most this many requests of the default
	// rate-limit group, "hex-api" (every operation but ListUsers,
	// DeactivateUser and Me), in any sliding minute; more get 429 with
	// Retry-After. 0 means no limit.
	RateLimitPerMinute int
	// FixedRateLimitPerMinute is the same for the fixed group,
	// "hex-api-30rpm" (ListUsers, DeactivateUser, Me), counted in a window
	// of its own. 0 means 30, as Hex documents it, while RateLimitPerMinute
	// is set, and no limit otherwise; less than 0 means no limit.
	FixedRateLimitPerMinute int
	// FailRate is the probability (0..1) of answering 500 before doing anything.
	FailRate float64
	// Latency delays every API request.
	Latency time.Duration
	// FailAfterWrite is the probability (0..1) that a successful write is
	// performed and saved but answered 500.
	FailAfterWrite float64
	// BasicInList names connections that ListDataConnections returns in the
	// DataConnectionBasic form {id, name, type, description} (Hex does so when
	// the caller may not see the details); GetDataConnection still returns
	// them in full.
	BasicInList []string
	// BadAnswer spoils the answers of one endpoint in a way the API
	// description rules out (a repeated cursor, a null item, a redirect
	// away, ...); see the BadAnswer kinds.
	BadAnswer BadAnswer
	// Seed seeds the random source of the faults.
	Seed int64
	// Now is the clock (rate limiter, creation times); nil means time.Now.
	Now func() time.Time
	// Log, when set, receives one line per API request: method, path, status.
	// Bodies are never logged.
	Log io.Writer
}

// Stats counts what the simulator answered since it started or since the
// last reset. /_sim requests are not counted.
type Stats struct {
	// Total is the number of API requests, whatever their outcome.
	Total int `json:"total"`
	// Endpoints counts requests by operationId (ListUsers, CreateGroup, ...),
	// whatever their outcome; "NotFound" counts unknown paths and methods.
	Endpoints map[string]int `json:"endpoints"`
	// Unauthorized counts requests answered 401.
	Unauthorized int `json:"unauthorized"`
	// Writes counts writes performed (including those then answered 500 by
	// FailAfterWrite).
	Writes int `json:"writes"`
	// Saves counts the times the state file was written.
	Saves int `json:"saves,omitempty"`
	// Faults counts injected faults.
	Faults FaultStats `json:"faults"`
}

// FaultStats counts injected faults.
type FaultStats struct {
	RateLimited int `json:"rate_limited"` // answered 429
	// RateLimitedByGroup counts the 429s by rate-limit group ("hex-api",
	// "hex-api-30rpm"); a group without any is left out.
	RateLimitedByGroup map[string]int `json:"rate_limited_by_group,omitempty"`
	Failed             int            `json:"failed"`             // answered 500 by FailRate
	FailedAfterWrite   int            `json:"failed_after_write"` // written, then answered 500
	Delayed            int            `json:"delayed"`            // delayed by Latency
	BadAnswers         int            `json:"bad_answers"`        // answers spoiled by BadAnswer
}

// Server is the simulator: an http.Handler safe for concurrent use.
type Server struct {
	cfg   Config
	sleep func(ctx context.Context, d time.Duration) // replaced in tests

	mu       sync.Mutex
	state    *reconcile.Snapshot
	actor    string // lower-case e-mail; "" = workspace token
	created  map[string]time.Time
	extras   map[string]*connExtras // connection id -> fields the snapshot cannot hold
	ids      map[string]bool        // every id ever used
	idSeq    int
	traceSeq int
	rng      *rand.Rand
	windows  map[string][]time.Time // accepted request times of the last minute, by rate-limit group
	handed   map[string][]string    // CycleCursor: the cursors a list gave, by operationId
	stats    Stats
	saving   saving // coalesced saves of the state file
}

// epoch is the creation time given to items loaded from a state file.
var epoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// New returns a simulator serving a copy of state (nil means an empty
// workspace). Items without an id get one; e-mails are lower-cased.
func New(cfg Config, state *reconcile.Snapshot) *Server {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if state == nil {
		state = &reconcile.Snapshot{}
	}
	s := &Server{
		cfg:     cfg,
		sleep:   sleepCtx,
		state:   cloneSnapshot(state),
		created: map[string]time.Time{},
		extras:  map[string]*connExtras{},
		ids:     map[string]bool{},
		windows: map[string][]time.Time{},
		rng:     rand.New(rand.NewPCG(uint64(cfg.Seed), 0x9e3779b97f4a7c15)),
		stats:   Stats{Endpoints: map[string]int{}},
	}
	s.normalise()
	s.actor = s.pickActor()
	return s
}

// normalise fills ids, lower-cases e-mails and sorts, as a snapshot should be.
func (s *Server) normalise() {
	st := s.state
	for _, u := range st.Users {
		s.ids[u.ID] = true
	}
	for _, g := range st.Groups {
		s.ids[g.ID] = true
	}
	for _, c := range st.Connections {
		s.ids[c.ID] = true
	}
	delete(s.ids, "")
	for i := range st.Users {
		u := &st.Users[i]
		u.Email = strings.ToLower(u.Email)
		if u.ID == "" {
			u.ID = s.newID("user")
		}
	}
	for i := range st.Groups {
		g := &st.Groups[i]
		if g.ID == "" {
			g.ID = s.newID("group")
		}
		g.Members = normEmails(g.Members)
		s.created[g.ID] = epoch.Add(time.Duration(i) * time.Second)
	}
	for i := range st.Connections {
		c := &st.Connections[i]
		if c.ID == "" {
			c.ID = s.newID("connection")
		}
		for k, v := range c.Config {
			c.Config[k] = wholeToInt(v)
		}
		s.created[c.ID] = epoch.Add(time.Duration(i) * time.Second)
		s.extras[c.ID] = defaultExtras()
	}
	s.normaliseCollections()
	sortSnapshot(st)
}

// pickActor resolves Config.As, or the first active admin.
func (s *Server) pickActor() string {
	if s.cfg.WorkspaceToken {
		return ""
	}
	if s.cfg.As != "" {
		return strings.ToLower(s.cfg.As)
	}
	for _, u := range s.state.Users {
		if u.Active && u.Role == schema.RoleAdmin {
			return u.Email
		}
	}
	return ""
}

// Snapshot returns a deep copy of the current state.
func (s *Server) Snapshot() *reconcile.Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneSnapshot(s.state)
}

// Stats returns a copy of the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.Endpoints = make(map[string]int, len(s.stats.Endpoints))
	for k, v := range s.stats.Endpoints {
		st.Endpoints[k] = v
	}
	st.Faults.RateLimitedByGroup = maps.Clone(s.stats.Faults.RateLimitedByGroup)
	return st
}

// ResetStats zeroes the counters (not the rate limiters' windows).
func (s *Server) ResetStats() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats = Stats{Endpoints: map[string]int{}}
}

func sleepCtx(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

package hexsim

import (
	"crypto/subtle"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// call is one routed request, as handlers see it.
type call struct {
	args  []string // path wildcards, in order
	query url.Values
	body  []byte
}

type handler func(s *Server, c *call) (int, any, *apiError)

type route struct {
	method string
	path   string // segments; "{}" matches one non-empty segment
	op     string // operationId
	style  errStyle
	write  bool
	handle handler
}

var routes = []route{
	{"GET", "/api/v1/users/me", "Me", styleCode, false, handleMe},
	{"GET", "/api/v1/users", "ListUsers", styleCode, false, handleListUsers},
	{"POST", "/api/v1/users/{}/deactivate", "DeactivateUser", styleCode, true, handleDeactivateUser},
	{"GET", "/api/v1/groups", "ListGroups", styleTsoa, false, handleListGroups},
	{"POST", "/api/v1/groups", "CreateGroup", styleTsoa, true, handleCreateGroup},
	{"GET", "/api/v1/groups/{}", "GetGroup", styleTsoa, false, handleGetGroup},
	{"PATCH", "/api/v1/groups/{}", "EditGroup", styleTsoa, true, handleEditGroup},
	{"DELETE", "/api/v1/groups/{}", "DeleteGroup", styleTsoa, true, handleDeleteGroup},
	{"GET", "/api/v1/data-connections", "ListDataConnections", styleCode, false, handleListConns},
	{"POST", "/api/v1/data-connections", "CreateDataConnection", styleTsoa, true, handleCreateConn},
	{"GET", "/api/v1/data-connections/{}", "GetDataConnection", styleCode, false, handleGetConn},
	{"PATCH", "/api/v1/data-connections/{}", "EditDataConnection", styleTsoa, true, handleEditConn},
	{"GET", "/api/v1/collections", "ListCollections", styleTsoa, false, handleListCollections},
	{"POST", "/api/v1/collections", "CreateCollection", styleTsoa, true, handleCreateCollection},
	{"GET", "/api/v1/collections/{}", "GetCollection", styleTsoa, false, handleGetCollection},
	{"PATCH", "/api/v1/collections/{}", "EditCollection", styleTsoa, true, handleEditCollection},
}

// match finds the route for method and path, and the path's wildcards.
func match(method, path string) (*route, []string) {
	segs := strings.Split(path, "/")
	for i := range routes {
		rt := &routes[i]
		if rt.method != method {
			continue
		}
		pat := strings.Split(rt.path, "/")
		if len(pat) != len(segs) {
			continue
		}
		var args []string
		ok := true
		for j, p := range pat {
			switch {
			case p == "{}" && segs[j] != "":
				args = append(args, segs[j])
			case p != segs[j]:
				ok = false
			}
		}
		if ok {
			return rt, args
		}
	}
	return nil, nil
}

// maxBody bounds request bodies.
const maxBody = 1 << 20

// ServeHTTP serves the API under /api/v1 and the simulator's own /_sim endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_sim/") {
		s.serveSim(w, r)
		return
	}
	rt, args := match(r.Method, r.URL.Path)
	op, style := "NotFound", styleCode
	if rt != nil {
		op, style = rt.op, rt.style
	}
	s.mu.Lock()
	s.stats.Total++
	s.stats.Endpoints[op]++
	trace := s.nextTrace()
	s.mu.Unlock()
	w.Header().Set("X-Trace-Id", trace)
	status := s.serve(w, r, rt, args, style, trace)
	if s.cfg.Log != nil {
		s.mu.Lock()
		fmt.Fprintf(s.cfg.Log, "hexsim: %s %s -> %d (%s)\n", r.Method, r.URL.Path, status, op)
		s.mu.Unlock()
	}
}

// serve runs the request through the faults and the handler; it returns the status sent.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, rt *route, args []string, style errStyle, trace string) int {
	fail := func(e *apiError) int {
		writeJSON(w, e.status, errorBody(style, e, trace))
		return e.status
	}
	if s.cfg.Latency > 0 {
		s.mu.Lock()
		s.stats.Faults.Delayed++
		s.mu.Unlock()
		s.sleep(r.Context(), s.cfg.Latency)
	}
	if !s.authorized(r, true) {
		return fail(unauthorizedError())
	}
	op := "NotFound"
	if rt != nil {
		op = rt.op
	}
	if e, retry := s.gate(op); e != nil {
		if retry > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(retry))
		}
		return fail(e)
	}
	if rt == nil {
		return fail(errorf(http.StatusNotFound, "no such endpoint: %s %s", r.Method, r.URL.Path))
	}
	if status, done := s.answerInstead(w, r, rt, style, trace); done {
		return status
	}
	body, e := readBody(r, rt)
	if e != nil {
		return fail(e)
	}
	q := r.URL.Query()
	status, resp, e := s.handle(rt, &call{args: args, query: s.pagingQuery(rt, q), body: body})
	if e != nil {
		return fail(e)
	}
	writeJSON(w, status, s.spoil(rt, q.Get("after"), resp))
	return status
}

// handle runs a handler under the lock; writes are saved, then may fail on purpose.
func (s *Server) handle(rt *route, c *call) (int, any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.saving.err; rt.write && err != nil {
		return 0, nil, errorf(http.StatusInternalServerError, "cannot save the state: %v", err)
	}
	status, body, e := rt.handle(s, c)
	if e != nil || !rt.write {
		return status, body, e
	}
	s.state.Revision++
	s.stats.Writes++
	sortSnapshot(s.state)
	if err := s.saveWrite(); err != nil {
		return 0, nil, errorf(http.StatusInternalServerError, "cannot save the state: %v", err)
	}
	if s.roll(s.cfg.FailAfterWrite) {
		s.stats.Faults.FailedAfterWrite++
		return 0, nil, errorf(http.StatusInternalServerError, "internal server error")
	}
	return status, body, nil
}

// readBody reads a write request's JSON body; an empty body reads as {}.
func readBody(r *http.Request, rt *route) ([]byte, *apiError) {
	if rt.method != "POST" && rt.method != "PATCH" || rt.op == "DeactivateUser" {
		return nil, nil
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return nil, errorf(http.StatusBadRequest, "cannot read the request body: %v", err)
	}
	if len(data) > maxBody {
		return nil, errorf(http.StatusRequestEntityTooLarge, "request body over %d bytes", maxBody)
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return []byte("{}"), nil
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		return nil, errorf(http.StatusBadRequest, "Content-Type must be application/json")
	}
	return data, nil
}

// authorized checks the bearer token and, when withActor, that the token's
// user is still active.
func (s *Server) authorized(r *http.Request, withActor bool) bool {
	h := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || s.cfg.Token == "" ||
		subtle.ConstantTimeCompare([]byte(tok), []byte(s.cfg.Token)) != 1 {
		if withActor {
			s.countUnauthorized()
		}
		return false
	}
	if !withActor {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.actor != "" {
		if u := s.userByEmail(s.actor); u == nil || !u.Active {
			s.stats.Unauthorized++
			return false
		}
	}
	return true
}

func (s *Server) countUnauthorized() {
	s.mu.Lock()
	s.stats.Unauthorized++
	s.mu.Unlock()
}

// unauthorizedError is the 401 for a missing, wrong or dead token, in the
// endpoint's error shape: {code: UNAUTHORIZED, message} on the newer
// endpoints, as the API description gives it, {reason} on the older ones.
func unauthorizedError() *apiError {
	return errorf(http.StatusUnauthorized, "Unauthorized: the bearer token is missing, wrong, expired or revoked")
}

// gate applies the rate limiter of op's group and the random failures; it
// returns the error to answer, with the Retry-After seconds for a 429.
func (s *Server) gate(op string) (*apiError, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	group := rateGroup(op)
	if retry, ok := s.admit(s.cfg.Now(), group); !ok {
		s.stats.Faults.RateLimited++
		if s.stats.Faults.RateLimitedByGroup == nil {
			s.stats.Faults.RateLimitedByGroup = map[string]int{}
		}
		s.stats.Faults.RateLimitedByGroup[group]++
		return errorf(http.StatusTooManyRequests, "rate limit exceeded: %d requests per minute (%s)", s.limit(group), group), retry
	}
	if s.roll(s.cfg.FailRate) {
		s.stats.Faults.Failed++
		return errorf(http.StatusInternalServerError, "internal server error"), 0
	}
	return nil, 0
}

// roll is true with probability p. Called with s.mu held.
func (s *Server) roll(p float64) bool {
	return p > 0 && s.rng.Float64() < p
}

// serveSim serves /_sim/stats and /_sim/reset-stats (token required, not counted).
func (s *Server) serveSim(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(r, false) {
		writeJSON(w, http.StatusUnauthorized, errorBody(styleCode, unauthorizedError(), ""))
		return
	}
	switch {
	case r.Method == "GET" && r.URL.Path == "/_sim/stats":
		writeJSON(w, http.StatusOK, s.Stats())
	case r.Method == "POST" && r.URL.Path == "/_sim/reset-stats":
		s.ResetStats()
		w.WriteHeader(http.StatusNoContent)
	default:
		writeJSON(w, http.StatusNotFound, codeBody{Code: "NOT_FOUND", Message: "no such simulator endpoint"})
	}
}

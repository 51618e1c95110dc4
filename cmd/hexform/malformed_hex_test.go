package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hexform/hexform/internal/hexsim"
)

// malformedCase is a server answering one endpoint in a way the API
// description rules out, and what hexform's error must say about it.
type malformedCase struct {
	name  string
	bad   hexsim.BadAnswer
	basic []string // connections listed in the basic form (read again by Get)
	texts []string
}

func malformedCases() []malformedCase {
	return []malformedCase{
		{"repeated group cursor", hexsim.BadAnswer{Kind: hexsim.RepeatCursor, Op: "ListGroups"}, nil,
			[]string{"GET /v1/groups", "a second time", "page 2", "the list may be incomplete"}},
		{"cycling group cursor", hexsim.BadAnswer{Kind: hexsim.CycleCursor, Op: "ListGroups"}, nil,
			[]string{"GET /v1/groups", "a second time", "page 3"}},
		{"repeated user cursor", hexsim.BadAnswer{Kind: hexsim.RepeatCursor, Op: "ListUsers"}, nil,
			[]string{"GET /v1/users", "a second time"}},
		{"repeated connection cursor", hexsim.BadAnswer{Kind: hexsim.RepeatCursor, Op: "ListDataConnections"}, nil,
			[]string{"GET /v1/data-connections", "a second time"}},
		{"null group", hexsim.BadAnswer{Kind: hexsim.NullItem, Op: "ListGroups"}, nil,
			[]string{"GET /v1/groups", "values[1] is null"}},
		{"null connection", hexsim.BadAnswer{Kind: hexsim.NullItem, Op: "ListDataConnections"}, nil,
			[]string{"GET /v1/data-connections", "values[1] is null"}},
		{"user without email", hexsim.BadAnswer{Kind: hexsim.MissingField, Op: "ListUsers"}, nil,
			[]string{"GET /v1/users", "values[0].email is missing"}},
		{"group without name", hexsim.BadAnswer{Kind: hexsim.MissingField, Op: "ListGroups"}, nil,
			[]string{"GET /v1/groups", "values[0].name is missing"}},
		{"undocumented role", hexsim.BadAnswer{Kind: hexsim.UnknownEnum, Op: "ListUsers"}, nil,
			[]string{"GET /v1/users", `values[0].role is "UNDOCUMENTED_VALUE"`}},
		{"undocumented connection type", hexsim.BadAnswer{Kind: hexsim.UnknownEnum, Op: "ListDataConnections"}, nil,
			[]string{"GET /v1/data-connections", `values[0].type is "UNDOCUMENTED_VALUE"`}},
		{"undocumented access level", hexsim.BadAnswer{Kind: hexsim.UnknownEnum, Op: "GetDataConnection", Field: "sharing.workspace.members"},
			[]string{"Warehouse"}, []string{"GET /v1/data-connections/", `sharing.workspace.members is "UNDOCUMENTED_VALUE"`}},
		{"oversized group list", hexsim.BadAnswer{Kind: hexsim.OversizedBody, Op: "ListGroups"}, nil,
			[]string{"GET /v1/groups", "over 32 MiB"}},
		{"day-long Retry-After", hexsim.BadAnswer{Kind: hexsim.HugeRetryAfter, Op: "ListGroups"}, nil,
			[]string{"GET /v1/groups", "429", "Retry-After asked for 24h0m0s: cut to the client's longest wait, 1m0s"}},
	}
}

// TestHexMalformedAnswersChangeNothing: against a server that answers one
// endpoint in a way the API description rules out, plan and apply (with
// --allow-delete) exit 1 with an error naming the endpoint, and the
// workspace is left as it was: no write at all. Read as the end of the
// list, a repeated cursor would make the groups on the pages not read look
// absent, to be created again or, kept in the file, never matched.
func TestHexMalformedAnswersChangeNothing(t *testing.T) {
	for _, tc := range malformedCases() {
		t.Run(tc.name, func(t *testing.T) {
			r := newE2ERig(t, hexsim.Config{BadAnswer: tc.bad, BasicInList: tc.basic})
			ws := r.write("workspace.yaml", e2eWorkspace)
			before := r.sim.Snapshot()
			start := r.clock.Now()
			for _, args := range [][]string{
				{"plan", "-f", ws},
				{"apply", "-f", ws, "--auto-approve", "--allow-delete", "--confirm", "delete group/Marketing"},
			} {
				res := r.hexform(args...)
				r.mustCode(res, exitError, strings.Join(args[:1], " ")+" against a "+tc.bad.Kind+" server")
				for _, s := range tc.texts {
					if !strings.Contains(res.stderr, s) {
						t.Errorf("%s: stderr does not say %q:\n%s", args[0], s, res.stderr)
					}
				}
				if strings.Contains(res.stdout+res.stderr, "panic") || strings.Count(res.stderr, "goroutine ") > 0 {
					t.Errorf("%s: a panic:\n%s", args[0], res.stderr)
				}
			}
			st := r.sim.Stats()
			// The only writes allowed are apply's lease, taken and given back
			// (none when the group list that takes it is the bad answer).
			if st.Writes != 0 && st.Writes != 2 {
				t.Errorf("%d writes against a server whose answers are refused, want none but the lease's 2", st.Writes)
			}
			if st.Faults.BadAnswers == 0 {
				t.Error("no bad answer was given: the test proves nothing")
			}
			if diff := workspaceDiff(before, r.sim.Snapshot()); diff != "" {
				t.Errorf("the workspace changed (-before +after):\n%s", diff)
			}
			if waited := r.clock.Now().Sub(start); waited > 30*time.Minute {
				t.Errorf("the runs waited %v: a server's Retry-After must not stall them", waited)
			}
		})
	}
}

// TestHexRedirectAwayChangesNothing: a workspace URL that redirects to
// another server is refused: that server never sees a request, so neither
// the token nor a connection's password reaches it, and nothing changes.
func TestHexRedirectAwayChangesNothing(t *testing.T) {
	var mu sync.Mutex
	var reached []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		mu.Lock()
		reached = append(reached, req.Method+" "+req.URL.Path+" "+req.Header.Get("Authorization"))
		mu.Unlock()
		http.Error(w, "not here", http.StatusTeapot)
	}))
	t.Cleanup(other.Close)
	for _, op := range []string{"ListGroups", "CreateDataConnection", ""} {
		t.Run(op, func(t *testing.T) {
			r := newE2ERig(t, hexsim.Config{BadAnswer: hexsim.BadAnswer{Kind: hexsim.Redirect, Op: op, RedirectTo: other.URL}})
			ws := r.write("workspace.yaml", e2eWorkspace)
			res := r.hexform("apply", "-f", ws, "--auto-approve", "--confirm", "delete group/Marketing")
			r.mustCode(res, exitError, "apply against a redirecting server")
			if !strings.Contains(res.stderr, "the server redirected to http://127.0.0.1:") || !strings.Contains(res.stderr, "another origin") {
				t.Errorf("the redirect is not explained:\n%s", res.stderr)
			}
			if op == "CreateDataConnection" {
				// The reads are answered; only the create is redirected, and
				// it is the only write that fails.
				if !strings.Contains(res.stderr, "POST /v1/data-connections") {
					t.Errorf("the refused create is not named:\n%s", res.stderr)
				}
			} else if w := r.sim.Stats().Writes; w != 0 {
				t.Errorf("%d writes", w)
			}
		})
	}
	mu.Lock()
	defer mu.Unlock()
	if len(reached) != 0 {
		t.Errorf("the other server was reached: %q", reached)
	}
}

package main

import (
	"strings"
	"testing"
	"time"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/internal/hexsim"
)

// TestHexDefaultRateLimitSeesNo429 runs hexform with its default rate limit
// (30 requests a minute, paced 2% under) against hexsim limited to 30 a
// minute, for long enough to cross many minutes, and checks that hexsim
// never answered 429.
//
// Why a virtual clock: at 30 requests a minute a run long enough to matter
// takes many real minutes, and a speeded-up copy (hexsim at 600 a minute,
// the client at 590) would test other numbers than the defaults and
// depend on the scheduler keeping up. Instead hexsim's sliding window and the
// client's own limiter (the very *rate.Limiter the CLI configures, asked for
// reservations at the client's clock, hexapi.WithClock) share one virtual
// clock that advances only when the client waits. Requests take no virtual
// time, the worst case for the server's window. A control run above the
// limit shows that the test can see 429s.
func TestHexDefaultRateLimitSeesNo429(t *testing.T) {
	big := make([]int, 100)
	big[0] = 600 // two pages of members
	r := newHexRig(t, hexsim.Config{RateLimitPerMinute: 30}, sizedState(700, 120, big))
	ws := r.write("workspace.yaml", everyKindIgnored)
	start := r.clock.Now()
	r.mustCode(r.hexform("plan", "-f", ws), exitOK, "plan at the default rate")
	st := r.sim.Stats()
	elapsed := r.clock.Now().Sub(start)
	t.Logf("%d requests in %v of virtual time", st.Total, elapsed)
	if st.Total < 90 {
		t.Fatalf("only %d requests: not enough to cross three minutes", st.Total)
	}
	if st.Faults.RateLimited != 0 {
		t.Errorf("hexsim answered 429 %d times to a default run", st.Faults.RateLimited)
	}
	// Each group paced at 30 a minute less 2%: n·2.04s for the n requests of
	// the busier group (the first waits too), the groups side by side; the
	// plan reads one request at a time, so the requests of the other group
	// read after the busier one is done (the second page of connections,
	// then the collections) add an interval each.
	const after = 2 * 2040 * time.Millisecond
	if _, want := hexapi.Cost(st.Endpoints, hexapi.HexLimits()); elapsed < want-time.Second || elapsed > want+after+time.Second {
		t.Errorf("the run took %v of virtual time, want %v to %v more", elapsed, want, after)
	}

	// Control: above hexsim's limit the client is answered 429, honours
	// Retry-After and still finishes. --rate-limit does not raise the users
	// endpoints' fixed group, so the control lowers hexsim's limit instead.
	c := newHexRig(t, hexsim.Config{RateLimitPerMinute: 30, FixedRateLimitPerMinute: 20}, sizedState(700, 120, big))
	c.mustCode(c.hexform("plan", "-f", c.write("workspace.yaml", everyKindIgnored)), exitOK, "plan against 20 a minute")
	if n := c.sim.Stats().Faults.RateLimitedByGroup["hex-api-30rpm"]; n == 0 {
		t.Error("a run at 30 a minute against a limit of 20 saw no 429: the check above proves nothing")
	}
}

// TestHexDefaultRateApply: applies back to back, each at the default rate,
// against a 30-a-minute hexsim see no 429 either: hexsim counts them
// together, so each run's first request waits for the limiter too.
func TestHexDefaultRateApply(t *testing.T) {
	r := newE2ERig(t, hexsim.Config{RateLimitPerMinute: 30})
	ws := r.write("workspace.yaml", e2eWorkspace)
	// One change at a time: the virtual clock adds up concurrent sleeps one
	// after another, which would move requests away from the slots the
	// limiter reserved for them (on a real clock the sleeps overlap).
	for i := 0; i < 5; i++ {
		r.mustCode(r.hexform("apply", "-f", ws, "--auto-approve", "--parallelism", "1", "--confirm", "delete group/Marketing"), exitOK, "apply")
	}
	if st := r.sim.Stats(); st.Faults.RateLimited != 0 || st.Total < 31 {
		t.Errorf("%d requests, %d answered 429; want more than 30 and none", st.Total, st.Faults.RateLimited)
	}
}

// TestHexRateLimitMustBePositive: --rate-limit 0 or less is refused before
// any request, rather than silently meaning the default.
func TestHexRateLimitMustBePositive(t *testing.T) {
	r := newHexRig(t, hexsim.Config{}, sizedState(3, 1, []int{1}))
	ws := r.write("workspace.yaml", everyKindIgnored)
	for _, n := range []string{"0", "-5"} {
		res := r.hexform("plan", "-f", ws, "--rate-limit", n)
		r.mustCode(res, exitError, "plan --rate-limit "+n)
		if !strings.Contains(res.stderr, "--rate-limit must be at least 1") {
			t.Errorf("--rate-limit %s: not explained:\n%s", n, res.stderr)
		}
	}
	if n := r.sim.Stats().Total; n != 0 {
		t.Errorf("%d requests sent with an invalid --rate-limit", n)
	}
}

// TestHexRetriesAreReported: a run answered 429 says on stderr which request
// is retried and after how long, so a CI log never looks hung.
func TestHexRetriesAreReported(t *testing.T) {
	r := newHexRig(t, hexsim.Config{RateLimitPerMinute: 30, FixedRateLimitPerMinute: 20}, sizedState(100, 60, make([]int, 60)))
	ws := r.write("workspace.yaml", everyKindIgnored)
	res := r.hexform("plan", "-f", ws)
	r.mustCode(res, exitOK, "plan at 30 a minute against 20")
	n := r.sim.Stats().Faults.RateLimited
	if n == 0 {
		t.Fatal("no 429: the check below proves nothing")
	}
	if got := strings.Count(res.stderr, "hexform: retry 1 of 4 in "); got != n {
		t.Errorf("%d retry lines for %d 429s; stderr:\n%s", got, n, res.stderr)
	}
	if !strings.Contains(res.stderr, "429 too many requests") {
		t.Errorf("retry lines do not say why:\n%s", res.stderr)
	}
}

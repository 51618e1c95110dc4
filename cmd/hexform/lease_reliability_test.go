package main

import (
	"bytes"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hexform/hexform/internal/hexsim"
)

// TestReliabilityTwoHexProcesses starts two hexform processes applying one
// file to one simulated workspace at the same moment, on the real clock,
// trial after trial: each applies or is turned away by the other's lease
// (naming it by process id), nothing is created twice, no lease is left,
// and the plan afterwards is empty.
func TestReliabilityTwoHexProcesses(t *testing.T) {
	bin := relBinary(t)
	for trial := range relIterations(t, 2) {
		sim := hexsim.New(hexsim.Config{Token: rigToken, Latency: 2 * time.Millisecond}, loadState(t, leaseState))
		srv := httptest.NewServer(sim)
		dir := t.TempDir()
		ws := filepath.Join(dir, "workspace.yaml")
		if err := os.WriteFile(ws, []byte(leaseWorkspace), 0o644); err != nil {
			t.Fatal(err)
		}
		env := []string{"HEX_API_TOKEN=" + rigToken, "E2E_PG_PASSWORD=pg-password-value", "GITHUB_RUN_ID="}
		args := func(extra ...string) []string {
			return append([]string{"apply", "--auto-approve", "--no-color", "-f", ws, "--target", srv.URL, "--rate-limit", "100000"}, extra...)
		}
		cmds := []*exec.Cmd{relCmd(bin, dir, env, args("--journal", "a.jsonl")...), relCmd(bin, dir, env, args("--journal", "b.jsonl")...)}
		outs := []*bytes.Buffer{{}, {}}
		for i, c := range cmds {
			c.Stdout, c.Stderr = outs[i], outs[i]
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
		}
		errs := []error{cmds[0].Wait(), cmds[1].Wait()}
		for i, err := range errs {
			if err == nil {
				continue
			}
			out := outs[i].String()
			other := cmds[1-i].Process.Pid
			if !strings.Contains(out, " pid "+strconv.Itoa(other)+" (lease ") && !strings.Contains(out, "at the same moment") {
				t.Fatalf("trial %d: apply %d: %v without naming the other process (pid %d):\n%s", trial, i, err, other, out)
			}
			relNoStackTrace(t, "apply turned away", out)
			if again, err := relCmd(bin, dir, env, args()...).CombinedOutput(); err != nil {
				t.Fatalf("trial %d: apply %d run again: %v\n%s", trial, i, err, again)
			}
		}
		s := sim.Snapshot()
		checkNoDuplicates(t, s)
		if l := leaseGroups(s); len(l) != 0 {
			t.Errorf("trial %d: leases left: %q", trial, l)
		}
		plan := relCmd(bin, dir, env, "plan", "-f", ws, "--target", srv.URL, "--rate-limit", "100000", "--detailed-exitcode")
		if out, err := plan.CombinedOutput(); err != nil {
			t.Errorf("trial %d: plan after both: %v\n%s", trial, err, out)
		}
		srv.Close()
		if t.Failed() {
			t.FailNow()
		}
	}
}

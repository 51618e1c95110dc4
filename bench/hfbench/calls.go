package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hexform/hexform/reconcile"
)

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// minReads is the fewest requests that read the state: 1 Me + ⌈U/500⌉ user
// pages + ⌈G/500⌉ group pages + Σ max(1, ⌈m_g/500⌉) member pages +
// ⌈C/100⌉ connection pages (each at least 1).
func minReads(s *reconcile.Snapshot) int {
	users := 0
	for _, u := range s.Users {
		if u.Active {
			users++
		}
	}
	n := 1 + max(1, ceilDiv(users, 500)) + max(1, ceilDiv(len(s.Groups), 500)) + max(1, ceilDiv(len(s.Connections), 100)) +
		max(1, ceilDiv(len(s.Collections), 100))
	for _, g := range s.Groups {
		n += max(1, ceilDiv(len(g.Members), 500))
	}
	return n
}

// minWrites is the fewest write requests that carry out the applied
// changes: one each, except that a group create takes at most 100 members
// (then 100 more per edit) and a group edit adds and removes at most 100 each.
func minWrites(p *reconcile.Plan, applied []string) int {
	done := map[string]bool{}
	for _, id := range applied {
		done[id] = true
	}
	n := 0
	for _, c := range p.Changes {
		if !done[c.ID] {
			continue
		}
		req := 1
		for _, f := range c.Fields {
			if c.Kind != reconcile.KindGroup || f.Path != "members" {
				continue
			}
			before, after := strs(f.Before), strs(f.After)
			if c.Action == reconcile.ActionCreate {
				req = 1 + ceilDiv(max(0, len(after)-100), 100)
			} else {
				add, remove := minus(after, before), minus(before, after)
				req = max(1, ceilDiv(add, 100), ceilDiv(remove, 100))
			}
		}
		n += req
	}
	return n
}

func strs(v any) []string {
	l, _ := reconcile.FieldStrings(v)
	return l
}

// minus counts the items of a that are not in b.
func minus(a, b []string) int {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	n := 0
	for _, x := range a {
		if !in[x] {
			n++
		}
	}
	return n
}

// endpoints renders request counts by operation, sorted.
func endpoints(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

func printCalls(r *run, minRead int) {
	modes := map[reconcile.Mode]int{}
	for _, c := range r.plan.Changes {
		if c.Blocked == nil {
			modes[c.Mode]++
		}
	}
	fmt.Printf("Plan against hexsim: %d changes (%d auto, %d manual, %d unverifiable).\n\n", len(r.plan.Changes), modes[reconcile.ModeAuto], modes[reconcile.ModeManual], modes[reconcile.ModeUnverifiable])
	fmt.Println("| phase | API requests | minimum the API allows | ratio | by endpoint |\n|---|---|---|---|---|")
	fmt.Printf("| plan (read the state) | %d | %d | %.2f | %s |\n", r.reads.Total, minRead, float64(r.reads.Total)/float64(minRead), endpoints(r.reads.Endpoints))
	fmt.Printf("| apply (%d changes applied, %d failed) | %d | %d | %.2f | %s |\n\n", len(r.applied), r.failed, r.writes.Total, r.minWrites,
		float64(r.writes.Total)/float64(max(1, r.minWrites)), endpoints(r.writes.Endpoints))
}

func printApply(seq, conc *run, workers int) {
	fmt.Println("| apply at the latency above | changes applied | requests | wall time | auto changes a re-plan still holds |\n|---|---|---|---|---|")
	fmt.Printf("| one at a time (reconcile.Apply) | %d | %d | %s | %d |\n", len(seq.applied), seq.writes.Total, ms(seq.applyTime), seq.replanning)
	fmt.Printf("| %d at a time (reconcile.Apply, Concurrency %d) | %d | %d | %s | %d |\n", workers, workers, len(conc.applied), conc.writes.Total, ms(conc.applyTime), conc.replanning)
	fmt.Printf("\nReading the state took %s (no latency).\n", ms(seq.readTime))
}

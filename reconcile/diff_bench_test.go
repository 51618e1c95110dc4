package reconcile_test

import (
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/hexform/hexform/internal/gen"
	"github.com/hexform/hexform/internal/view"
	"github.com/hexform/hexform/reconcile"
)

// The benchmarks run the engine on generated workspaces (internal/gen, seed
// 1): Diff, Check and the three renderings at the reference size, and Diff at
// 1x, 10x and 100x of gen.Small to show how its cost grows.

var generated sync.Map // gen.Size -> *gen.Generated

func workspace(b *testing.B, size gen.Size) *gen.Generated {
	b.Helper()
	if g, ok := generated.Load(size); ok {
		return g.(*gen.Generated)
	}
	g, err := gen.Generate(size, 1)
	if err != nil {
		b.Fatal(err)
	}
	generated.Store(size, g)
	return g
}

// checkedPlan is the plan `hexform plan` renders: Diff, then Check.
func checkedPlan(b *testing.B, g *gen.Generated) *reconcile.Plan {
	b.Helper()
	p := reconcile.Diff(g.Desired, g.Current, reconcile.Options{Target: "file:state.json"})
	err := reconcile.Check(p, g.Desired, g.Current, reconcile.Policy{Confirm: g.Desired.Confirm, Actor: g.Current.Actor, Settings: g.Desired.Settings})
	if err != nil {
		b.Fatalf("the generated plan breaks an invariant: %v", err)
	}
	return p
}

func BenchmarkDiff(b *testing.B) {
	g := workspace(b, gen.Reference)
	b.ReportAllocs()
	for b.Loop() {
		reconcile.Diff(g.Desired, g.Current, reconcile.Options{Target: "file:state.json"})
	}
}

// BenchmarkDiffScale: Diff at 1x, 10x and 100x of gen.Small. Linear cost
// shows as ns/item staying flat.
func BenchmarkDiffScale(b *testing.B) {
	for _, n := range []int{1, 10, 100} {
		size := gen.Small.Times(n)
		items := size.Users + size.Groups + size.Memberships + size.Connections + size.Packages + size.Statuses + size.Categories
		b.Run(fmt.Sprintf("%dx", n), func(b *testing.B) {
			g := workspace(b, size)
			b.ReportAllocs()
			for b.Loop() {
				reconcile.Diff(g.Desired, g.Current, reconcile.Options{Target: "file:state.json"})
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(items), "ns/item")
		})
	}
}

func BenchmarkCheck(b *testing.B) {
	g := workspace(b, gen.Reference)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		p := reconcile.Diff(g.Desired, g.Current, reconcile.Options{Target: "file:state.json"})
		b.StartTimer()
		if err := reconcile.Check(p, g.Desired, g.Current, reconcile.Policy{Confirm: g.Desired.Confirm, Actor: g.Current.Actor, Settings: g.Desired.Settings}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	p := checkedPlan(b, workspace(b, gen.Reference))
	renders := []struct {
		name string
		f    func(io.Writer) error
	}{
		{"text", func(w io.Writer) error { return view.PlanText(w, p, view.Options{}) }},
		{"json", func(w io.Writer) error { return reconcile.RenderJSON(w, p) }},
		{"markdown", func(w io.Writer) error { return view.PlanMarkdown(w, p, view.Options{}) }},
		{"markdown-65536", func(w io.Writer) error {
			return view.PlanMarkdown(w, p, view.Options{MaxBytes: 65536})
		}},
	}
	for _, r := range renders {
		b.Run(r.name, func(b *testing.B) {
			var n countWriter
			b.ReportAllocs()
			for b.Loop() {
				if err := r.f(&n); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(n.n / int64(b.N))
		})
	}
}

func BenchmarkFingerprint(b *testing.B) {
	g := workspace(b, gen.Reference)
	b.ReportAllocs()
	for b.Loop() {
		g.Current.Fingerprint()
	}
}

// countWriter counts the bytes written to it.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

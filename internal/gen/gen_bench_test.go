package gen_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/hexform/hexform/internal/filetarget"
	"github.com/hexform/hexform/internal/gen"
	"github.com/hexform/hexform/internal/view"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

func BenchmarkGenerate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := gen.Generate(gen.Reference, 1); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanPipeline is `hexform plan -f workspace.yaml --target
// file:state.json` in one process, step by step as cmd/hexform runs it:
// load and validate the file, read the state, diff, check, render text.
// (bench/run.sh times the real binary; this one is for profiling.)
func BenchmarkPlanPipeline(b *testing.B) {
	g, err := gen.Generate(gen.Reference, 1)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	file, state := filepath.Join(dir, "workspace.yaml"), filepath.Join(dir, "state.json")
	if err := os.WriteFile(file, g.YAML, 0o644); err != nil {
		b.Fatal(err)
	}
	if err := filetarget.WriteSnapshot(state, g.Current); err != nil {
		b.Fatal(err)
	}
	t := filetarget.New(state, nil)
	var out bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		want, diags := schema.Load(file)
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		have, err := t.Snapshot(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		caps := t.Capabilities()
		p := reconcile.Diff(want, have, reconcile.Options{Target: t.Name(), Capabilities: &caps, SecretFingerprint: t.SecretFingerprint})
		if err := reconcile.Check(p, want, have, reconcile.Policy{Confirm: want.Confirm, Actor: have.Actor, Settings: want.Settings}); err != nil {
			b.Fatal(err)
		}
		out.Reset()
		if err := view.PlanText(&out, p, view.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

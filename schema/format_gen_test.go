package schema_test

import (
	"bytes"
	"testing"

	"github.com/hexform/hexform/internal/gen"
	"github.com/hexform/hexform/schema"
)

// Generated workspaces of every kind: Format keeps their meaning and is
// idempotent.
func TestFormatGenerated(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		g, err := gen.Generate(gen.Size{Users: 40, Groups: 6, Memberships: 80, Connections: 8, Packages: 4, Statuses: 3, Categories: 3}, seed)
		if err != nil {
			t.Fatal(err)
		}
		out, diags := schema.Format("gen.yaml", g.YAML, schema.Options{})
		if diags != nil {
			t.Fatalf("seed %d: %v", seed, diags)
		}
		again, diags := schema.Format("gen.yaml", out, schema.Options{})
		if diags != nil || !bytes.Equal(again, out) {
			t.Fatalf("seed %d: not idempotent (%v)", seed, diags)
		}
		ws, diags := schema.Parse("gen.yaml", out)
		if diags.HasErrors() {
			t.Fatalf("seed %d: %v", seed, diags)
		}
		got, _ := schema.Marshal(ws)
		if !bytes.Equal(got, g.YAML) {
			t.Errorf("seed %d: formatted file means something else", seed)
		}
	}
}

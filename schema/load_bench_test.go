package schema_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/hexform/hexform/internal/gen"
	"github.com/hexform/hexform/schema"
)

// The benchmarks load the reference workspace (gen.Reference, seed 1):
// schema.Parse and schema.Load (read, decode, validate) against yaml.v3
// alone decoding the same bytes, so the two can be compared in one run.

var issue7 = sync.OnceValues(func() ([]byte, error) {
	g, err := gen.Generate(gen.Reference, 1)
	if err != nil {
		return nil, err
	}
	return g.YAML, nil
})

func issue7YAML(b *testing.B) []byte {
	b.Helper()
	data, err := issue7()
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func BenchmarkParse(b *testing.B) {
	data := issue7YAML(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, diags := schema.Parse("workspace.yaml", data); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	data := issue7YAML(b)
	path := filepath.Join(b.TempDir(), "workspace.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, diags := schema.Load(path); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}

// BenchmarkYAMLv3Node is yaml.v3 alone decoding the file to a node tree,
// the first step of Parse: the baseline the "2x yaml.v3" target compares with.
func BenchmarkYAMLv3Node(b *testing.B) {
	data := issue7YAML(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var n yaml.Node
		if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&n); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkYAMLv3Any is yaml.v3 decoding the file to map[string]any.
func BenchmarkYAMLv3Any(b *testing.B) {
	data := issue7YAML(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var v map[string]any
		if err := yaml.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshal(b *testing.B) {
	ws, diags := schema.Parse("workspace.yaml", issue7YAML(b))
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	for b.Loop() {
		if _, err := schema.Marshal(ws); err != nil {
			b.Fatal(err)
		}
	}
}

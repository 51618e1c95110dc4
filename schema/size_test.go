package schema_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/hexform/hexform/internal/gen"
	"github.com/hexform/hexform/schema"
)

// padded is a valid workspace followed by comment lines up to size bytes.
func padded(size int) []byte {
	var b bytes.Buffer
	b.WriteString("version: 1\nworkspace: acme\n")
	line := "# " + strings.Repeat("x", 77) + "\n"
	for b.Len()+len(line) <= size {
		b.WriteString(line)
	}
	return b.Bytes()
}

func TestFileSizeLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "workspace.yaml")
	data := padded(17 << 20) // over the former limit of 16 MiB
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ds := schema.Load(path); ds.HasErrors() {
		t.Fatalf("Load of a %d-byte file: %v", len(data), ds.Err())
	}
	small := schema.Options{MaxFileSize: 1 << 20}
	want := path + ": error: file is " + strconv.Itoa(len(data)) + " bytes; a workspace file may hold at most 1048576 (1MiB)\n" +
		"\thint: if the file is meant to be this large, raise the limit, e.g. HEXFORM_MAX_FILE_SIZE=64MiB"
	for name, ds := range map[string]schema.Diagnostics{
		"LoadWith":  second(schema.LoadWith(path, small)),
		"ParseWith": second(schema.ParseWith(path, data, small)),
	} {
		if len(ds) != 1 || ds[0].String() != want {
			t.Errorf("%s = %v, want %q", name, ds, want)
		}
	}
	exact := padded(4096)
	if _, ds := schema.ParseWith(path, exact, schema.Options{MaxFileSize: int64(len(exact))}); ds.HasErrors() {
		t.Errorf("ParseWith at exactly the limit: %v", ds.Err())
	}
}

func second(_ *schema.Workspace, ds schema.Diagnostics) schema.Diagnostics { return ds }

func TestParseByteSize(t *testing.T) {
	for in, want := range map[string]int64{
		"67108864": 64 << 20, "64MiB": 64 << 20, "64mib": 64 << 20, " 1 GiB ": 1 << 30, "512KiB": 512 << 10, "100B": 100,
	} {
		if got, err := schema.ParseByteSize(in); err != nil || got != want {
			t.Errorf("ParseByteSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1", "64MB", "1.5GiB", "MiB", "9999999999GiB"} {
		if got, err := schema.ParseByteSize(in); err == nil {
			t.Errorf("ParseByteSize(%q) = %d, want an error", in, got)
		}
	}
	for n, want := range map[int64]string{64 << 20: "64MiB", 1 << 30: "1GiB", 1536: "1536B", 2048: "2KiB"} {
		if got := schema.FormatByteSize(n); got != want {
			t.Errorf("FormatByteSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// allocs returns the bytes f allocates.
func allocs(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestParseAllocatesLittleBeyondYAML holds Parse (decode and every check)
// of a large valid workspace to 2x what yaml.v3 allocates decoding the same
// bytes to a node tree, the first step of Parse.
func TestParseAllocatesLittleBeyondYAML(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a 10,000-user workspace")
	}
	g, err := gen.Generate(gen.Reference, 1)
	if err != nil {
		t.Fatal(err)
	}
	base := allocs(func() {
		var n yaml.Node
		if err := yaml.Unmarshal(g.YAML, &n); err != nil {
			t.Fatal(err)
		}
	})
	got := allocs(func() {
		if _, ds := schema.Parse("workspace.yaml", g.YAML); ds.HasErrors() {
			t.Fatal(ds.Err())
		}
	})
	if ratio := float64(got) / float64(base); ratio > 2 {
		t.Errorf("Parse allocated %d MB, %.2fx yaml.v3's node decode (%d MB); want at most 2x", got>>20, ratio, base>>20)
	}
}

package schema

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzParse: Parse never panics, returns a workspace exactly when there are
// no errors, and a workspace it accepts survives Marshal and Parse unchanged.
// The seed corpus is the examples, testdata/*.yaml and the check tables.
func FuzzParse(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("..", "examples", "*", "workspace.yaml"))
	more, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	for _, p := range append(paths, more...) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, tc := range agreement {
		f.Add([]byte(tc.yaml))
	}
	f.Add([]byte(base + "groups: &g [*g]\n"))
	f.Add([]byte(base + "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"))
	f.Add([]byte(base + "tags: {statuses: [&s {name: A}, {<<: *s, name: B}]}\n"))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ws, ds := Parse("fuzz.yaml", data)
		if (ws == nil) != ds.HasErrors() {
			t.Fatalf("workspace nil = %v but HasErrors = %v", ws == nil, ds.HasErrors())
		}
		for _, d := range ds {
			if d.Message == "" || (d.Severity != SeverityError && d.Severity != SeverityWarning) {
				t.Fatalf("malformed diagnostic %+v", d)
			}
		}
		if ws == nil {
			return
		}
		out, err := Marshal(ws)
		if err != nil {
			t.Fatalf("Marshal of a parsed workspace: %v", err)
		}
		back, ds2 := Parse("fuzz.yaml", out)
		if ds2.HasErrors() {
			t.Fatalf("Parse(Marshal(ws)):\n%s\n%s", short(ds2), out)
		}
		if diff := cmp.Diff(ws, back, ignorePositions); diff != "" {
			t.Fatalf("round trip changed the workspace:\n%s", diff)
		}
	})
}

package schema

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"
)

// repeated builds a document of head followed by line (formatted with its
// index) until the document holds at least size bytes.
func repeated(head, line string, size int) []byte {
	var b bytes.Buffer
	b.WriteString(head)
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, line, i)
	}
	return b.Bytes()
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// yamlNodeAlloc is what yaml.v3 alone allocates decoding data to a node tree.
func yamlNodeAlloc(t *testing.T, data []byte) uint64 {
	t.Helper()
	return allocated(func() {
		var n yaml.Node
		if err := yaml.Unmarshal(data, &n); err != nil {
			t.Fatal(err)
		}
	})
}

// hostileDocs are large files with an error on nearly every line, each of a
// kind whose message carries a did-you-mean hint or a per-item lookup.
var hostileDocs = sync.OnceValue(func() map[string][]byte {
	groups := make([]string, 2000)
	for i := range groups {
		groups[i] = fmt.Sprintf("  - {name: group-number-%d}\n", i)
	}
	return map[string][]byte{
		"misspelt roles": repeated(base+"users:\n", "  - {email: a%d@acme.com, role: viewr}\n", 1<<20),
		"unknown keys":   repeated(base+"users:\n", "  - {emial: a%d@acme.com, role: viewer}\n", 1<<20),
		"members":        repeated(base+"groups:\n  - name: g\n    members:\n", "      - notanemail%d\n", 1<<20),
		"undeclared groups": repeated(base+"groups:\n"+strings.Join(groups, "")+
			"connections:\n  - name: c\n    type: postgres\n    config: {host: h, port: 5432, database: d, username: u}\n"+
			"    secrets: {password: {env: P}}\n    sharing:\n      groups:\n",
			"        grup-number-%d: query\n", 1<<18),
	}
})

func TestDiagnosticsAreCapped(t *testing.T) {
	for name, data := range hostileDocs() {
		t.Run(name, func(t *testing.T) {
			_, ds := Parse("w.yaml", data)
			errs := ds.Errors()
			if len(errs) != MaxDiagnostics+1 {
				t.Fatalf("%d error diagnostics, want %d and a summary", len(errs), MaxDiagnostics)
			}
			last := errs[len(errs)-1]
			total := ds.Count(SeverityError)
			want := fmt.Sprintf("and %d more errors", total-MaxDiagnostics)
			if last.Message != want || last.Line != 0 || last.Omitted != total-MaxDiagnostics {
				t.Errorf("last diagnostic = %+v, want %q", last, want)
			}
			if total < 10*MaxDiagnostics {
				t.Errorf("Count(error) = %d, want the errors of every line counted", total)
			}
			for _, d := range errs[:MaxDiagnostics] {
				if d.Line == 0 || d.Omitted != 0 {
					t.Fatalf("kept diagnostic without a position or with Omitted: %+v", d)
				}
			}
		})
	}
}

// TestHostileFilesStayWithinMemory holds Parse of a file with an error on
// every line to a few times (3.5x) what yaml.v3 allocates decoding it: neither the
// diagnostics nor their hints may grow with the number of errors.
func TestHostileFilesStayWithinMemory(t *testing.T) {
	for name, data := range hostileDocs() {
		t.Run(name, func(t *testing.T) {
			base := yamlNodeAlloc(t, data)
			got := allocated(func() { Parse("w.yaml", data) })
			if ratio := float64(got) / float64(base); ratio > 3.5 {
				t.Errorf("Parse allocated %d MB, %.1fx yaml.v3's node decode (%d MB); want at most 3.5x", got>>20, ratio, base>>20)
			}
		})
	}
}

// Sections decode side by side, but the diagnostics the cap keeps are the
// first in the file's key order, as if decoded one after another: every
// bad user before any bad group, and the rest counted.
func TestCapKeepsTheFirstAcrossSections(t *testing.T) {
	var b strings.Builder
	b.WriteString(base + "users:\n")
	for i := range 150 {
		fmt.Fprintf(&b, "  - {email: u%d@acme.com, role: viewr}\n", i)
	}
	b.WriteString("groups:\n  - name: g\n    members:\n")
	for i := range 150 {
		fmt.Fprintf(&b, "      - notanemail%d\n", i)
	}
	for range 5 { // the result does not depend on which section finishes first
		_, diags := Parse("workspace.yaml", []byte(b.String()))
		errs := diags.Errors()
		if len(errs) != MaxDiagnostics+1 {
			t.Fatalf("%d errors, want %d and a summary", len(errs), MaxDiagnostics+1)
		}
		users, groups := 0, 0
		for _, d := range errs[:MaxDiagnostics] {
			switch {
			case strings.Contains(d.Message, "viewr"):
				users++
			case strings.Contains(d.Message, "notanemail"):
				groups++
			}
		}
		last := errs[MaxDiagnostics]
		if users != 150 || groups != MaxDiagnostics-150 || last.Omitted != 100 {
			t.Fatalf("kept %d users' and %d groups' errors, omitted %d; want 150, %d, 100", users, groups, last.Omitted, MaxDiagnostics-150)
		}
	}
}

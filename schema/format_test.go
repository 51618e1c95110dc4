package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// formatCorpus is every workspace file the repository ships that Parse
// accepts.
func formatCorpus(t *testing.T) map[string][]byte {
	t.Helper()
	var paths []string
	for _, g := range []string{"../examples/*/workspace.yaml", "../testdata/*/workspace.yaml", "testdata/*.yaml", "testdata/*/*.yaml"} {
		m, err := filepath.Glob(g)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	out := map[string][]byte{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, d := Parse(p, data); !d.HasErrors() {
			out[p] = data
		}
	}
	if len(out) < 6 {
		t.Fatalf("only %d workspace files found", len(out))
	}
	return out
}

// checkFormat asserts the properties of Format on one valid file: the
// output parses to the same workspace, and formatting it again changes
// nothing.
func checkFormat(t *testing.T, name string, data []byte) []byte {
	t.Helper()
	out, diags := Format(name, data, Options{})
	if diags != nil {
		t.Fatalf("%s: Format: %v", name, diags)
	}
	again, diags := Format(name, out, Options{})
	if diags != nil {
		t.Fatalf("%s: Format of the output: %v\n%s", name, diags, out)
	}
	if string(again) != string(out) {
		t.Errorf("%s: not idempotent:\nfirst:\n%s\nsecond:\n%s", name, out, again)
	}
	before, _ := Parse(name, data)
	after, _ := Parse(name, out)
	b1, _ := Marshal(before)
	b2, _ := Marshal(after)
	if string(b1) != string(b2) {
		t.Errorf("%s: meaning changed:\nbefore:\n%s\nafter:\n%s", name, b1, b2)
	}
	return out
}

func TestFormatCorpusIdempotentAndSameMeaning(t *testing.T) {
	for name, data := range formatCorpus(t) {
		out := checkFormat(t, name, data)
		if n, m := strings.Count(string(data), "#"), strings.Count(string(out), "#"); m < n {
			t.Errorf("%s: %d of %d comment marks lost", name, n-m, n)
		}
	}
}

// The canonical file Marshal writes only gains blank lines between sections.
func TestFormatMarshalOutput(t *testing.T) {
	data, err := os.ReadFile("../examples/acme/workspace.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ws, _ := Parse("acme", data)
	canon, err := Marshal(ws)
	if err != nil {
		t.Fatal(err)
	}
	out := checkFormat(t, "canonical", canon)
	if got := strings.ReplaceAll(string(out), "\n\n", "\n"); got != string(canon) {
		t.Errorf("Format changed Marshal output beyond blank lines:\n%s", out)
	}
}

package filetarget

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/hexform/hexform/internal/gen"
)

var scanSeeds = []string{
	`{}`, `{"a": []}`, `{"a": {}}`, `{"a": [[], {}, [{}]]}`,
	`{"s": "quote \" and backslash \\ and \u0041 and \/"}`,
	`{"k\"ey": 1, "k\\ey": 2, "n": -1.5e+10, "t": true, "f": false, "z": null}`,
	" \r\n\t{ \"a\" :\t[ 1 , 2 ] , \"b\" : { \"c\" : \"d\" } }\n",
	`{"config": {"x": null, "l": [null]}}`, `{"a": "é ✓ 𝄞"}`,
	`{"a": 1}x`, `{"a" 1}`, `{"a": [1,]}`, `{"a": }`, `{,}`, `{"a": 1,}`, `{"a": "x`, `{"a": [}`, `{"a": {]}`,
	`{"a": tru}`, `{"a": 1 2}`, `{"a": "\x01"}`, `{"a": 01}`, `[`, `{`, `"`,
}

// FuzzScanAgreesWithDecoder: what the scan accepts is valid JSON, and a
// valid JSON object is either accepted or refused with a position, never
// taken for a syntax error.
func FuzzScanAgreesWithDecoder(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := scanDocument("state.json", data)
		valid := json.Valid(data)
		if sc != nil && !valid {
			t.Fatalf("scan accepted invalid JSON %q", data)
		}
		var de *DecodeError
		if err != nil && !errors.As(err, &de) {
			t.Fatalf("scan error %T: %v", err, err)
		}
		trimmed := bytes.TrimLeft(data, " \t\r\n")
		if valid && len(trimmed) > 0 && trimmed[0] == '{' && sc == nil && err == nil {
			t.Fatalf("scan took the valid object %q for a syntax error", data)
		}
	})
}

func TestScanDepthIsBounded(t *testing.T) {
	deep := bytes.Repeat([]byte("["), maxDepth+10)
	doc := append([]byte(`{"a": `), deep...)
	doc = append(doc, bytes.Repeat([]byte("]"), maxDepth+10)...)
	doc = append(doc, '}')
	if sc, err := scanDocument("state.json", doc); sc != nil || err != nil {
		t.Errorf("scan of a document nested %d deep: %v, %v; want it left to the decoder", maxDepth+10, sc, err)
	}
	path := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	var de *DecodeError
	if _, err := readState(path); !errors.As(err, &de) {
		t.Errorf("err = %v, want a *DecodeError", err)
	}
}

// BenchmarkReadState reads the state of a generated 10,000-user workspace.
func BenchmarkReadState(b *testing.B) {
	g, err := gen.Generate(gen.Reference, 1)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "state.json")
	if err := WriteSnapshot(path, g.Current); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readState(path); err != nil {
			b.Fatal(err)
		}
	}
}

package filetarget

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// strictOnly is how a document was decoded before the fast path: the scan,
// then the strict decoder alone.
func strictOnly(path string, data []byte) (*document, error) {
	if _, err := checkDocument(path, data); err != nil {
		return nil, err
	}
	return decodeStrict(path, data)
}

// Every document decodes, or is refused with the same error, whether or
// not the fast path takes it: the state files of the test cases with their
// keys renamed, recased and added to, at every depth.
func TestFastDecodeIsTheStrictDecode(t *testing.T) {
	files, err := filepath.Glob("../../testdata/*/current.json")
	if err != nil || len(files) < 5 {
		t.Fatalf("%d state files: %v", len(files), err)
	}
	keyRE := regexp.MustCompile(`"([a-z_]+)"\s*:`)
	rng := rand.New(rand.NewPCG(3, 2026))
	fast, strict := 0, 0
	for _, f := range files {
		orig, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for trial := range 60 {
			data := mutateKeys(rng, keyRE, orig, trial)
			sc, _ := checkDocument(f, data)
			if sc != nil && !sc.unknownKeys {
				fast++
			} else {
				strict++
			}
			got, gerr := decodeDocument(f, data)
			want, werr := strictOnly(f, data)
			if werr == nil {
				_, werr = decodeDocumentHeaderOnly(f, data, want)
			}
			if fmt.Sprint(gerr) != fmt.Sprint(werr) {
				t.Fatalf("%s trial %d: err = %v, strict decoder: %v\n%s", f, trial, gerr, werr, data)
			}
			if gerr == nil {
				if d := cmp.Diff(want, got); d != "" {
					t.Fatalf("%s trial %d (-strict +fast):\n%s", f, trial, d)
				}
			}
		}
	}
	if fast < 50 || strict < 50 {
		t.Errorf("fast path %d times, strict %d: the test covers too little", fast, strict)
	}
}

// decodeDocumentHeaderOnly runs the header check decodeDocument runs after
// decoding.
func decodeDocumentHeaderOnly(path string, data []byte, d *document) (*document, error) {
	sc, err := checkDocument(path, data)
	if err != nil || sc == nil {
		return d, err
	}
	return d, checkHeader(path, data, sc, d)
}

// mutateKeys changes one key of data, or none (trial 0): to an unknown
// name, to another case, or with a key added beside it.
func mutateKeys(rng *rand.Rand, keyRE *regexp.Regexp, data []byte, trial int) []byte {
	locs := keyRE.FindAllSubmatchIndex(data, -1)
	if trial == 0 || len(locs) == 0 {
		return data
	}
	l := locs[rng.IntN(len(locs))]
	key := string(data[l[2]:l[3]])
	var repl string
	switch rng.IntN(4) {
	case 0:
		repl = key + "x"
	case 1:
		repl = string(key[0]-'a'+'A') + key[1:]
	case 2:
		repl = key + `": null, "` + key + "_extra"
	default:
		repl = key // unchanged: the fast path
	}
	out := append([]byte{}, data[:l[2]]...)
	out = append(out, repl...)
	return append(out, data[l[3]:]...)
}

// The schema knows the document's fields, those of the embedded snapshot
// included, and lets a map's and any value's keys through.
func TestDocumentKeys(t *testing.T) {
	s := documentKeys()
	for _, k := range []string{"version", "lineage", "revision", "users", "groups", "connections"} {
		if !s.knows(k) {
			t.Errorf("does not know %q", k)
		}
	}
	if s.knows("Users") || s.knows("nonsense") {
		t.Error("knows a key that is not a field as written")
	}
	conn := s.child(true, "connections").child(false, "")
	if !conn.child(true, "config").knows("anything") || !conn.child(true, "sharing").child(true, "groups").knows("Any Group") {
		t.Error("a map's keys are refused")
	}
}

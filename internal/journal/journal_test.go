package journal

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/reconcile"
)

func readLines(t *testing.T, path string) []reconcile.JournalEntry {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []reconcile.JournalEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e reconcile.JournalEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		out = append(out, e)
	}
	return out
}

func TestRecordAppendsOneLinePerEntry(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", ".hexform", "journal.jsonl")
	ts := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	first := reconcile.JournalEntry{Time: ts, Change: "create group/A", Result: "applied", Commit: "c1", Target: "file:s.json"}
	second := reconcile.JournalEntry{Time: ts, Change: "delete group/B", Result: "failed", Error: "boom\nsecond line"}

	w, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Record(first); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	// Reopening appends.
	w, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Record(second); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil || w.Close() != nil {
		t.Fatalf("close: %v", err)
	}
	if diff := cmp.Diff([]reconcile.JournalEntry{first, second}, readLines(t, path)); diff != "" {
		t.Errorf("journal (-want +got):\n%s", diff)
	}
	raw, _ := os.ReadFile(path)
	wantFirst := `{"time":"2026-03-04T05:06:07Z","change":"create group/A","result":"applied","commit":"c1","target":"file:s.json"}`
	if line := strings.SplitN(string(raw), "\n", 2)[0]; line != wantFirst {
		t.Errorf("first line =\n%s\nwant\n%s", line, wantFirst)
	}
	if err := w.Record(first); err == nil {
		t.Error("Record after Close: no error")
	}
}

func TestOpenFailsOnUnwritableParent(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(filepath.Join(file, "journal.jsonl")); err == nil || !strings.HasPrefix(err.Error(), "journal: ") {
		t.Errorf("Open under a file: err = %v", err)
	}
}

// TestRecordScrubs: with a scrubber, no text field of an entry reaches the
// file unscrubbed.
func TestRecordScrubs(t *testing.T) {
	const secret = "pg-S3CR3T-value"
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	scrub := func(s string) string { return strings.ReplaceAll(s, secret, "(redacted)") }
	w, err := Open(path, WithScrubber(scrub))
	if err != nil {
		t.Fatal(err)
	}
	e := reconcile.JournalEntry{Change: "create connection/PG", Result: "failed", Target: "hex:https://h",
		Error: `create connection/PG: 400 Bad Request: {"password":"` + secret + `"}`}
	if err := w.Record(e); err != nil {
		t.Fatal(err)
	}
	w.Close()
	raw, _ := os.ReadFile(path)
	if strings.Contains(string(raw), secret) || !strings.Contains(string(raw), `{\"password\":\"(redacted)\"}`) {
		t.Errorf("journal line:\n%s", raw)
	}
}

// Append writes the line as Record does, without the sync; Sync after Close
// is an error.
func TestAppendThenSync(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	e := reconcile.JournalEntry{Time: time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC), Change: "create group/A", Result: "started"}
	w, err := Open(path, WithScrubber(func(s string) string { return strings.ReplaceAll(s, "A", "*") }))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Append(e); err != nil {
		t.Fatal(err)
	}
	if got := readLines(t, path); len(got) != 1 || got[0].Change != "create group/*" {
		t.Fatalf("after Append the journal holds %+v", got)
	}
	if err := w.Sync(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if w.Sync() == nil || w.Append(e) == nil {
		t.Error("Sync or Append after Close: no error")
	}
}

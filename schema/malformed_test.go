package schema

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// malformedWant is what loading one file of testdata/malformed must report
// first: its position and a phrase of its message.
type malformedWant struct {
	line, col int
	msg       string
}

// malformed lists every file of testdata/malformed. yaml.v3 reports only the
// line of a syntax error; the loader finds the column from the text.
var malformed = map[string]malformedWant{
	"alias_bomb.yaml":         {7, 8, "aliases expand to more than"},
	"bad_indent.yaml":         {5, 6, "invalid YAML: mapping values are not allowed"},
	"binary_junk.yaml":        {3, 4, "not valid UTF-8"},
	"bom_bad_role.yaml":       {5, 11, `unknown role "superuser"`},
	"crlf_bad_bool.yaml":      {5, 14, "protect must be true or false"},
	"deep_nesting.yaml":       {3, 1, "invalid YAML: exceeded max depth"},
	"duplicate_group.yaml":    {5, 5, `duplicate group "Data" (first at line 4)`},
	"duplicate_key.yaml":      {3, 1, `duplicate key "workspace"`},
	"empty.yaml":              {0, 0, "file is empty"},
	"future_version.yaml":     {1, 10, "unsupported version 2"},
	"huge_int.yaml":           {4, 15, "min_admins is far too large"},
	"literal_secret.yaml":     {8, 17, "written as a literal value"},
	"members_wrong_type.yaml": {5, 14, "members must be a list, not a boolean"},
	"missing_version.yaml":    {1, 1, "missing version"},
	"non_utf8.yaml":           {4, 13, "not valid UTF-8"},
	"only_comments.yaml":      {0, 0, "only comments"},
	"tab_indent.yaml":         {4, 1, "invalid YAML: a tab character; YAML indents with spaces only"},
	"top_level_list.yaml":     {1, 1, "must be a mapping, not a list"},
	"two_documents.yaml":      {3, 1, "more than one YAML document"},
	"unclosed_quote.yaml":     {2, 12, "invalid YAML: a quoted string is never closed"},
	"unknown_key.yaml":        {5, 5, `unknown key "membres" in group`},
	"users_not_list.yaml":     {3, 8, "users must be a list, not a mapping"},
	"version_not_int.yaml":    {1, 10, "version must be a whole number, not a string"},
}

// TestMalformedCorpus loads every file of testdata/malformed: each gives
// errors (and no workspace), the first at the expected file:line:col with
// the expected message, every diagnostic names the file, and none carries a
// Go stack trace or a raw value from the file's binary junk.
func TestMalformedCorpus(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "malformed", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 15 {
		t.Fatalf("the corpus has %d files, want at least 15", len(paths))
	}
	seen := map[string]bool{}
	for _, p := range paths {
		name := filepath.Base(p)
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			want, ok := malformed[name]
			if !ok {
				t.Fatalf("%s is not listed in the malformed table", name)
			}
			ws, ds := Load(p)
			if ws != nil || !ds.HasErrors() {
				t.Fatalf("Load(%s) = workspace %v, diagnostics %v; want errors only", p, ws != nil, ds)
			}
			first := ds.Errors()[0]
			if first.Line != want.line || first.Col != want.col || !strings.Contains(first.Message, want.msg) {
				t.Errorf("first error %s:%d:%d %q; want line %d col %d containing %q",
					first.File, first.Line, first.Col, first.Message, want.line, want.col, want.msg)
			}
			for _, d := range ds {
				checkMalformedDiag(t, p, d)
			}
		})
	}
	for name := range malformed {
		if !seen[name] {
			t.Errorf("%s is in the table but not in testdata/malformed", name)
		}
	}
}

func checkMalformedDiag(t *testing.T, path string, d Diagnostic) {
	t.Helper()
	s := d.String()
	prefix := path + ":"
	if d.Line > 0 {
		prefix = fmt.Sprintf("%s:%d:", path, d.Line)
		if d.Col > 0 {
			prefix = fmt.Sprintf("%s:%d:%d:", path, d.Line, d.Col)
		}
	}
	if !strings.HasPrefix(s, prefix) {
		t.Errorf("diagnostic %q does not start with %q", s, prefix)
	}
	for _, bad := range []string{"goroutine ", "panic:", "\x00", "\x1b", "\ufffd"} {
		if strings.Contains(s, bad) {
			t.Errorf("diagnostic %q contains %q", s, bad)
		}
	}
}

// TestMalformedCorpusIsRaw guards the corpus against editors that "fix" it:
// the files that exist to test raw bytes must still hold them.
func TestMalformedCorpusIsRaw(t *testing.T) {
	raw := map[string]string{
		"tab_indent.yaml":    "\t",
		"bom_bad_role.yaml":  "\xef\xbb\xbf",
		"crlf_bad_bool.yaml": "\r\n",
		"binary_junk.yaml":   "\x00",
		"non_utf8.yaml":      "\xfc",
	}
	for name, want := range raw {
		data, err := os.ReadFile(filepath.Join("testdata", "malformed", name))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), want) {
			t.Errorf("%s no longer contains %q", name, want)
		}
	}
}

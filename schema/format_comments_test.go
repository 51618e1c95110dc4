package schema

import "testing"

// Comments beside consecutive lines line up one space after the longest
// line, as gofmt aligns them; a blank line or a line without a comment
// ends a run; a "#" in a quoted value or a block scalar is not a comment.
func TestFormatAlignsComments(t *testing.T) {
	in := `version: 1          # format
workspace: acme # name

settings:
  min_admins: 1 # at least this many
  max_delete_count: 3      # or this many
users:
  - email: "a#b@acme.com" # quoted, with a hash
    role: admin
tags:
  categories:
    - name: Finance # a name
      description: |
        first # not a comment
        second
`
	want := `version: 1      # format
workspace: acme # name

settings:
  min_admins: 1       # at least this many
  max_delete_count: 3 # or this many

users:
  - email: "a#b@acme.com" # quoted, with a hash
    role: admin

tags:
  categories:
    - name: Finance # a name
      description: |
        first # not a comment
        second
`
	out, ds := Format("w.yaml", []byte(in), Options{})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if string(out) != want {
		t.Fatalf("got:\n%s\nwant:\n%s", out, want)
	}
	again, _ := Format("w.yaml", out, Options{})
	if string(again) != string(out) {
		t.Errorf("formatting again changed it:\n%s", again)
	}
}

package schema

import (
	"errors"
	"testing"

	"github.com/hashicorp/go-multierror"
)

func TestDiagnosticString(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Pos{"w.yaml", 3, 7}, SeverityError, "bad", "", 0}, "w.yaml:3:7: error: bad"},
		{Diagnostic{Pos{"w.yaml", 3, 7}, SeverityWarning, "meh", "fix it", 0}, "w.yaml:3:7: warning: meh\n\thint: fix it"},
		{Diagnostic{Pos{"w.yaml", 3, 0}, SeverityError, "bad", "", 0}, "w.yaml:3: error: bad"},
		{Diagnostic{Pos{"w.yaml", 0, 0}, SeverityError, "file not found", "", 0}, "w.yaml: error: file not found"},
		{Diagnostic{Pos{"", 2, 1}, SeverityError, "bad", "a\nb", 0}, "2:1: error: bad\n\thint: a\n\t      b"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestDiagnosticsSortAndFilter(t *testing.T) {
	ds := Diagnostics{
		{Pos{"b.yaml", 1, 1}, SeverityError, "b", "", 0},
		{Pos{"a.yaml", 2, 5}, SeverityWarning, "w", "", 0},
		{Pos{"a.yaml", 2, 5}, SeverityError, "e", "", 0},
		{Pos{"a.yaml", 2, 1}, SeverityError, "first", "", 0},
		{Pos{"a.yaml", 2, 1}, SeverityError, "first", "", 0},
		{Pos{"a.yaml", 10, 1}, SeverityError, "ten", "", 0},
	}
	ds.Sort()
	var got []string
	for _, d := range ds {
		got = append(got, d.File+":"+d.Message)
	}
	want := []string{"a.yaml:first", "a.yaml:e", "a.yaml:w", "a.yaml:ten", "b.yaml:b"}
	if len(got) != len(want) {
		t.Fatalf("sorted = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("sorted = %v, want %v", got, want)
		}
	}
	if !ds.HasErrors() || len(ds.Errors()) != 4 || len(ds.Warnings()) != 1 {
		t.Errorf("HasErrors/Errors/Warnings = %v/%d/%d", ds.HasErrors(), len(ds.Errors()), len(ds.Warnings()))
	}
	if ds.Warnings().HasErrors() {
		t.Error("Warnings().HasErrors() = true")
	}
}

func TestDiagnosticsErr(t *testing.T) {
	if err := (Diagnostics{{Severity: SeverityWarning, Message: "w"}}).Err(); err != nil {
		t.Fatalf("Err() with only warnings = %v, want nil", err)
	}
	ds := Diagnostics{
		{Pos{"w.yaml", 1, 1}, SeverityError, "one", "", 0},
		{Pos{"w.yaml", 2, 1}, SeverityWarning, "warn", "", 0},
		{Pos{"w.yaml", 3, 1}, SeverityError, "two", "", 0},
	}
	err := ds.Err()
	var me *multierror.Error
	if !errors.As(err, &me) || len(me.Errors) != 2 {
		t.Fatalf("Err() = %#v, want a multierror of 2", err)
	}
	var d Diagnostic
	if !errors.As(me.Errors[1], &d) || d.Message != "two" {
		t.Errorf("errors.As(Diagnostic) = %v", d)
	}
	if want := "w.yaml:1:1: error: one\nw.yaml:3:1: error: two"; err.Error() != want {
		t.Errorf("Err().Error() = %q, want %q", err.Error(), want)
	}
}

func TestNormalizeRole(t *testing.T) {
	tests := []struct {
		in   string
		want Role
		ok   bool
	}{
		{"admin", RoleAdmin, true}, {"Admin", RoleAdmin, true}, {"MANAGER", RoleManager, true},
		{"editor", RoleEditor, true}, {"author", RoleEditor, true}, {"Author", RoleEditor, true},
		{"explorer", RoleExplorer, true}, {"viewer", RoleViewer, true}, {"member", RoleViewer, true},
		{"guest", RoleGuest, true}, {"root", "", false}, {"", "", false}, {" admin", "", false},
	}
	for _, tt := range tests {
		got, ok := NormalizeRole(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeRole(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	keys := []string{"name", "previously", "members", "protect"}
	tests := map[string]string{
		"membrs": "members", "memebrs": "members", "Name": "name", "previosly": "previously",
		"protected": "protect", "colour": "", "x": "",
	}
	for in, want := range tests {
		if got := closest(in, keys); got != want {
			t.Errorf("closest(%q) = %q, want %q", in, got, want)
		}
	}
	if d := levenshtein("kitten", "sitting"); d != 3 {
		t.Errorf("levenshtein(kitten, sitting) = %d, want 3", d)
	}
	if d := levenshtein("emial", "email"); d != 1 {
		t.Errorf("levenshtein counts a swap as %d edits, want 1", d)
	}
}

package schema

import (
	"strings"
	"testing"
)

// TestSyntaxErrorsExplained: the common YAML mistakes get a column and words
// a person understands, not only the parser's.
func TestSyntaxErrorsExplained(t *testing.T) {
	tests := []struct {
		name, doc string
		at        string // "LINE:COL"
		msg, hint string
	}{
		{"tab indent", "version: 1\nworkspace: a\ngroups:\n  - name: x\n\t  members: []\n", "5:1", "a tab character", "replace the tab"},
		{"unclosed double quote", "version: 1\nworkspace: \"acme\ngroups: []\n", "2:12", "never closed", "closing quote"},
		{"unclosed single quote", "version: 1\nworkspace: acme\ngroups:\n  - name: 'Data\n", "4:11", "never closed", "closing quote"},
		{"apostrophe is not a quote", "version: 1\nworkspace: \"acme\ngroups: [{name: Bob's}]\n", "2:12", "never closed", ""},
		{"escaped quote inside", "version: 1\nworkspace: \"a \\\" b\nusers: []\n", "2:12", "never closed", ""},
		{"key indented too far", "version: 1\nworkspace: acme\ngroups:\n  - name: x\n     members: []\n", "5:6", "mapping values are not allowed", "indentation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := Parse("w.yaml", []byte(tt.doc))
			if !ds.HasErrors() {
				t.Fatal("no error")
			}
			d := ds.Errors()[0]
			got := d.String()
			if !strings.HasPrefix(got, "w.yaml:"+tt.at+": error: ") || !strings.Contains(d.Message, tt.msg) || !strings.Contains(d.Hint, tt.hint) {
				t.Errorf("got %q, want at %s %q with hint %q", got, tt.at, tt.msg, tt.hint)
			}
		})
	}
}

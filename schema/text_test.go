package schema

import (
	"strings"
	"testing"
)

// TestHostileText: names with control characters, line breaks, escape
// sequences, bidirectional controls, invisible characters, decomposed
// accents or absurd lengths are refused at their line and column, naming
// the character.
func TestHostileText(t *testing.T) {
	long := strings.Repeat("a", MaxNameLen+1)
	tests := []struct {
		name, doc, want, hint string
	}{
		{"workspace RLO", "version: 1\nworkspace: \"acme\\u202Eevil\"\n",
			`2:12: error: workspace "acme\u202Eevil" holds a bidirectional control, U+202E RIGHT-TO-LEFT OVERRIDE, at character 5`, "what a reviewer reads is not what is applied"},
		{"group name LF", doc(base+"groups:", `  - name: "ops\nadmins"`),
			`4:11: error: group name "ops\nadmins" holds a line break, U+000A LINE FEED, at character 4`, "write it on one line"},
		{"group name trailing CR", doc(base+"groups:", `  - name: "ops\r"`),
			`4:11: error: group name "ops\r" holds a line break, U+000D CARRIAGE RETURN, at character 4`, ""},
		{"connection name ESC", doc(base+"connections:", `  - {name: "pg\e[31m", type: postgres, config: {hostname: h, port: 1, database: d, username: u}, secrets: {password: {env: P}}}`),
			`4:12: error: connection name "pg\u001B[31m" holds a terminal escape sequence, U+001B ESCAPE, at character 3`, "rewrite what a terminal shows"},
		{"package name NUL", doc(base+"packages:", `  - {name: "a\0b", repository: a/b, ref: {tag: v1}}`),
			`4:12: error: package name "a\u0000b" holds a control character, U+0000 NULL, at character 2`, ""},
		{"status zero width", doc(base+"tags:", "  statuses:", "  - name: \"Done\u200b\""),
			`5:11: error: status name "Done\u200B" holds an invisible character, U+200B ZERO WIDTH SPACE, at character 5`, "would be different names"},
		{"category LRI", doc(base+"tags:", "  categories:", "  - name: \"a\u2066b\""),
			`5:11: error: category name "a\u2066b" holds a bidirectional control, U+2066 LEFT-TO-RIGHT ISOLATE, at character 2`, ""},
		{"category BOM", doc(base+"tags:", "  categories:", "  - name: \"\ufeffa\""),
			`5:11: error: category name "\uFEFFa" holds an invisible character, U+FEFF ZERO WIDTH NO-BREAK SPACE, at character 1`, ""},
		{"RLM in previously", doc(base+"groups:", "  - name: a", "    previously: [\"b\u200f\"]"),
			`5:18: error: previously name "b\u200F" holds a bidirectional control, U+200F RIGHT-TO-LEFT MARK, at character 2`, ""},
		{"NFD name", doc(base+"groups:", "  - name: Cafe\u0301"),
			`4:11: error: group name "Cafe\u0301" is not in Unicode's composed form (NFC): U+0301 at character 5`, `write it composed, as "Café"`},
		{"user email bidi", doc(base+"users:", "  - {email: \"a\u202e@acme.com\", role: viewer}"),
			`4:13: error: email "a\u202E@acme.com" holds a bidirectional control, U+202E RIGHT-TO-LEFT OVERRIDE, at character 2`, ""},
		{"user display name ESC", doc(base+"users:", `  - {email: a@acme.com, name: "\e]0;x\a", role: viewer}`),
			`4:31: error: name "\u001B]0;x\u0007" holds a terminal escape sequence, U+001B ESCAPE, at character 1`, ""},
		{"member zero width joiner", doc(base+"groups:", "  - name: g", "    members: [\"a\u200d@acme.com\"]"),
			`5:15: error: member "a\u200D@acme.com" holds an invisible character, U+200D ZERO WIDTH JOINER, at character 2`, ""},
		{"ignore pattern LF", doc(base+"ignore:", `  groups: ["scim-*\n"]`),
			`4:12: error: ignore pattern "scim-*\n" holds a line break, U+000A LINE FEED, at character 7`, ""},
		{"confirm id RLO", doc(base+"confirm:", "  - \"delete group/a\u202e\""),
			`4:5: error: confirm entry "delete group/a\u202E" holds a bidirectional control, U+202E RIGHT-TO-LEFT OVERRIDE, at character 15`, ""},
		{"description ESC", doc(base+"tags:", "  categories:", `  - {name: a, description: "x\e[2J"}`),
			`5:28: error: description "x\u001B[2J" holds a terminal escape sequence, U+001B ESCAPE, at character 2`, ""},
		{"description CR", doc(base+"tags:", "  categories:", `  - {name: a, description: "x\r\ny"}`),
			`5:28: error: description "x\r\ny" holds a line break, U+000D CARRIAGE RETURN, at character 2`, ""},
		{"sharing group key", doc(base+"connections:", `  - {name: c, type: postgres, config: {hostname: h, port: 1, database: d, username: u}, secrets: {password: {env: P}}, sharing: {groups: {"a`+"\u202e"+`": query}}}`),
			`4:139: error: group name "a\u202E" holds a bidirectional control, U+202E RIGHT-TO-LEFT OVERRIDE, at character 2`, ""},
		{"config value ESC", doc(base+"connections:", `  - {name: c, type: postgres, config: {hostname: "db\e[8m", port: 1, database: d, username: u}, secrets: {password: {env: P}}}`),
			`4:50: error: hostname "db\u001B[8m" holds a terminal escape sequence, U+001B ESCAPE, at character 3`, ""},
		{"secret file LF", doc(base+"connections:", `  - {name: c, type: postgres, config: {hostname: h, port: 1, database: d, username: u}, secrets: {password: {file: "/run/p\n"}}}`),
			`4:116: error: file of secret password "/run/p\n" holds a line break, U+000A LINE FEED, at character 7`, ""},
		{"name too long", doc(base+"groups:", "  - name: "+long),
			`4:11: error: group name "` + long[:40] + `"... is 201 characters long, more than the 200 allowed`, "shorten it"},
		{"email too long", doc(base+"users:", "  - {email: "+strings.Repeat("a", 250)+"@acme.com, role: viewer}"),
			`4:13: error: email "` + strings.Repeat("a", 40) + `"... is 259 characters long, more than the 254 allowed`, ""},
		{"description too long", doc(base+"tags:", "  categories:", "  - {name: a, description: "+strings.Repeat("d", MaxDescriptionLen+1)+"}"),
			`5:28: error: description "` + strings.Repeat("d", 40) + `"... is 2001 characters long, more than the 2000 allowed`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, ds := Parse("w.yaml", []byte(tt.doc))
			if ws != nil {
				t.Fatalf("Parse accepted it")
			}
			got := short(ds)
			if !strings.Contains(got, tt.want+"\n") {
				t.Fatalf("diagnostics:\n%s\nwant a line:\n%s", got, tt.want)
			}
			for _, d := range ds {
				if shortOne(d) == tt.want && !strings.Contains(d.Hint, tt.hint) {
					t.Errorf("hint %q, want it to contain %q", d.Hint, tt.hint)
				}
			}
		})
	}
}

func shortOne(d Diagnostic) string { return strings.TrimSuffix(short(Diagnostics{d}), "\n") }

// TestLegitimateText: text the checks must let through.
func TestLegitimateText(t *testing.T) {
	ws, ds := Parse("w.yaml", []byte(doc(base+"groups:",
		"  - name: Café Crème",        // composed accents
		"  - name: データ分析",             // CJK
		"  - name: \"فريق البيانات\"", // right-to-left script, no controls
		"  - name: Δ "+strings.Repeat("x", MaxNameLen-2),
		"tags:", "  categories:",
		"  - name: Notes",
		"    description: |",
		"      First line,\tthen a tab.",
		"      Second line 👩‍💻 (an emoji joined with U+200D).",
	)))
	if ds.HasErrors() {
		t.Fatalf("Parse:\n%s", short(ds))
	}
	if got := *ws.Tags.Categories[0].Description; !strings.Contains(got, "\n") || !strings.Contains(got, "\u200d") {
		t.Errorf("description = %q, want its line break and joiner kept", got)
	}
}

// TestNFCTwins: two names equal once normalised are an error naming both.
func TestNFCTwins(t *testing.T) {
	_, ds := Parse("w.yaml", []byte(doc(base+"groups:", "  - name: Café", "  - name: Cafe\u0301")))
	want := `5:5: error: group "Cafe\u0301" is group "Café" (line 4) in another Unicode form`
	if got := short(ds); !strings.Contains(got, want+"\n") {
		t.Errorf("diagnostics:\n%s\nwant a line:\n%s", got, want)
	}
}

// TestJSONSchemaLengths: the JSON Schema refuses the lengths the loader refuses.
func TestJSONSchemaLengths(t *testing.T) {
	for name, d := range map[string]string{
		"group name":  doc(base+"groups:", "  - name: "+strings.Repeat("a", MaxNameLen+1)),
		"email":       doc(base+"users:", "  - {email: "+strings.Repeat("a", 250)+"@acme.com, role: viewer}"),
		"description": doc(base+"tags:", "  categories:", "  - {name: a, description: "+strings.Repeat("d", MaxDescriptionLen+1)+"}"),
		"pattern":     doc(base+"ignore:", "  groups: ["+strings.Repeat("p", MaxPatternLen+1)+"]"),
	} {
		if err := schemaCheck(t, []byte(d)); err == nil {
			t.Errorf("%s: the JSON Schema accepts a value over its maximum length", name)
		}
	}
	if err := schemaCheck(t, []byte(doc(base+"groups:", "  - name: "+strings.Repeat("a", MaxNameLen)))); err != nil {
		t.Errorf("the JSON Schema refuses a name of the maximum length: %v", err)
	}
}

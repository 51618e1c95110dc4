package schema

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Format returns a workspace file in canonical form, keeping its comments:
// keys in the order Marshal writes them, the lists and free-keyed mappings
// Marshal sorts sorted the same way (users and members by email, case
// folded; named items by name; previously:, domains, ignore patterns and
// confirm ids by value), two-space indentation and one blank line between
// top-level sections. Lists whose order is kept by the loader (install
// commands, config lists, settings.secrets patterns) keep their order, and
// scalars keep their quoting. Comments beside consecutive lines are
// aligned in one column, as gofmt aligns them. A comment moves with the key or item it is
// written above, beside or under; the comment above the file's first key
// stays at the top of the file, and the one under its last key at the end.
// Formatting formatted output changes nothing.
//
// A file Parse refuses is not formatted: Format returns its error
// diagnostics. The output parses to the same workspace as data; when it
// would not (which should not happen), Format returns an error diagnostic
// rather than a file that means something else.
func Format(file string, data []byte, o Options) ([]byte, Diagnostics) {
	ws, diags := ParseWith(file, data, o)
	if diags.HasErrors() {
		return nil, diags.Errors()
	}
	want, err := Marshal(ws)
	if err != nil {
		return nil, Diagnostics{formatBug(file, err.Error())}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, Diagnostics{formatBug(file, fmt.Sprint("reading the file again: ", err))}
	}
	canonicalize(&doc)
	plain, err := encodeYAML(&doc)
	if err != nil {
		return nil, Diagnostics{formatBug(file, err.Error())}
	}
	// Blank lines are inserted in the text, which could in theory change a
	// block scalar kept with "|+"; the unspaced form is the fallback.
	for _, out := range [][]byte{alignComments(spaceSections(plain)), alignComments(plain)} {
		if sameMeaning(file, out, want, o) {
			return out, nil
		}
	}
	if a := firstAlias(doc.Content[0]); a != nil {
		return nil, Diagnostics{{Pos: Pos{File: file, Line: a.Line, Col: a.Column}, Severity: SeverityError,
			Message: fmt.Sprintf("the alias *%s would come before its anchor &%s once sorted", a.Value, a.Value),
			Hint:    "write the value in place of the alias (and drop the anchor), then format again"}}
	}
	return nil, Diagnostics{formatBug(file, "the formatted file would not mean the same as the original")}
}

// firstAlias is the first alias node under n in document order, or nil.
func firstAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		return n
	}
	for _, c := range n.Content {
		if a := firstAlias(c); a != nil {
			return a
		}
	}
	return nil
}

// canonicalize orders the document's root mapping; the comment above the
// first key stays first in the file, and the one under the last key last,
// when those keys move.
func canonicalize(doc *yaml.Node) {
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode || len(root.Content) == 0 {
		return
	}
	first, last := root.Content[0], root.Content[len(root.Content)-2]
	workspaceShape.apply(root)
	if root.Content[0] != first && first.HeadComment != "" {
		doc.HeadComment = joinComments(doc.HeadComment, first.HeadComment)
		first.HeadComment = ""
	}
	if root.Content[len(root.Content)-2] != last && last.FootComment != "" {
		doc.FootComment = joinComments(last.FootComment, doc.FootComment)
		last.FootComment = ""
	}
}

func joinComments(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n\n" + b
}

// encodeYAML writes doc as Marshal does: two-space indentation.
func encodeYAML(doc *yaml.Node) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// spaceSections puts one blank line before each top-level key but the
// first, above the comments written over it, and ends the file with one
// newline; consecutive one-line entries without comments (version: and
// workspace:) stay together.
func spaceSections(data []byte) []byte {
	lines := strings.SplitAfter(string(data), "\n")
	var out []string
	seenKey := false
	for i, l := range lines {
		if isTopKey(l) {
			oneLine := i+1 == len(lines) || !continues(lines[i+1])
			if seenKey && !(oneLine && isTopKey(out[len(out)-1])) {
				out = blankBeforeComments(out)
			}
			seenKey = true
		}
		out = append(out, l)
	}
	return []byte(strings.TrimRight(strings.Join(out, ""), "\n") + "\n")
}

// continues reports whether a line belongs to the entry above it.
func continues(l string) bool { return strings.HasPrefix(l, " ") || strings.HasPrefix(l, "-") }

// isTopKey reports whether a line of encoded YAML starts a top-level key.
func isTopKey(l string) bool {
	if l == "" || l == "\n" || strings.HasPrefix(l, "---") || strings.HasPrefix(l, "...") {
		return false
	}
	switch l[0] {
	case ' ', '#', '-', '\t':
		return false
	}
	return true
}

// blankBeforeComments inserts a blank line before the comment lines that
// end out, unless one is there already.
func blankBeforeComments(out []string) []string {
	i := len(out)
	for i > 0 && strings.HasPrefix(out[i-1], "#") {
		i--
	}
	if i == 0 || out[i-1] == "\n" {
		return out
	}
	return append(out[:i], append([]string{"\n"}, out[i:]...)...)
}

// sameMeaning reports whether out parses, without errors, to the workspace
// whose Marshal output is want.
func sameMeaning(file string, out, want []byte, o Options) bool {
	ws, diags := ParseWith(file, out, o)
	if diags.HasErrors() {
		return false
	}
	got, err := Marshal(ws)
	return err == nil && bytes.Equal(got, want)
}

func formatBug(file, msg string) Diagnostic {
	return Diagnostic{Pos: Pos{File: file}, Severity: SeverityError,
		Message: "cannot format the file: " + msg,
		Hint:    "this is a bug in hexform; please report it with the file"}
}

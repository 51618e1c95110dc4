package schema

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// DefaultMaxFileSize is the largest workspace file Load and Parse accept
// unless Options raise or lower it: 64 MiB, about two and a half times a
// workspace of 100,000 users, 10,000 groups and 500,000 memberships.
const DefaultMaxFileSize = 64 << 20

// Options adjust Load and Parse; the zero Options are the defaults.
type Options struct {
	// MaxFileSize is the largest file accepted, in bytes; 0 means
	// DefaultMaxFileSize.
	MaxFileSize int64
}

func (o Options) maxFileSize() int64 {
	if o.MaxFileSize > 0 {
		return o.MaxFileSize
	}
	return DefaultMaxFileSize
}

// Load reads the workspace file at path and parses it; see Parse.
// A missing file, a directory, a file over DefaultMaxFileSize, an empty
// file and a file that is not UTF-8 each get a clear error diagnostic.
func Load(path string) (*Workspace, Diagnostics) { return LoadWith(path, Options{}) }

// LoadWith is Load with options.
func LoadWith(path string, o Options) (*Workspace, Diagnostics) {
	data, d := readFile(path, o.maxFileSize())
	if d != nil {
		return nil, Diagnostics{*d}
	}
	return ParseWith(path, data, o)
}

// tooBig reports a file of size bytes over limit.
func tooBig(file string, size, limit int64) *Diagnostic {
	return &Diagnostic{Pos: Pos{File: file}, Severity: SeverityError,
		Message: fmt.Sprintf("file is %d bytes; a workspace file may hold at most %d (%s)", size, limit, FormatByteSize(limit)),
		Hint:    fmt.Sprintf("if the file is meant to be this large, raise the limit, e.g. HEXFORM_MAX_FILE_SIZE=%s", FormatByteSize((size>>26+1)<<26))}
}

func readFile(path string, limit int64) ([]byte, *Diagnostic) {
	fail := func(hint, format string, args ...any) *Diagnostic {
		return &Diagnostic{Pos: Pos{File: path}, Severity: SeverityError, Message: fmt.Sprintf(format, args...), Hint: hint}
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fail("check the path, or pass the workspace file with -f PATH", "file not found")
	case err != nil:
		return nil, fail("", "cannot read the file: %v", unwrapPathError(err))
	case fi.IsDir():
		return nil, fail("pass the workspace file inside it, e.g. -f "+path+"/workspace.yaml", "is a directory, not a workspace file")
	case !fi.Mode().IsRegular():
		return nil, fail("", "not a regular file")
	case fi.Size() > limit:
		return nil, tooBig(path, fi.Size(), limit)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fail("", "cannot read the file: %v", unwrapPathError(err))
	}
	defer f.Close()
	// Sized from the stat, so that the file is read without the buffer
	// growing (and being copied) a dozen times; the limit still holds if
	// the file grew since.
	var buf bytes.Buffer
	buf.Grow(int(fi.Size()) + bytes.MinRead)
	_, err = buf.ReadFrom(io.LimitReader(f, limit+1))
	data := buf.Bytes()
	if err != nil {
		return nil, fail("", "cannot read the file: %v", unwrapPathError(err))
	}
	return data, nil
}

// unwrapPathError drops the path from an *fs.PathError, which the
// diagnostic already names.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Parse reads a workspace document of at most DefaultMaxFileSize bytes.
// file names it in diagnostics.
//
// Every problem is reported, sorted by position. The returned *Workspace is
// nil exactly when the diagnostics hold an error. Parse never panics, and its
// work is bounded by the input size: YAML aliases may not expand the
// document by more than maxAliasNodes nodes.
func Parse(file string, data []byte) (*Workspace, Diagnostics) {
	return ParseWith(file, data, Options{})
}

// ParseWith is Parse with options.
func ParseWith(file string, data []byte, o Options) (ws *Workspace, diags Diagnostics) {
	defer func() {
		if r := recover(); r != nil {
			ws = nil
			diags = append(diags, Diagnostic{Pos: Pos{File: file}, Severity: SeverityError,
				Message: fmt.Sprintf("internal error reading the file: %v", r),
				Hint:    "this is a bug in hexform; please report it with the file"})
			diags.Sort()
		}
	}()
	if limit := o.maxFileSize(); int64(len(data)) > limit {
		return nil, Diagnostics{*tooBig(file, int64(len(data)), limit)}
	}
	root, d := parseYAML(file, data)
	if d != nil {
		return nil, Diagnostics{*d}
	}
	dec := newDecoder(file)
	// An alias is written *name: a file without a '*' has none to check.
	if bytes.IndexByte(data, '*') >= 0 && !dec.checkAliases(root) {
		return nil, dec.diags
	}
	ws = dec.workspace(root)
	dec.check(ws)
	diags = append(dec.diags, dec.summaries()...)
	diags.Sort()
	if diags.HasErrors() {
		return nil, diags
	}
	return ws, diags
}

var yamlLineErr = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML checks the raw bytes and parses exactly one YAML document,
// returning its top node.
func parseYAML(file string, data []byte) (*yaml.Node, *Diagnostic) {
	fail := func(line, col int, hint, format string, args ...any) *Diagnostic {
		return &Diagnostic{Pos: Pos{File: file, Line: line, Col: col}, Severity: SeverityError, Message: fmt.Sprintf(format, args...), Hint: hint}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fail(0, 0, "start with:\nversion: 1\nworkspace: NAME", "file is empty")
	}
	if !utf8.Valid(data) {
		line, col := invalidUTF8At(data)
		return nil, fail(line, col, "save the file as UTF-8", "file is not valid UTF-8")
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fail(0, 0, "start with:\nversion: 1\nworkspace: NAME", "file has no content, only comments")
		}
		return nil, yamlSyntax(file, data, err)
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		return nil, fail(extra.Line, extra.Column, "remove the \"---\" separator: hexform reads one document per file", "file holds more than one YAML document")
	case !errors.Is(err, io.EOF):
		return nil, yamlSyntax(file, data, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, fail(0, 0, "", "file has no YAML document")
	}
	return doc.Content[0], nil
}

// yamlSyntax turns a yaml.v3 syntax error into a diagnostic. yaml.v3 names
// only the line; the column and a plain explanation come from the text.
func yamlSyntax(file string, data []byte, err error) *Diagnostic {
	d := &Diagnostic{Pos: Pos{File: file}, Severity: SeverityError}
	msg := err.Error()
	if m := yamlLineErr.FindStringSubmatch(msg); m != nil {
		d.Line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else if len(msg) > 6 && msg[:6] == "yaml: " {
		msg = msg[6:]
	}
	d.Message = "invalid YAML: " + msg
	explainSyntax(d, data, msg)
	return d
}

// explainSyntax adds the column and a hint for the syntax errors people make.
func explainSyntax(d *Diagnostic, data []byte, msg string) {
	lines := strings.Split(string(data), "\n")
	lineText := func(n int) string {
		if n < 1 || n > len(lines) {
			return ""
		}
		return strings.TrimRight(lines[n-1], "\r")
	}
	switch {
	case strings.Contains(msg, "found character that cannot start any token") || strings.Contains(msg, "found a tab"):
		if n, col := firstTab(lines, d.Line); n > 0 {
			d.Line, d.Col = n, col
			d.Message = "invalid YAML: a tab character; YAML indents with spaces only"
			d.Hint = "replace the tab with spaces"
			return
		}
	case strings.Contains(msg, "unexpected end of stream") || strings.Contains(msg, "did not find expected") && strings.Contains(msg, "quote"):
		if n, col := unclosedQuote(lines); n > 0 {
			d.Line, d.Col = n, col
			d.Message = "invalid YAML: a quoted string is never closed"
			d.Hint = "add the closing quote on the same line"
			return
		}
	case strings.Contains(msg, "mapping values are not allowed"):
		if t := lineText(d.Line); strings.Contains(t, ":") {
			d.Col = len(t) - len(strings.TrimLeft(t, " \t")) + 1
			d.Hint = "check this line's indentation: a key must line up with the keys above it; quote a value that holds \": \""
			return
		}
	}
	if t := lineText(d.Line); t != "" {
		d.Col = len(t) - len(strings.TrimLeft(t, " \t")) + 1
	}
}

// firstTab finds the first tab in the indentation of a line, from line from
// on (or anywhere when that finds none).
func firstTab(lines []string, from int) (line, col int) {
	for _, start := range []int{max(from, 1), 1} {
		for i := start - 1; i < len(lines); i++ {
			t := lines[i]
			indent := len(t) - len(strings.TrimLeft(t, " \t"))
			if j := strings.IndexByte(t[:indent], '\t'); j >= 0 {
				return i + 1, j + 1
			}
		}
	}
	return 0, 0
}

// unclosedQuote finds the line whose double or single quote is never closed,
// ignoring comments.
func unclosedQuote(lines []string) (line, col int) {
	for i, t := range lines {
		var open rune
		at := 0
		for j, r := range t {
			switch {
			case open == 0 && r == '#' && (j == 0 || t[j-1] == ' '):
				goto next
			case open == 0 && (r == '"' || r == '\'') && (j == 0 || strings.ContainsRune(" :[{,-", rune(t[j-1]))):
				open, at = r, j
			case open == '"' && r == '\\':
				// an escape: the next character is part of the string
			case open != 0 && r == open && (open == '\'' || j == 0 || t[j-1] != '\\'):
				open = 0
			}
		}
		if open != 0 {
			return i + 1, at + 1
		}
	next:
	}
	return 0, 0
}

// invalidUTF8At returns the 1-based line and column of the first byte that
// is not UTF-8.
func invalidUTF8At(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return line, col
}

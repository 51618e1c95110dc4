package codecheck

import (
	"fmt"
	"go/ast"
	"go/token"
	"path"
	"regexp"
	"strings"
)

// maxFuncLines is the longest a non-test function may be, counted from its
// func keyword to its closing brace.
const maxFuncLines = 60

// Rule names, as they appear in findings and allowlist keys.
const (
	ruleLongFunc   = "long-func"
	ruleDocGo      = "doc-go"
	ruleComment    = "comment"
	ruleKindSwitch = "kind-switch"
)

// finding is one broken rule at one place, with how to fix it.
type finding struct {
	rule string
	file string // slash path relative to the module root
	line int
	msg  string
}

func (f finding) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", f.file, f.line, f.rule, f.msg)
}

// srcFile is one parsed Go file of the module.
type srcFile struct {
	rel  string // slash path relative to the module root
	ast  *ast.File
	test bool
	gen  bool
}

// longFuncs reports every function or method whose declaration runs over
// maxFuncLines lines. Test and generated files are not checked.
func longFuncs(fset *token.FileSet, f srcFile) []finding {
	if f.test || f.gen {
		return nil
	}
	var out []finding
	for _, d := range f.ast.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		start := fset.Position(fd.Pos()).Line
		n := fset.Position(fd.Body.Rbrace).Line - start + 1
		if n > maxFuncLines {
			out = append(out, finding{ruleLongFunc, f.rel, start, fmt.Sprintf(
				"func %s is %d lines (limit %d): split it into smaller functions",
				funcName(fd), n, maxFuncLines)})
		}
	}
	return out
}

func funcName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if ix, ok := t.(*ast.IndexExpr); ok {
		t = ix.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name + "." + fd.Name.Name
	}
	return fd.Name.Name
}

// docGo reports a package directory (slash path, "." for the root) whose Go
// files lack a doc.go holding the package comment, or whose other non-test
// files hold a package comment of their own.
func docGo(dir string, files []srcFile) []finding {
	rel := path.Join(dir, "doc.go")
	var out []finding
	found := false
	for _, f := range files {
		switch {
		case f.rel == rel:
			found = true
			if f.ast.Doc == nil {
				out = append(out, finding{ruleDocGo, rel, 1,
					"doc.go has no package comment: write one (// Package x ...) just above the package clause"})
			}
		case f.ast.Doc != nil && !f.test && !f.gen:
			out = append(out, finding{ruleDocGo, f.rel, 1,
				"package comment outside doc.go: move it into doc.go, so the package has one"})
		}
	}
	if !found {
		out = append(out, finding{ruleDocGo, rel, 1, fmt.Sprintf(
			"package directory %s has no doc.go: add one holding the package comment (// Package x ...)", dir)})
	}
	return out
}

var (
	// issueRef matches a tracker reference: the word issue or PR or pull
	// request followed by a number (with or without a hash sign), or a hash
	// sign and a number on its own.
	issueRef = regexp.MustCompile(`(?i)\b(issues?|pr|pull requests?)\s+#?\d+|(^|[\s(\[,;:])#\d+\b`)
	// outsidePath matches paths that point out of the repository.
	outsidePath = regexp.MustCompile(`/work/|(^|[^\w.])(\.\./)+shared\b`)
	// mdName matches a Markdown file name or path.
	mdName = regexp.MustCompile(`[\w./-]*[\w-]\.md\b`)
	// url matches a web address, whose paths are not repository paths.
	url = regexp.MustCompile(`\bhttps?://\S+`)
)

// comments reports comments that cite tracker issues or files outside the
// repository. exists reports whether a slash path relative to the module
// root is a file of the repository; a bare file name counts when some file
// of the repository has that name.
func comments(fset *token.FileSet, f srcFile, exists func(string) bool) []finding {
	var out []finding
	for _, g := range f.ast.Comments {
		for _, c := range g.List {
			line := fset.Position(c.Slash).Line
			for i, text := range strings.Split(c.Text, "\n") {
				for _, msg := range commentProblems(url.ReplaceAllString(text, " "), path.Dir(f.rel), exists) {
					out = append(out, finding{ruleComment, f.rel, line + i, msg})
				}
			}
		}
	}
	return out
}

func commentProblems(text, dir string, exists func(string) bool) []string {
	var out []string
	if m := issueRef.FindString(text); m != "" {
		out = append(out, fmt.Sprintf(
			"comment cites a tracker issue (%q): say what is meant so the comment stands alone", strings.TrimSpace(m)))
	}
	if m := outsidePath.FindString(text); m != "" {
		out = append(out, fmt.Sprintf(
			"comment cites a path outside the repository (%q): say what is meant, or cite a file of the repository", strings.TrimLeft(m, " (")))
	}
	for _, m := range mdName.FindAllString(text, -1) {
		if !mdExists(m, dir, exists) {
			out = append(out, fmt.Sprintf(
				"comment cites %s, which is not in the repository: say what is meant, or cite a file of the repository (docs/...)", m))
		}
	}
	return out
}

func mdExists(name, dir string, exists func(string) bool) bool {
	name = strings.TrimPrefix(name, "./")
	if !strings.Contains(name, "/") && exists(name) {
		return true
	}
	for _, p := range []string{path.Clean(name), path.Join(dir, name)} {
		if !strings.HasPrefix(p, "../") && exists(p) {
			return true
		}
	}
	return false
}

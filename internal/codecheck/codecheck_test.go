package codecheck

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// allowance lets a file keep, for now, a known number of findings of one
// rule. The list only shrinks: a file with more findings fails as before, and
// an entry with fewer findings than it allows fails as stale.
type allowance struct {
	n   int
	why string
}

// allowed lists today's known findings, keyed "rule file". Remove an entry
// (or lower its count) in the commit that fixes the code.
var allowed = map[string]allowance{}

// TestCodebase checks the structural rules on every Go file of the module:
// functions of at most maxFuncLines lines, a doc.go in every package,
// comments that stand alone, and no switch on kind outside the kind
// registry files.
func TestCodebase(t *testing.T) {
	root := moduleRoot(t)
	m := loadModule(t, root)
	var all []finding
	for _, dir := range m.dirs() {
		all = append(all, docGo(dir, m.byDir[dir])...)
	}
	for _, f := range m.files {
		all = append(all, longFuncs(m.fset, f)...)
		all = append(all, comments(m.fset, f, m.exists)...)
		all = append(all, kindSwitches(m.fset, f, m.kinds)...)
	}
	for _, msg := range judge(all, allowed) {
		t.Error(msg)
	}
}

// judge returns the failures: findings not covered by an allowance, and
// allowances no longer needed in full.
func judge(all []finding, allow map[string]allowance) []string {
	byKey := map[string][]finding{}
	for _, f := range all {
		k := f.rule + " " + f.file
		byKey[k] = append(byKey[k], f)
	}
	var out []string
	for k, fs := range byKey {
		a, ok := allow[k]
		if !ok || len(fs) > a.n {
			for _, f := range fs {
				out = append(out, f.String())
			}
		}
		if ok && len(fs) > a.n {
			out = append(out, fmt.Sprintf("%s: %d findings, but the allowlist entry %q allows %d: fix the new ones", fs[0].file, len(fs), k, a.n))
		}
	}
	for k, a := range allow {
		if n := len(byKey[k]); n < a.n {
			out = append(out, fmt.Sprintf("allowlist entry %q is stale (%d findings left, %d allowed): %s", k, n, a.n, staleFix(n)))
		}
	}
	sort.Strings(out)
	return out
}

func staleFix(n int) string {
	if n == 0 {
		return "remove it"
	}
	return fmt.Sprintf("lower its count to %d", n)
}

// module is every parsed Go file of the module, and the names of all its
// files.
type module struct {
	fset  *token.FileSet
	files []srcFile
	byDir map[string][]srcFile
	paths map[string]bool // every file, as a slash path from the root
	names map[string]bool // every file's base name
	kinds map[string]bool // the Kind constants of package reconcile
}

func (m *module) exists(p string) bool {
	if strings.Contains(p, "/") {
		return m.paths[p]
	}
	return m.names[p]
}

func (m *module) dirs() []string {
	var out []string
	for d := range m.byDir {
		out = append(out, d)
	}
	sort.Strings(out)
	return out
}

// moduleRoot is the nearest directory at or above the working directory
// holding go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod in the working directory or above it")
		}
		dir = up
	}
}

// skipDir reports directories outside the repository's own files: .git
// and nested modules.
func skipDir(root, p, name string) bool {
	if p == root {
		return false
	}
	if name == ".git" {
		return true
	}
	_, err := os.Stat(filepath.Join(p, "go.mod"))
	return err == nil
}

// inPackage reports whether a Go file belongs to a package of the module:
// the go command ignores testdata, vendor, and names starting with . or _.
func inPackage(rel string) bool {
	for _, part := range strings.Split(rel, "/") {
		if strings.HasPrefix(part, ".") || strings.HasPrefix(part, "_") || part == "testdata" || part == "vendor" {
			return false
		}
	}
	return true
}

func loadModule(t *testing.T, root string) *module {
	t.Helper()
	m := &module{fset: token.NewFileSet(), byDir: map[string][]srcFile{}, paths: map[string]bool{}, names: map[string]bool{}}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if skipDir(root, p, d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		m.paths[rel], m.names[d.Name()] = true, true
		if strings.HasSuffix(rel, ".go") && inPackage(rel) {
			return m.parse(p, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	m.kinds = kindConsts(m.byDir["reconcile"])
	if len(m.kinds) == 0 {
		t.Fatal("found no constants of type Kind in package reconcile: the kind-switch check would check nothing")
	}
	return m
}

func (m *module) parse(p, rel string) error {
	f, err := parser.ParseFile(m.fset, p, nil, parser.ParseComments)
	if err != nil {
		return err
	}
	sf := srcFile{rel: rel, ast: f, test: strings.HasSuffix(rel, "_test.go"), gen: ast.IsGenerated(f)}
	m.files = append(m.files, sf)
	m.byDir[path.Dir(rel)] = append(m.byDir[path.Dir(rel)], sf)
	return nil
}

package codecheck

import (
	"go/ast"
	"go/token"
	"path"
	"strconv"
	"strings"
)

// reconcilePath is the import path of the engine package that defines Kind.
const reconcilePath = "github.com/hexform/hexform/reconcile"

// kindConsts returns the names of the constants of type Kind declared in
// the files of package reconcile.
func kindConsts(files []srcFile) map[string]bool {
	out := map[string]bool{}
	for _, f := range files {
		for _, d := range f.ast.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			typed := false
			for _, s := range gd.Specs {
				vs := s.(*ast.ValueSpec)
				if vs.Type != nil || vs.Values != nil {
					id, ok := vs.Type.(*ast.Ident)
					typed = ok && id.Name == "Kind"
				}
				for _, n := range vs.Names {
					if typed {
						out[n.Name] = true
					}
				}
			}
		}
	}
	return out
}

// kindRegistry reports whether a file is one of the kind registry files,
// where per-kind switches belong: reconcile/kind*.go, and kind_*.go in any
// package.
func kindRegistry(rel string) bool {
	dir, base := path.Split(rel)
	return strings.HasPrefix(base, "kind_") ||
		(dir == "reconcile/" && strings.HasPrefix(base, "kind"))
}

// kindFile knows how one file names package reconcile and its Kind
// constants.
type kindFile struct {
	consts map[string]bool
	local  map[string]bool // names the file imports reconcile as
	inside bool            // unqualified names are reconcile's (package reconcile, or a dot import)
}

func newKindFile(f srcFile, consts map[string]bool) *kindFile {
	k := &kindFile{consts: consts, local: map[string]bool{}}
	k.inside = path.Dir(f.rel) == "reconcile" && f.ast.Name.Name == "reconcile"
	for _, im := range f.ast.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		switch {
		case p != reconcilePath:
		case im.Name == nil:
			k.local["reconcile"] = true
		case im.Name.Name == ".":
			k.inside = true
		default:
			k.local[im.Name.Name] = true
		}
	}
	return k
}

// name reports whether e names reconcile's identifier want, or, with want
// empty, one of its Kind constants.
func (k *kindFile) name(e ast.Expr, want string) bool {
	match := func(n string) bool { return (want == "" && k.consts[n]) || (want != "" && n == want) }
	switch e := e.(type) {
	case *ast.Ident:
		return k.inside && match(e.Name)
	case *ast.SelectorExpr:
		x, ok := e.X.(*ast.Ident)
		return ok && k.local[x.Name] && match(e.Sel.Name)
	}
	return false
}

// mentionsKind reports whether e uses one of the Kind constants anywhere.
func (k *kindFile) mentionsKind(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if x, ok := n.(ast.Expr); ok && k.name(x, "") {
			found = true
		}
		return !found
	})
	return found
}

// kindVars returns the names a function declares as holding a Kind: typed
// parameters and variables, := from a Kind expression, ranges over Kinds.
func (k *kindFile) kindVars(fd *ast.FuncDecl) map[string]bool {
	vars := map[string]bool{}
	add := func(e ast.Expr) {
		if id, ok := e.(*ast.Ident); ok {
			vars[id.Name] = true
		}
	}
	ast.Inspect(fd, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Field:
			if k.name(n.Type, "Kind") {
				for _, id := range n.Names {
					add(id)
				}
			}
		case *ast.ValueSpec:
			if n.Type != nil && k.name(n.Type, "Kind") {
				for _, id := range n.Names {
					add(id)
				}
			}
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE && len(n.Lhs) == len(n.Rhs) {
				for i, r := range n.Rhs {
					if k.name(r, "") || k.kindField(r) {
						add(n.Lhs[i])
					}
				}
			}
		case *ast.RangeStmt:
			if n.Value != nil && k.name(n.X, "Kinds") {
				add(n.Value)
			}
		}
		return true
	})
	return vars
}

// kindField reports whether e reads a field named Kind in a file that uses
// package reconcile.
func (k *kindFile) kindField(e ast.Expr) bool {
	s, ok := e.(*ast.SelectorExpr)
	return ok && s.Sel.Name == "Kind" && (k.inside || len(k.local) > 0)
}

// onKind reports whether a switch statement chooses by kind: a case lists a
// Kind constant, or the tag is a Kind variable, or the tag reads a Kind field
// and every case is a Kind constant or a string.
func (k *kindFile) onKind(sw *ast.SwitchStmt, vars map[string]bool) bool {
	var cases []ast.Expr
	for _, s := range sw.Body.List {
		cases = append(cases, s.(*ast.CaseClause).List...)
	}
	for _, c := range cases {
		if k.mentionsKind(c) {
			return true
		}
	}
	tag := sw.Tag
	if call, ok := tag.(*ast.CallExpr); ok && len(call.Args) == 1 {
		if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "string" {
			tag = call.Args[0]
		}
	}
	if id, ok := tag.(*ast.Ident); ok && vars[id.Name] {
		return true
	}
	if tag == nil || !k.kindField(tag) {
		return false
	}
	for _, c := range cases {
		if lit, ok := c.(*ast.BasicLit); !ok || lit.Kind != token.STRING {
			return false
		}
	}
	return true
}

// kindSwitches reports every switch on kind in a non-test file outside the
// kind registry files.
func kindSwitches(fset *token.FileSet, f srcFile, consts map[string]bool) []finding {
	if f.test || kindRegistry(f.rel) {
		return nil
	}
	k := newKindFile(f, consts)
	var out []finding
	for _, d := range f.ast.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		vars := k.kindVars(fd)
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if sw, ok := n.(*ast.SwitchStmt); ok && k.onKind(sw, vars) {
				out = append(out, finding{ruleKindSwitch, f.rel, fset.Position(sw.Pos()).Line,
					"switch on kind outside the kind registry: give each kind's case to its kind file " +
						"(reconcile/kind_<name>.go, or the adapter's kind_<name>.go) and look it up by kind"})
			}
			return true
		})
	}
	return out
}

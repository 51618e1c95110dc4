package hextarget

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hexform/hexform/reconcile"
)

var allActions = []reconcile.Action{reconcile.ActionCreate, reconcile.ActionUpdate, reconcile.ActionRename,
	reconcile.ActionDelete, reconcile.ActionDeactivate}

// TestCapabilitiesMatchApply: every (kind, action) Capabilities marks
// writable is carried out by Apply, and every other one is refused as a
// step in Settings; every kind the target reads is one the engine knows.
func TestCapabilitiesMatchApply(t *testing.T) {
	caps := New(nil).Capabilities()
	for _, k := range reconcile.Kinds {
		for _, a := range allActions {
			tg, _ := snapTarget(t)
			err := tg.Apply(context.Background(), change(a, k, "x", ""), secrets)
			refused := fmt.Sprintf("the Hex API cannot %s a %s: do it in Settings", a, k)
			if got := err == nil || err.Error() != refused; got != caps.Write[k][a] {
				t.Errorf("%s %s: Capabilities writable = %v, Apply: %v", a, k, caps.Write[k][a], err)
			}
		}
	}
	for k := range caps.Read {
		if !k.Known() {
			t.Errorf("the Hex target reads %q, a kind the engine does not know", k)
		}
	}
	if len(caps.Read)+len(unreadable) != len(reconcile.Kinds) {
		t.Errorf("read %v and unreadable %v do not cover the kinds %v", caps.Read, unreadable, reconcile.Kinds)
	}
}

// TestNoKindSwitchOutsideKindFiles: what the target does with a kind is in
// its kind_<name>.go file; other files loop over the appliers.
func TestNoKindSwitchOutsideKindFiles(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, "kind_") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == "reconcile" &&
				strings.HasPrefix(sel.Sel.Name, "Kind") && sel.Sel.Name != "Kind" && sel.Sel.Name != "Kinds" {
				t.Errorf("%s: names reconcile.%s: what is particular to a kind belongs in its kind_<name>.go",
					fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
}

// TestApplyReadsASnapshotFirst: a target that has read none reads the
// workspace before its first change, and resolves the change against it.
func TestApplyReadsASnapshotFirst(t *testing.T) {
	f := newFake()
	tg := newTarget(t, f)
	applyOne(t, tg, change(reconcile.ActionDeactivate, reconcile.KindUser, "Carol@acme.com", "",
		fld("active", true, false)))
	if len(f.calls) == 0 || f.calls[0].Path != "/v1/users/me" {
		t.Fatalf("calls = %+v, want a snapshot read first", f.calls)
	}
	if w := f.writes(); len(w) != 1 || w[0].Path != "/v1/users/u3/deactivate" {
		t.Errorf("writes = %+v", w)
	}
}

// TestParallelCreatesAreKept: groups created at once (as a wave applies
// them) are all kept, so a connection shared with them finds each one's id
// without listing the groups again.
func TestParallelCreatesAreKept(t *testing.T) {
	tg, f := snapTarget(t)
	names := []string{"A", "B", "C", "D"}
	errs := make(chan error, len(names))
	for _, n := range names {
		go func() {
			errs <- tg.Apply(context.Background(), change(reconcile.ActionCreate, reconcile.KindGroup, n, "", fld("name", nil, n)), secrets)
		}()
	}
	for range names {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	f.reset()
	var fields []reconcile.Field
	for _, n := range names {
		fields = append(fields, fld("sharing.groups."+n, "none", "query"))
	}
	applyOne(t, tg, change(reconcile.ActionUpdate, reconcile.KindConnection, "Snow", "c2", fields...))
	if len(f.calls) != 1 || f.calls[0].Method != "PATCH" {
		t.Errorf("calls = %+v, want the edit alone", f.calls)
	}
}

// TestKeptSnapshotThatCannotTakeAChangeIsReadAgain: should a change's After
// not fit the kept snapshot, the copy is dropped and the next change reads
// the workspace afresh rather than resolve against a wrong copy.
func TestKeptSnapshotThatCannotTakeAChangeIsReadAgain(t *testing.T) {
	tg, f := snapTarget(t)
	c := change(reconcile.ActionUpdate, reconcile.KindGroup, "Gone", "g404", fld("members", []string{}, []string{"bob@acme.com"}))
	tg.keep(&reconcile.Typed{Change: c, Before: &reconcile.GroupState{ID: "g404", Name: "Gone"},
		After: &reconcile.GroupState{ID: "g404", Name: "Gone", Members: []string{"bob@acme.com"}}}, "")
	applyOne(t, tg, change(reconcile.ActionDeactivate, reconcile.KindUser, "bob@acme.com", "u2", fld("active", true, false)))
	if len(f.calls) == 0 || f.calls[0].Path != "/v1/users/me" {
		t.Errorf("calls = %+v, want the workspace read again first", f.calls)
	}
}

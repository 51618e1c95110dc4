package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/hexform/hexform/reconcile"
)

// The workspace file on the two branches of gitRepo. On main (v1) the
// group, status and domain are applied; the feature branch (v2) adds a
// member, a status and a domain, and drops a category.
const (
	wsMain = `version: 1
workspace: acme
domains:
  allowed: [acme.example]
  default_role: viewer
users:
  - {email: ada@acme.example, role: admin}
  - {email: ben@acme.example, role: editor}
groups:
  - {name: Analysts, members: [ada@acme.example]}
tags:
  statuses:
    - {name: Production, endorsed: true}
  categories:
    - {name: Finance}
    - {name: Legacy}
`
	wsFeature = `version: 1
workspace: acme
domains:
  allowed: [acme.example, acme.io]
  default_role: viewer
users:
  - {email: ada@acme.example, role: admin}
  - {email: ben@acme.example, role: editor}
groups:
  - {name: Analysts, members: [ada@acme.example, ben@acme.example]}
tags:
  statuses:
    - {name: Production, endorsed: true}
    - {name: Review}
  categories:
    - {name: Finance}
`
	// wsDirty is an uncommitted edit in the working tree.
	wsDirty = `version: 1
workspace: acme
users:
  - {email: ada@acme.example, role: admin}
  - {email: dirty@acme.example, role: viewer}
`
)

// stateMain is a file target holding main's workspace, which (like Hex)
// cannot read statuses, categories, domains, settings or packages.
const stateMain = `{
  "revision": 1,
  "users": [
    {"id": "u1", "email": "ada@acme.example", "role": "admin", "active": true},
    {"id": "u2", "email": "ben@acme.example", "role": "editor", "active": true}
  ],
  "groups": [{"id": "g1", "name": "Analysts", "members": ["ada@acme.example"]}],
  "unreadable": ["status", "category", "domain", "setting", "package"],
  "actor": "ada@acme.example"
}
`

// gitRepo is a repository built with go-git:
//
//	c0 (README only) -- c1 (main, origin/main: wsMain) -- c2 (feature, HEAD: wsFeature)
type gitRepo struct {
	dir, ws    string // the working tree and its workspace file
	state      string // the file target's state document
	c0, c1, c2 string
}

func newGitRepo(t *testing.T) *gitRepo {
	t.Helper()
	g := &gitRepo{dir: t.TempDir()}
	g.ws = filepath.Join(g.dir, "workspace.yaml")
	g.state = filepath.Join(t.TempDir(), "state.json")
	mustWrite(t, g.state, stateMain)
	r, err := git.PlainInitWithOptions(g.dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
	})
	if err != nil {
		t.Fatal(err)
	}
	wt, err := r.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	g.c0 = commitFile(t, wt, g.dir, "README.md", "hex admin\n", 0)
	g.c1 = commitFile(t, wt, g.dir, "workspace.yaml", wsMain, 1)
	// As actions/checkout leaves it: the base branch as a remote-tracking ref.
	origin := plumbing.NewHashReference("refs/remotes/origin/main", plumbing.NewHash(g.c1))
	if err := r.Storer.SetReference(origin); err != nil {
		t.Fatal(err)
	}
	err = wt.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName("feature"), Create: true})
	if err != nil {
		t.Fatal(err)
	}
	g.c2 = commitFile(t, wt, g.dir, "workspace.yaml", wsFeature, 2)
	return g
}

func commitFile(t *testing.T, wt *git.Worktree, dir, name, content string, n int) string {
	t.Helper()
	mustWrite(t, filepath.Join(dir, name), content)
	if _, err := wt.Add(name); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "Test", Email: "t@example.com", When: time.Unix(1700000000+int64(n), 0).UTC()}
	h, err := wt.Commit("commit", &git.CommitOptions{Author: sig, Committer: sig})
	if err != nil {
		t.Fatal(err)
	}
	return h.String()
}

// decodeJSONPlan decodes a plan printed with -o json (or saved with --out).
func decodeJSONPlan(t *testing.T, doc string) *reconcile.Plan {
	t.Helper()
	var p reconcile.Plan
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		t.Fatalf("plan is not JSON: %v\n%s", err, doc)
	}
	return &p
}

// modesByID maps each change id of p to its mode.
func modesByID(p *reconcile.Plan) map[string]reconcile.Mode {
	m := map[string]reconcile.Mode{}
	for _, c := range p.Changes {
		m[c.ID] = c.Mode
	}
	return m
}

func (g *gitRepo) plan(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return runCLI(t, nil, append([]string{"plan", "-f", g.ws, "--target", "file:" + g.state, "--no-color"}, args...)...)
}

func TestPlanRefReadsTheCommitNotTheWorkingTree(t *testing.T) {
	g := newGitRepo(t)
	mustWrite(t, g.ws, wsDirty)
	tests := []struct {
		name, ref, commit string
		has, hasNot       []string
	}{
		{"working tree", "", "", []string{"create user/dirty@acme.example"}, []string{"create category/Legacy"}},
		{"branch main", "main", g.c1, []string{"create category/Legacy"}, []string{"create user/dirty@acme.example", "create status/Review"}},
		{"HEAD", "HEAD", g.c2, []string{"create status/Review", "update group/Analysts"}, []string{"create user/dirty@acme.example"}},
		{"short sha", g.c1[:10], g.c1, []string{"create category/Legacy"}, []string{"create status/Review"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			saved := filepath.Join(t.TempDir(), "plan.json")
			args := []string{"-o", "json", "--out", saved}
			if tt.ref != "" {
				args = append(args, "--ref", tt.ref)
			}
			code, out, stderr := g.plan(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			p := decodeJSONPlan(t, out)
			data, err := os.ReadFile(saved)
			if err != nil {
				t.Fatal(err)
			}
			if s := decodeJSONPlan(t, string(data)); p.Commit != tt.commit || s.Commit != tt.commit {
				t.Errorf("commit %q, saved plan's %q, want %q", p.Commit, s.Commit, tt.commit)
			}
			modes := modesByID(p)
			for _, id := range tt.has {
				if _, ok := modes[id]; !ok {
					t.Errorf("plan lacks %q: %v", id, modes)
				}
			}
			for _, id := range tt.hasNot {
				if _, ok := modes[id]; ok {
					t.Errorf("plan has %q: %v", id, modes)
				}
			}
		})
	}
}

// TestApplyRefJournalsCommit: every journal record names the commit the
// workspace file came from.
func TestApplyRefJournalsCommit(t *testing.T) {
	g := newGitRepo(t)
	mustWrite(t, g.ws, wsDirty)
	journal := filepath.Join(t.TempDir(), "journal.jsonl")
	code, _, stderr := runCLI(t, nil, "apply", "-f", g.ws, "--target", "file:"+g.state, "--ref", "feature",
		"--auto-approve", "--no-color", "--journal", journal)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(journal)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	var changes []string
	for _, l := range lines {
		var rec struct{ Change, Commit string }
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("journal line %q: %v", l, err)
		}
		if rec.Commit != g.c2 {
			t.Errorf("journal record %q has commit %q, want %q", l, rec.Commit, g.c2)
		}
		changes = append(changes, rec.Change)
	}
	if !slices.Contains(changes, "update group/Analysts") || slices.Contains(changes, "create user/dirty@acme.example") {
		t.Errorf("journal of --ref feature records %q", changes)
	}
}

// TestPlanBaseChecklistFromFileDiff: the target cannot read statuses,
// categories, domains or settings, so without --base the plan lists every
// one in the file as unverifiable; with --base main only what the feature
// branch changed.
func TestPlanBaseChecklistFromFileDiff(t *testing.T) {
	g := newGitRepo(t)
	unverifiable := func(args ...string) []string {
		t.Helper()
		code, out, stderr := g.plan(t, append(args, "-o", "json")...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var ids []string
		for id, mode := range modesByID(decodeJSONPlan(t, out)) {
			if mode == reconcile.ModeUnverifiable {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		return ids
	}
	all := []string{"create category/Finance", "create domain/acme.example", "create domain/acme.io",
		"create status/Production", "create status/Review", "update setting/default_role"}
	if got := unverifiable(); !slices.Equal(got, all) {
		t.Errorf("without --base: unverifiable %q, want %q", got, all)
	}
	edit := []string{"create domain/acme.io", "create status/Review", "delete category/Legacy"}
	if got := unverifiable("--base", "main"); !slices.Equal(got, edit) {
		t.Errorf("--base main: unverifiable %q, want %q", got, edit)
	}
	if got := unverifiable("--base", "main", "--ref", "feature"); !slices.Equal(got, edit) {
		t.Errorf("--base main --ref feature: unverifiable %q, want %q", got, edit)
	}
	if got := unverifiable("--base", "origin/main"); !slices.Equal(got, edit) {
		t.Errorf("--base origin/main: unverifiable %q, want %q", got, edit)
	}
	if got := unverifiable("--base", "feature"); len(got) != 0 {
		t.Errorf("--base at the same commit: unverifiable %q, want none", got)
	}
}

func TestPlanBaseShownAboveThePlan(t *testing.T) {
	g := newGitRepo(t)
	short := g.c1[:12]
	fileChanges := []string{"create domain/acme.io", "update group/Analysts: members +ben@acme.example",
		"create status/Review", "delete category/Legacy"}
	tests := []struct {
		format, header, planStart string
	}{
		{"text", "The workspace file's changes since main (" + short + "):", "hexform will make these changes"},
		// In the PR comment the summary comes first, then the file's changes, then the plan's details.
		{"markdown", "changes to the workspace file (since `main (" + short + ")`): 4", "### High risk and blocked"},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			code, out, stderr := g.plan(t, "--base", "main", "-o", tt.format)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			head, plan, ok := strings.Cut(out, tt.planStart)
			if !ok || !strings.Contains(head, tt.header) {
				t.Fatalf("no file changes (%q) before %q:\n%s", tt.header, tt.planStart, out)
			}
			for _, c := range fileChanges {
				if !strings.Contains(head, c) {
					t.Errorf("file changes lack %q:\n%s", c, head)
				}
			}
			if strings.Contains(head, "Production") || strings.Contains(head, "Finance") {
				t.Errorf("file changes list unchanged items:\n%s", head)
			}
			if !strings.Contains(plan, "create status/Review") {
				t.Errorf("plan lacks the checklist item:\n%s", plan)
			}
		})
	}
}

// TestPlanBaseWithoutTheFile: the file is new since the base, so the whole
// file is the change.
func TestPlanBaseWithoutTheFile(t *testing.T) {
	g := newGitRepo(t)
	code, out, stderr := g.plan(t, "--base", g.c0, "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	p := decodeJSONPlan(t, out)
	if want := g.c0[:12]; p.Base != want {
		t.Errorf("base %q, want %q", p.Base, want)
	}
	var ids []string
	for _, c := range p.FileChanges {
		ids = append(ids, c.ID)
	}
	for _, id := range []string{"create user/ada@acme.example", "create group/Analysts", "create status/Production", "create status/Review", "create category/Finance"} {
		if !slices.Contains(ids, id) {
			t.Errorf("file changes lack %q: %q", id, ids)
		}
	}
	if m := modesByID(p); m["create status/Production"] != reconcile.ModeUnverifiable || m["create status/Review"] != reconcile.ModeUnverifiable {
		t.Errorf("every status in the new file should be on the checklist: %v", m)
	}
	code, out, _ = g.plan(t, "--base", g.c0)
	if code != 0 || !strings.Contains(out, "The workspace file's changes since "+g.c0[:12]+":") {
		t.Errorf("text header for a base commit: exit %d\n%s", code, out)
	}
}

// TestGitRelativePaths: -f is relative to the current directory, inside
// the working tree or outside it (from outside, the file was once looked
// up from the repository root, and --base then took it as new).
func TestGitRelativePaths(t *testing.T) {
	g := newGitRepo(t)
	for _, cwd := range []string{g.dir, filepath.Dir(g.dir)} {
		t.Chdir(cwd)
		rel, err := filepath.Rel(cwd, g.ws)
		if err != nil {
			t.Fatal(err)
		}
		code, out, stderr := runCLI(t, nil, "plan", "-f", rel, "--target", "file:"+g.state, "--ref", "main", "--base", g.c1, "-o", "json")
		if code != 0 {
			t.Fatalf("from %s: exit %d: %s", cwd, code, stderr)
		}
		if p := decodeJSONPlan(t, out); p.Commit != g.c1 || len(p.FileChanges) != 0 {
			t.Errorf("from %s: -f %s: commit %q, file changes %v; want %s and none", cwd, rel, p.Commit, p.FileChanges, g.c1)
		}
	}
}

func TestPlanGitErrors(t *testing.T) {
	g := newGitRepo(t)
	noRepo := filepath.Join(t.TempDir(), "workspace.yaml")
	mustWrite(t, noRepo, wsMain)
	tests := []struct {
		name  string
		args  []string
		wants []string
	}{
		{"unknown --ref", []string{"-f", g.ws, "--ref", "nope"},
			[]string{`hexform: unknown revision "nope"`, "hint: fetch it first (e.g. `git fetch origin main`)", "fetch-depth: 0"}},
		{"unknown --base", []string{"-f", g.ws, "--base", "origin/release"},
			[]string{`hexform: unknown revision "origin/release"`, "hint: fetch it first"}},
		{"file not in --ref", []string{"-f", g.ws, "--ref", g.c0},
			[]string{"workspace.yaml does not exist in revision", "hint: the path is taken relative to the repository root"}},
		{"not a repository", []string{"-f", noRepo, "--ref", "main"},
			[]string{"is not in a git repository", "hint: run hexform inside a git checkout"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"plan", "--target", "file:" + g.state}, tt.args...)
			code, out, stderr := runCLI(t, nil, args...)
			if code != 1 || out != "" {
				t.Errorf("exit %d, stdout %q; want 1 and nothing", code, out)
			}
			for _, w := range tt.wants {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
		})
	}
}

// TestPlanCleanCheckoutCarriesHead: without --ref, a workspace file that is
// committed unchanged (a CI checkout) gets HEAD's commit in the plan; an
// edited one gets none.
func TestPlanCleanCheckoutCarriesHead(t *testing.T) {
	g := newGitRepo(t)
	code, out, stderr := g.plan(t, "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if p := decodeJSONPlan(t, out); p.Commit != g.c2 {
		t.Errorf("clean checkout: commit %q, want HEAD %q", p.Commit, g.c2)
	}
	mustWrite(t, g.ws, wsDirty)
	code, out, stderr = g.plan(t, "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if p := decodeJSONPlan(t, out); p.Commit != "" {
		t.Errorf("edited file: commit %q, want none", p.Commit)
	}
}

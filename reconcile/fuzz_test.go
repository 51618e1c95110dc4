package reconcile_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/filetarget"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// FuzzDiff decodes the fuzz bytes into a desired workspace (YAML, loaded by
// the schema package) and a current snapshot, plans, confirms every change
// (--allow-delete --force, invariant errors ignored), applies the plan to
// the file target on a temporary file and plans again: the second plan must
// hold no change the target could carry out, and nothing may panic. Diff
// must also be deterministic. The decoder is deterministic: the same bytes
// give the same workspace and snapshot.
func FuzzDiff(f *testing.F) {
	for _, seed := range fuzzDiffSeeds {
		f.Add(seed)
	}
	// Longer inputs fill every section and the snapshot too.
	rng := rand.New(rand.NewPCG(7, 11))
	for range 40 {
		seed := make([]byte, 48+rng.IntN(96))
		for i := range seed {
			seed[i] = byte(rng.Uint32())
		}
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &fuzzReader{b: data}
		yml, snap := r.workspace(), r.snapshot()
		want, ds := schema.Parse("fuzz.yaml", yml)
		if ds.HasErrors() {
			return // the loader rejects it; FuzzParse covers the loader
		}
		checkConverges(t, want, snap, yml)
	})
}

// fuzzDiffSeeds are decoder inputs: each byte steers one choice.
var fuzzDiffSeeds = [][]byte{
	{},
	{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
	[]byte("users and groups, renamed and deleted"),
	[]byte("\x7f\x03\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16"),
	[]byte("\x01\x02\x00\x05\x04\x03\x02\x01\x00\x07\x06\x05\x04\x03\x02\x01\x99\x88\x77\x66\x55\x44\x33"),
	[]byte("\x08\x03\x02\x01\x01\x02\x03\x01\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e"),
	[]byte("\x10\x04\x03\x01\x02\x03\x04\x05\x06\x07\xf0\xe0\xd0\xc0\xb0\xa0\x90\x80\x70\x60\x50\x40\x30"),
	[]byte("\x20\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02"),
	[]byte("\x40\x03\x05\x07\x09\x0b\x0d\x0f\x11\x13\x15\x17\x19\x1b\x1d\x1f\x21\x23\x25\x27\x29\x2b\x2d"),
	[]byte("every kind at once: \xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4\xf3\xf2\xf1\xf0\x00\x01"),
	[]byte("\x7f\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"),
	[]byte("\x3e\x03\x03\x03\x01\x01\x01\x02\x02\x02\x03\x03\x03\x04\x04\x04\x05\x05\x05\x06\x06\x06"),
}

// staticSecrets resolves env:NAME to a value made from NAME.
type staticSecrets struct{}

func (staticSecrets) Resolve(ref schema.SecretRef) (string, error) {
	if ref.Env == "" {
		return "", errors.New("only env references in this test")
	}
	return "value-of-" + ref.Env, nil
}

// checkConverges plans want against snap, applies the plan to a file target
// and plans again.
func checkConverges(t *testing.T, want *schema.Workspace, snap *reconcile.Snapshot, yml []byte) {
	t.Helper()
	ctx := context.Background()
	membersAreUsers(want, snap)
	path := filepath.Join(t.TempDir(), "state.json")
	if err := filetarget.WriteSnapshot(path, snap); err != nil {
		t.Fatalf("writing the snapshot: %v", err)
	}
	ft := filetarget.New(path, staticSecrets{})
	have, err := ft.Snapshot(ctx)
	if err != nil {
		return // e.g. two items that normalise to one name: the target refuses the state
	}
	opts := reconcile.Options{Target: ft.Name(), SecretFingerprint: ft.SecretFingerprint}
	plan := reconcile.Diff(want, have, opts)
	if again := reconcile.Diff(want, have, opts); planJSON(t, again) != planJSON(t, plan) {
		t.Fatalf("Diff is not deterministic for\n%s", yml)
	}
	for _, w := range plan.Warnings {
		if strings.Contains(w, "is not a user of the workspace") {
			t.Fatalf("every member is a user, yet the plan warns: %s", w)
		}
	}
	_ = reconcile.Check(plan, want, have, reconcile.Policy{Confirm: want.Confirm, AllowDelete: true, Force: true, Settings: want.Settings})
	res := reconcile.Apply(ctx, plan, ft, staticSecrets{}, reconcile.ApplyOptions{})
	if len(res.Failed)+len(res.Skipped)+len(res.Blocked)+len(res.NotStarted) > 0 {
		t.Fatalf("apply did not carry the plan out: %v\nworkspace:\n%s\nplan:\n%s", res.Err, yml, planJSON(t, plan))
	}
	after, err := ft.Snapshot(ctx)
	if err != nil {
		t.Fatalf("reading the state after apply: %v", err)
	}
	again := reconcile.Diff(want, after, opts)
	for _, c := range again.Changes {
		if c.Mode == reconcile.ModeAuto {
			t.Fatalf("plan after apply is not empty: %s %s\nworkspace:\n%s\nfirst plan:\n%s\nsecond plan:\n%s",
				c.ID, fieldsString(c), yml, planJSON(t, plan), planJSON(t, again))
		}
	}
}

// membersAreUsers makes every desired group member a user of snap: a group
// holds users, and the file target refuses to add anyone else (Diff warns
// about such members, see TestDiffWarnsAboutMembersWhoAreNotUsers).
func membersAreUsers(want *schema.Workspace, snap *reconcile.Snapshot) {
	known := map[string]bool{}
	for _, u := range snap.Users {
		known[strings.ToLower(u.Email)] = true
	}
	for _, g := range want.Groups {
		for _, m := range g.Members {
			if m = strings.ToLower(m); !known[m] {
				known[m] = true
				snap.Users = append(snap.Users, reconcile.UserState{ID: "usr_m_" + m, Email: m, Role: schema.RoleViewer})
			}
		}
	}
}

func planJSON(t *testing.T, p *reconcile.Plan) string {
	t.Helper()
	b, err := json.MarshalIndent(p, "", " ")
	if err != nil {
		t.Fatalf("encoding the plan: %v", err)
	}
	return string(b)
}

func fieldsString(c reconcile.Change) string {
	var parts []string
	for _, f := range c.Fields {
		parts = append(parts, fmt.Sprintf("%s: %v -> %v", f.Path, f.Before, f.After))
	}
	return strings.Join(parts, "; ")
}

// fuzzReader turns bytes into choices; past the end every choice is 0.
type fuzzReader struct {
	b []byte
	i int
	// groups are the desired groups' names, once decoded; connections
	// share with them.
	groupNames []string
}

func (r *fuzzReader) next() int {
	if r.i >= len(r.b) {
		return 0
	}
	r.i++
	return int(r.b[r.i-1])
}

func (r *fuzzReader) pick(n int) int { return r.next() % n }
func (r *fuzzReader) bit() bool      { return r.next()&1 == 1 }

// subset picks a subset of pool, keeping pool order.
func (r *fuzzReader) subset(pool []string) []string {
	mask := r.next()
	var out []string
	for i, s := range pool {
		if mask&(1<<(i%8)) != 0 {
			out = append(out, s)
		}
	}
	return out
}

// Pools the decoder picks names from; small, so that desired and current
// items often meet.
var (
	fuzzEmails     = []string{"ann@acme.com", "bob@acme.com", "cy@beta.io", "dee@beta.io", "eve@other.org", "fox@acme.com"}
	fuzzDomains    = []string{"acme.com", "beta.io"}
	fuzzGroups     = []string{"Data", "Eng", "Ops", "Sales", "scim-sync"}
	fuzzConns      = []string{"Warehouse", "Legacy", "Lake"}
	fuzzPackages   = []string{"utils", "viz", "ml"}
	fuzzStatuses   = []string{"Draft", "Ready", "Done"}
	fuzzCategories = []string{"Finance", "Growth", "Internal"}
	fuzzAccess     = []string{schema.AccessNone, schema.AccessQuery, schema.AccessViewResults}
)

func q(s string) string { return strconv.Quote(s) }

func flowList(xs []string) string {
	qs := make([]string, len(xs))
	for i, x := range xs {
		qs[i] = q(x)
	}
	return "[" + strings.Join(qs, ", ") + "]"
}

// workspace decodes a workspace.yaml: a section mask, then each present
// section's items.
func (r *fuzzReader) workspace() []byte {
	var b strings.Builder
	b.WriteString("version: 1\nworkspace: fuzz\nsettings: {min_admins: 0}\n")
	mask := r.next()
	if mask&1 != 0 {
		fmt.Fprintf(&b, "domains: {allowed: %s", flowList(r.subset(fuzzDomains)))
		if r.bit() {
			fmt.Fprintf(&b, ", default_role: %s", schema.Roles[r.pick(4)])
		}
		b.WriteString("}\n")
	}
	if mask&2 != 0 {
		b.WriteString("users:\n")
		for _, e := range r.subset(fuzzEmails) {
			if r.bit() {
				e = strings.ToUpper(e[:1]) + e[1:]
			}
			fmt.Fprintf(&b, "  - {email: %s, role: %s", q(e), schema.Roles[r.pick(len(schema.Roles))])
			if r.bit() {
				fmt.Fprintf(&b, ", name: %s", q("N"+strconv.Itoa(r.pick(3))))
			}
			b.WriteString("}\n")
		}
	}
	if mask&4 != 0 {
		r.groups(&b)
	}
	if mask&8 != 0 {
		r.connections(&b)
	}
	if mask&16 != 0 {
		r.named(&b, "packages", fuzzPackages, func(string) string {
			s := fmt.Sprintf("repository: \"acme/r%d\", ref: {tag: \"v%d\"}", r.pick(2), r.pick(3))
			if r.bit() {
				s += fmt.Sprintf(", install: [\"pip install ./p%d\"]", r.pick(2))
			}
			return s
		})
	}
	if mask&32 != 0 {
		r.tags(&b)
	}
	if mask&64 != 0 {
		b.WriteString("ignore: {groups: [\"scim-*\"], users: [\"*@other.org\"]}\n")
	}
	return []byte(fixEmptyLists(b.String()))
}

// fixEmptyLists turns a section header with no items into an empty list.
func fixEmptyLists(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasSuffix(l, ":") && !strings.HasPrefix(l, " ") && (i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], " ")) {
			lines[i] = l + " []"
		}
	}
	return strings.Join(lines, "\n")
}

func (r *fuzzReader) groups(b *strings.Builder) {
	b.WriteString("groups:\n")
	names := r.subset(fuzzGroups[:4])
	r.groupNames = names
	claimed := map[string]bool{}
	for _, n := range names {
		fmt.Fprintf(b, "  - name: %s\n", q(n))
		if old := fuzzGroups[r.pick(len(fuzzGroups))]; r.bit() && !contains(names, old) && !claimed[old] {
			claimed[old] = true
			fmt.Fprintf(b, "    previously: [%s]\n", q(old))
		}
		if r.bit() {
			fmt.Fprintf(b, "    members: %s\n", flowList(r.subset(fuzzEmails)))
		}
		if r.pick(4) == 0 {
			b.WriteString("    protect: true\n")
		}
	}
}

func (r *fuzzReader) connections(b *strings.Builder) {
	r.named(b, "connections", fuzzConns, func(string) string {
		s := fmt.Sprintf("type: postgres, config: {hostname: \"h%d\", port: %d, database: d, username: u}, secrets: {password: {env: PG_%d}}",
			r.pick(2), 5432+r.pick(2), r.pick(2))
		if r.bit() {
			s += fmt.Sprintf(", description: \"d%d\"", r.pick(2))
		}
		if r.bit() && len(r.groupNames) > 0 {
			s += fmt.Sprintf(", sharing: {workspace: {members: %s}, groups: {%s: %s}}",
				fuzzAccess[r.pick(3)], q(r.groupNames[r.pick(len(r.groupNames))]), fuzzAccess[1+r.pick(2)])
		}
		if r.bit() {
			s += fmt.Sprintf(", include_magic: %v", r.bit())
		}
		return s
	})
}

func (r *fuzzReader) tags(b *strings.Builder) {
	b.WriteString("tags:\n")
	r.namedIndent(b, "  ", "statuses", fuzzStatuses, func(string) string {
		if r.bit() {
			return fmt.Sprintf("endorsed: %v", r.bit())
		}
		return ""
	})
	r.namedIndent(b, "  ", "categories", fuzzCategories, func(string) string {
		if r.bit() {
			return fmt.Sprintf("description: \"c%d\"", r.pick(2))
		}
		return ""
	})
}

func (r *fuzzReader) named(b *strings.Builder, section string, pool []string, attrs func(string) string) {
	r.namedIndent(b, "", section, pool, attrs)
}

// namedIndent writes a section of named items in flow style, each maybe
// renamed from a pool name not in use and maybe protected.
func (r *fuzzReader) namedIndent(b *strings.Builder, indent, section string, pool []string, attrs func(string) string) {
	names := r.subset(pool)
	if len(names) == 0 {
		fmt.Fprintf(b, "%s%s: []\n", indent, section)
		return
	}
	fmt.Fprintf(b, "%s%s:\n", indent, section)
	claimed := map[string]bool{}
	for _, n := range names {
		parts := []string{"name: " + q(n)}
		if old := pool[r.pick(len(pool))]; r.pick(4) == 0 && !contains(names, old) && !claimed[old] {
			claimed[old] = true
			parts = append(parts, "previously: ["+q(old)+"]")
		}
		if a := attrs(n); a != "" {
			parts = append(parts, a)
		}
		if r.pick(4) == 0 {
			parts = append(parts, "protect: true")
		}
		fmt.Fprintf(b, "%s  - {%s}\n", indent, strings.Join(parts, ", "))
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// snapshot decodes the current state from the bytes left.
func (r *fuzzReader) snapshot() *reconcile.Snapshot {
	s := &reconcile.Snapshot{Revision: int64(r.pick(5))}
	for i, e := range r.subset(fuzzEmails) {
		s.Users = append(s.Users, reconcile.UserState{ID: fmt.Sprintf("usr_%d", i), Email: e,
			Role: schema.Roles[r.pick(len(schema.Roles))], Active: r.pick(4) != 0, Name: []string{"", "N0", "N1"}[r.pick(3)]})
	}
	s.Domains.Allowed = r.subset(fuzzDomains)
	if r.bit() {
		s.Domains.DefaultRole = schema.Roles[r.pick(4)]
	}
	for i, n := range r.subset(fuzzGroups) {
		s.Groups = append(s.Groups, reconcile.GroupState{ID: fmt.Sprintf("grp_%d", i), Name: n, Members: r.subset(fuzzEmails), Protected: r.pick(5) == 0})
	}
	for i, n := range r.subset(fuzzConns) {
		c := reconcile.ConnectionState{ID: fmt.Sprintf("con_%d", i), Name: n, Type: []string{"postgres", "redshift"}[r.pick(2)],
			Config:  map[string]any{"hostname": fmt.Sprintf("h%d", r.pick(2)), "port": 5432 + r.pick(2), "database": "d", "username": "u"},
			Secrets: map[string]string{"password": []string{"", "hmac-sha256:00"}[r.pick(2)]},
			Sharing: reconcile.SharingState{Members: fuzzAccess[r.pick(3)], Groups: map[string]string{fuzzGroups[r.pick(5)]: fuzzAccess[r.pick(3)]}}}
		s.Connections = append(s.Connections, c)
	}
	for i, n := range r.subset(fuzzPackages) {
		s.Packages = append(s.Packages, reconcile.PackageState{ID: fmt.Sprintf("pkg_%d", i), Name: n,
			Repository: fmt.Sprintf("acme/r%d", r.pick(2)), Ref: schema.Ref{Tag: fmt.Sprintf("v%d", r.pick(3))}})
	}
	for i, n := range r.subset(fuzzStatuses) {
		s.Statuses = append(s.Statuses, reconcile.StatusState{ID: fmt.Sprintf("sta_%d", i), Name: n, Endorsed: r.bit()})
	}
	for i, n := range r.subset(fuzzCategories) {
		s.Categories = append(s.Categories, reconcile.CategoryState{ID: fmt.Sprintf("cat_%d", i), Name: n, Description: []string{"", "c0"}[r.pick(2)]})
	}
	return s
}

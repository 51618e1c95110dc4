package reconcile

import (
	"bytes"
	"encoding/json"
	"github.com/hexform/hexform/internal/par"
	"slices"
	"sort"
	"strings"

	"github.com/hexform/hexform/schema"
)

// Diff computes the plan that turns the current state have into the desired
// workspace want, following each kind's resource semantics. It is pure: it
// reads its arguments, changes neither, and returns the same plan for the
// same inputs whatever the order of their lists.
//
// A nil section of want is unmanaged (listed in Plan.Unmanaged; no changes for
// that kind) and so is a nil attribute. Changes come in apply order:
// creates, renames and updates kind by kind (Kinds order), then deletes and
// deactivations in reverse kind order. Blocked is left nil for the safety
// policy to fill in.
func Diff(want *schema.Workspace, have *Snapshot, opts Options) *Plan {
	return DiffPrepared(want, &Prepared{have: cloneSnapshot(have)}, opts)
}

// DiffPrepared is Diff of a state prepared in part or in whole (Prepare,
// or a Prepared holding only the normalised copy): what is not prepared
// yet is done here. It changes pr's copies: a Prepared serves one plan.
func DiffPrepared(want *schema.Workspace, pr *Prepared, opts Options) *Plan {
	if want == nil {
		want = &schema.Workspace{}
	}
	d := newDiffer(want, pr.have, opts)
	// The passes only read d.have: its fingerprints are computed meanwhile.
	fps := par.Go(func() {
		if pr.kinds == nil {
			pr.all, pr.kinds = fingerprints(d.have)
		}
	})
	d.runPasses()
	d.keepRead()
	d.addDependencies()
	orderChanges(d.changes)
	// The member warnings read the changes, as the access review does, and
	// write only d.warnings: they are found on another core meanwhile.
	warned := par.Go(d.memberWarnings)
	r := reviewAccess(d.have, pr.after, pr.afterIndex, d.changes, d.unreadable) // d.have is a normalised copy
	warned()
	sort.Strings(d.warnings)
	fps()
	p := &Plan{
		FormatVersion:    FormatVersion,
		Workspace:        want.Workspace,
		Target:           opts.Target,
		Fingerprint:      pr.all,
		KindFingerprints: pr.kinds,
		Changes:          nonNil(d.changes),
		Unmanaged:        d.unmanagedKinds(),
		Warnings:         d.warnings,
		Policy:           RecordPolicy(want, want.Confirm, want.Settings),
		Scope:            d.scopeNote(),
	}
	p.Access, p.Seats, p.AccessNotComputed = r.Changes, r.Seats, r.NotComputed
	p.Summarize()
	return p
}

// runPasses runs each managed kind's diff in table order. A kind whose
// pass stands alone (KindSpec.alone) runs on another core, on a copy of
// the differ, and its changes are put where running it in turn would have.
// The passes share nothing they write: the kinds left unmanaged and the
// ignore: patterns are settled first.
func (d *differ) runPasses() {
	var run []*KindSpec
	for _, spec := range kindTable {
		switch {
		case !spec.managed(d.want):
			d.unmanaged[spec.Kind] = true
		case !d.skipped[spec.Kind]:
			run = append(run, spec)
		}
	}
	for _, k := range Kinds {
		d.ignored(k, "") // every kind's patterns compiled: the passes only read them
	}
	type side struct {
		at   int // where its changes go in d.changes
		d    *differ
		wait func()
	}
	var sides []side
	for _, spec := range run {
		if !spec.alone {
			spec.diff(d)
			continue
		}
		f := d.fork()
		sides = append(sides, side{at: len(d.changes), d: f, wait: par.Go(func() { spec.diff(f) })})
	}
	for i := len(sides) - 1; i >= 0; i-- { // from the last, so each at holds
		s := sides[i]
		s.wait()
		d.changes = slices.Insert(d.changes, s.at, s.d.changes...)
		d.warnings = append(d.warnings, s.d.warnings...)
	}
}

// fork is a copy of d for a pass that runs beside the others: its own
// changes and warnings; the rest is only read.
func (d *differ) fork() *differ {
	f := *d
	f.changes, f.warnings = nil, nil
	return &f
}

// differ holds the state of one Diff.
type differ struct {
	want       *schema.Workspace
	have       *Snapshot
	opts       Options
	caps       Capabilities
	unreadable map[Kind]bool
	unmanaged  map[Kind]bool
	// skipped are the kinds the read left out; partial, for each kind read
	// in part, the (folded) names it covered.
	skipped  map[Kind]bool
	partial  map[Kind]map[string]bool
	changes  []Change
	warnings []string

	// renames maps, per kind, an existing item's old name to its new name.
	renames map[Kind]map[string]string
	// ignores are the compiled ignore: patterns, by kind.
	ignores map[Kind]*schema.IgnoreMatcher
}

func newDiffer(want *schema.Workspace, have *Snapshot, opts Options) *differ {
	caps := AllCapabilities()
	if opts.Capabilities != nil {
		caps = *opts.Capabilities
	}
	d := &differ{
		want: want, have: have, opts: opts, caps: caps,
		unreadable: map[Kind]bool{},
		unmanaged:  map[Kind]bool{},
		skipped:    map[Kind]bool{},
		partial:    map[Kind]map[string]bool{},
		renames:    map[Kind]map[string]string{},
		ignores:    map[Kind]*schema.IgnoreMatcher{},
	}
	for _, k := range have.Unreadable {
		d.unreadable[k] = true
	}
	for _, k := range have.Skipped {
		d.skipped[k] = true
	}
	for k, p := range have.Partial {
		d.partial[k] = foldedSet(k, p.Names)
	}
	for _, k := range Kinds {
		if !caps.Read[k] {
			d.unreadable[k] = true
		}
	}
	return d
}

func (d *differ) unmanagedKinds() []Kind {
	var out []Kind
	for _, k := range Kinds {
		if d.unmanaged[k] {
			out = append(out, k)
		}
	}
	return out
}

// add records a change: it sorts its fields and sets its id, risk and mode.
// An update or rename without fields is dropped.
func (d *differ) add(c Change) {
	if !d.caps.StoresProtect {
		c.Fields = withoutField(c.Fields, "protected")
	}
	if (c.Action == ActionUpdate || c.Action == ActionRename) && len(c.Fields) == 0 {
		return
	}
	sort.SliceStable(c.Fields, func(i, j int) bool { return c.Fields[i].Path < c.Fields[j].Path })
	c.ID = ChangeID(c.Action, c.Kind, c.Name)
	c.Risk = riskOf(c)
	c.Mode = d.mode(c)
	d.changes = append(d.changes, c)
}

// mode decides whether the target can carry c out.
func (d *differ) mode(c Change) Mode { return modeFor(c, d.caps, d.unreadable) }

// modeFor decides whether a target with caps can carry c out; unreadable
// lists the kinds it cannot read.
func modeFor(c Change, caps Capabilities, unreadable map[Kind]bool) Mode {
	if unreadable[c.Kind] || !caps.Read[c.Kind] {
		return ModeUnverifiable
	}
	if !caps.Write[c.Kind][c.Action] || (caps.ManualIf != nil && caps.ManualIf(c)) {
		return ModeManual
	}
	allowed, restricted := caps.WriteFields[c.Kind]
	if !restricted || (c.Action != ActionUpdate && c.Action != ActionRename) {
		return ModeAuto
	}
	for _, f := range c.Fields {
		if c.Action == ActionRename && f.Path == "name" {
			continue // the rename action itself covers the name
		}
		if !pathCovered(f.Path, allowed) {
			return ModeManual
		}
	}
	return ModeAuto
}

func pathCovered(p string, prefixes []string) bool {
	for _, pre := range prefixes {
		if p == pre || strings.HasPrefix(p, pre+".") {
			return true
		}
	}
	return false
}

// ignored reports whether name matches one of the ignore: patterns of its
// kind's section (schema.IgnoreMatcher, the rule validate uses too).
func (d *differ) ignored(k Kind, name string) bool {
	m, ok := d.ignores[k]
	if !ok {
		m = schema.NewIgnoreMatcher(k.Plural(), d.want.Ignore[k.Plural()])
		d.ignores[k] = m
	}
	_, hit := m.Match(name)
	return hit
}

// orderChanges sorts changes into apply order.
func orderChanges(cs []Change) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.IsDestructive() != b.IsDestructive() {
			return !a.IsDestructive()
		}
		ka, kb := kindIndex(a.Kind), kindIndex(b.Kind)
		if ka != kb {
			if a.IsDestructive() {
				return ka > kb
			}
			return ka < kb
		}
		if ra, rb := actionRank(a.Action), actionRank(b.Action); ra != rb {
			return ra < rb
		}
		return a.ID < b.ID
	})
}

func kindIndex(k Kind) int {
	for i, x := range Kinds {
		if x == k {
			return i
		}
	}
	return len(Kinds)
}

func actionRank(a Action) int {
	switch a {
	case ActionCreate:
		return 0
	case ActionRename:
		return 1
	case ActionUpdate:
		return 2
	}
	return 3
}

// fieldSet collects attribute changes.
type fieldSet []Field

// set records path before -> after unless the two are equal.
func (fs *fieldSet) set(path string, before, after any) {
	if sameValue(before, after) {
		return
	}
	*fs = append(*fs, Field{Path: path, Before: before, After: after})
}

// put records path unconditionally (creates and deletes).
func (fs *fieldSet) put(path string, before, after any) {
	*fs = append(*fs, Field{Path: path, Before: before, After: after})
}

// sameValue compares two JSON-like values by their canonical JSON, so that
// an int from YAML equals the float64 read back from a state file.
func sameValue(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	// The common cases without a JSON round trip.
	switch x := a.(type) {
	case string:
		if y, ok := b.(string); ok {
			return x == y
		}
	case bool:
		if y, ok := b.(bool); ok {
			return x == y
		}
	case []string:
		if y, ok := b.([]string); ok {
			return slices.Equal(x, y)
		}
	}
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

// withoutField drops the field with the given path.
func withoutField(fs []Field, path string) []Field {
	out := fs[:0:0]
	for _, f := range fs {
		if f.Path != path {
			out = append(out, f)
		}
	}
	return out
}

package reconcile

import (
	"sort"
	"strings"

	"github.com/hexform/hexform/schema"
)

// FromWorkspace is the state a workspace file describes, as if applied to an
// empty workspace: Diff(head, FromWorkspace(base)) is what a change to the
// file itself does, per resource. Kinds whose section is absent from base are
// listed as Unreadable, so their changes come out unverifiable rather than as
// creates. Ids are the resource names (there is no target to assign them).
func FromWorkspace(ws *schema.Workspace) *Snapshot {
	s := &Snapshot{}
	for _, spec := range kindTable {
		if !spec.fromFile(ws, s) {
			s.Unreadable = append(s.Unreadable, spec.Kind)
		}
	}
	sort.Slice(s.Unreadable, func(i, j int) bool { return s.Unreadable[i] < s.Unreadable[j] })
	return s
}

func lowerAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strings.ToLower(x)
	}
	sort.Strings(out)
	return out
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// UseFileDiffFor replaces the plan's changes of the kinds the target cannot
// read with the changes the workspace file itself made to them (fileDiff is
// Diff(head, FromWorkspace(base))), marked unverifiable: the checklist of
// what to do by hand in Settings. It re-summarises the plan.
func UseFileDiffFor(p *Plan, unreadable []Kind, fileDiff *Plan) {
	skip := map[Kind]bool{}
	for _, k := range unreadable {
		skip[k] = true
	}
	kept := p.Changes[:0:0]
	for _, c := range p.Changes {
		if !skip[c.Kind] {
			kept = append(kept, c)
		}
	}
	for _, c := range fileDiff.Changes {
		if skip[c.Kind] {
			c.Mode = ModeUnverifiable
			c.ResourceID = ""
			kept = append(kept, c)
		}
	}
	p.Changes = kept
	p.Summarize()
}

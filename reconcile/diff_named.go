package reconcile

import "sort"

// namedKind describes a kind whose items are identified by name and may be
// renamed with `previously:` (groups, connections, packages, statuses,
// categories), so that one function can diff them all.
type namedKind[W, H any] struct {
	kind     Kind
	want     []W
	have     []H
	wantName func(W) string
	prev     func(W) []string
	haveName func(H) string
	haveID   func(H) string
	// create lists every managed attribute of a new item (Before nil).
	create func(W) fieldSet
	// update lists the changed attributes other than the name.
	update func(W, H) fieldSet
	// remove lists the identifying attributes of a deleted item (After nil).
	remove func(H) fieldSet
}

// diffNamed matches desired items to existing ones (by name, then by a
// `previously` name that no desired item claims by its own name) and records
// creates, renames, updates and deletes. Ignored items on either side are
// left alone.
func diffNamed[W, H any](d *differ, k namedKind[W, H]) {
	wantIdx := make([]int, 0, len(k.want))
	for i, w := range k.want {
		if !d.ignored(k.kind, k.wantName(w)) {
			wantIdx = append(wantIdx, i)
		}
	}
	sort.SliceStable(wantIdx, func(a, b int) bool {
		return k.wantName(k.want[wantIdx[a]]) < k.wantName(k.want[wantIdx[b]])
	})
	byName := map[string]int{}
	for i, h := range k.have {
		if d.ignored(k.kind, k.haveName(h)) {
			continue
		}
		if _, dup := byName[k.haveName(h)]; !dup {
			byName[k.haveName(h)] = i
		}
	}
	claimed := map[int]bool{}
	matched := map[int]int{} // want index -> have index
	for _, wi := range wantIdx {
		if hi, ok := byName[k.wantName(k.want[wi])]; ok && !claimed[hi] {
			claimed[hi] = true
			matched[wi] = hi
		}
	}
	renamed := map[int]bool{}
	for _, wi := range wantIdx {
		if _, ok := matched[wi]; ok {
			continue
		}
		for _, old := range k.prev(k.want[wi]) {
			if hi, ok := byName[old]; ok && !claimed[hi] {
				claimed[hi] = true
				matched[wi] = hi
				renamed[wi] = true
				break
			}
		}
	}
	for _, wi := range wantIdx {
		w := k.want[wi]
		hi, ok := matched[wi]
		if !ok {
			d.add(Change{Action: ActionCreate, Kind: k.kind, Name: k.wantName(w), Fields: k.create(w)})
			continue
		}
		h := k.have[hi]
		c := Change{Action: ActionUpdate, Kind: k.kind, Name: k.wantName(w), ResourceID: k.haveID(h), Fields: k.update(w, h)}
		if renamed[wi] {
			c.Action, c.Name = ActionRename, k.haveName(h)
			c.Fields = append(c.Fields, Field{Path: "name", Before: k.haveName(h), After: k.wantName(w)})
			if k.kind == KindGroup {
				d.groupRenames[k.haveName(h)] = k.wantName(w)
			}
		}
		d.add(c)
	}
	for hi, h := range k.have {
		if claimed[hi] || d.ignored(k.kind, k.haveName(h)) {
			continue
		}
		d.add(Change{Action: ActionDelete, Kind: k.kind, Name: k.haveName(h), ResourceID: k.haveID(h), Fields: k.remove(h)})
	}
}

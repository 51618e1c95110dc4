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

// diffNamed matches desired items to existing ones and records creates,
// renames, updates and deletes. Ignored items on either side are left alone.
func diffNamed[W, H any](d *differ, k namedKind[W, H]) {
	m := matchNamed(d, k)
	for _, wi := range m.order {
		w := k.want[wi]
		hi, ok := m.matched[wi]
		if !ok {
			d.add(Change{Action: ActionCreate, Kind: k.kind, Name: k.wantName(w), Fields: k.create(w)})
			continue
		}
		h := k.have[hi]
		c := Change{Action: ActionUpdate, Kind: k.kind, Name: k.wantName(w), ResourceID: k.haveID(h), Fields: k.update(w, h)}
		if m.renamed[wi] {
			c.Action, c.Name = ActionRename, k.haveName(h)
			c.Fields = append(c.Fields, Field{Path: "name", Before: k.haveName(h), After: k.wantName(w)})
			if d.renames[k.kind] == nil {
				d.renames[k.kind] = map[string]string{}
			}
			d.renames[k.kind][k.haveName(h)] = k.wantName(w)
		}
		d.add(c)
	}
	for hi, h := range k.have {
		if m.claimed[hi] || d.ignored(k.kind, k.haveName(h)) {
			continue
		}
		d.add(Change{Action: ActionDelete, Kind: k.kind, Name: k.haveName(h), ResourceID: k.haveID(h), Fields: k.remove(h)})
	}
	renameTypoWarnings(d, k, m)
}

// matching pairs desired items (by index) with existing ones.
type matching struct {
	order   []int        // desired items not ignored, sorted by name
	matched map[int]int  // desired index -> existing index
	renamed map[int]bool // desired index -> matched through `previously`
	claimed map[int]bool // existing index -> matched
}

// matchNamed matches by name first, then by a `previously` name that no
// desired item claims by its own name; each existing item matches once.
func matchNamed[W, H any](d *differ, k namedKind[W, H]) matching {
	m := matching{matched: map[int]int{}, renamed: map[int]bool{}, claimed: map[int]bool{}}
	for i, w := range k.want {
		if !d.ignored(k.kind, k.wantName(w)) && d.coveredName(k.kind, k.wantName(w), k.prev(w)) {
			m.order = append(m.order, i)
		}
	}
	sort.SliceStable(m.order, func(a, b int) bool {
		return k.wantName(k.want[m.order[a]]) < k.wantName(k.want[m.order[b]])
	})
	byName := map[string]int{}
	for i, h := range k.have {
		if _, dup := byName[k.haveName(h)]; !dup && !d.ignored(k.kind, k.haveName(h)) {
			byName[k.haveName(h)] = i
		}
	}
	for _, wi := range m.order {
		if hi, ok := byName[k.wantName(k.want[wi])]; ok && !m.claimed[hi] {
			m.claimed[hi], m.matched[wi] = true, hi
		}
	}
	for _, wi := range m.order {
		if _, ok := m.matched[wi]; ok {
			continue
		}
		for _, old := range k.prev(k.want[wi]) {
			if hi, ok := byName[old]; ok && !m.claimed[hi] {
				m.claimed[hi], m.matched[wi], m.renamed[wi] = true, hi, true
				break
			}
		}
	}
	return m
}

// putProtected lists "protected" in a create only when it is set: a new item
// is unprotected unless the YAML says otherwise.
func putProtected(fs *fieldSet, protect bool) {
	if protect {
		fs.put("protected", nil, true)
	}
}

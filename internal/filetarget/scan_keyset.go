package filetarget

// keySet is the keys of one object being scanned: each key's offset, and
// the key each case folding was last seen as. Most objects have a handful
// of keys, and a hundred thousand of them are scanned: a short list is
// searched until it grows long, and only then indexed by maps.
type keySet struct {
	list   []keyEntry
	byKey  map[string]int // index in list, once the list is long
	byFold map[string]int
}

type keyEntry struct {
	key, folded string
	off         int64
}

// keySetShort is how long the list is searched before it is indexed.
const keySetShort = 16

func (ks *keySet) reset() {
	ks.list = ks.list[:0]
	ks.byKey, ks.byFold = nil, nil
}

// offset is where key k is, when the object has it.
func (ks *keySet) offset(k string) (int64, bool) {
	if ks.byKey != nil {
		if i, ok := ks.byKey[k]; ok {
			return ks.list[i].off, true
		}
		return 0, false
	}
	for i := range ks.list {
		if ks.list[i].key == k {
			return ks.list[i].off, true
		}
	}
	return 0, false
}

// spelling is the key last added that folds to f, when there is one.
func (ks *keySet) spelling(f string) (keyEntry, bool) {
	if ks.byFold != nil {
		i, ok := ks.byFold[f]
		if !ok {
			return keyEntry{}, false
		}
		return ks.list[i], true
	}
	for i := len(ks.list) - 1; i >= 0; i-- {
		if ks.list[i].folded == f {
			return ks.list[i], true
		}
	}
	return keyEntry{}, false
}

// add records key k, folded to f, at off.
func (ks *keySet) add(k, f string, off int64) {
	ks.list = append(ks.list, keyEntry{k, f, off})
	switch {
	case ks.byKey != nil:
		ks.byKey[k], ks.byFold[f] = len(ks.list)-1, len(ks.list)-1
	case len(ks.list) > keySetShort:
		ks.byKey, ks.byFold = make(map[string]int, 2*len(ks.list)), make(map[string]int, 2*len(ks.list))
		for i, e := range ks.list {
			ks.byKey[e.key], ks.byFold[e.folded] = i, i
		}
	}
}

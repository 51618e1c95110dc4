package reconcile

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hexform/hexform/schema"
)

// Normalize puts s into canonical form in place: emails, domains and the
// actor lower-case; users sorted by email, every other list of items by name
// (then id); group members and allowed domains sorted and de-duplicated;
// empty sharing levels become "none" and "none" entries leave the per-group
// sharing map; nil lists become empty ones. Package install commands keep
// their order: it is meaningful.
func (s *Snapshot) Normalize() {
	s.Actor = strings.ToLower(s.Actor)
	for _, spec := range kindTable {
		spec.normalize(s)
	}
	s.Unreadable = sortedKinds(s.Unreadable)
	s.Skipped = sortedKinds(s.Skipped)
	for k, p := range s.Partial {
		if p == nil {
			delete(s.Partial, k)
			continue
		}
		p.Names = foldedNames(k, p.Names)
	}
	if len(s.Partial) == 0 {
		s.Partial = nil
	}
}

// sortedKinds sorts and de-duplicates ks in place; nil when empty.
func sortedKinds(ks []Kind) []Kind {
	if len(ks) == 0 {
		return nil
	}
	slices.Sort(ks)
	return slices.Compact(ks)
}

// Fingerprint identifies the state s holds: "sha256:" and the hex SHA-256 of
// the canonical JSON of each part of a normalised copy of s, in a fixed
// order. It does not depend on the order of the input lists, and leaves out
// Revision and Actor (they say how often and by whom the state was written,
// not what it is). s is not changed.
func (s *Snapshot) Fingerprint() string {
	fp, _ := fingerprints(cloneSnapshot(s))
	return fp
}

// KindFingerprints fingerprints each kind's part of the normalised snapshot,
// so a stale saved plan can say which kinds changed.
func (s *Snapshot) KindFingerprints() map[Kind]string {
	_, kinds := fingerprints(cloneSnapshot(s))
	return kinds
}

// fingerprints computes both from an already normalised snapshot, encoding
// each part once.
func fingerprints(c *Snapshot) (string, map[Kind]string) {
	all := sha256.New()
	kinds := make(map[Kind]string, len(kindTable))
	part := func(v any) [32]byte {
		b, err := json.Marshal(v)
		if err != nil {
			// Only values no JSON document can hold get here (a func in Config).
			b = []byte("unencodable: " + err.Error())
		}
		sum := sha256.Sum256(b)
		all.Write(sum[:])
		return sum
	}
	for _, spec := range kindTable {
		sum := part(spec.part(c))
		kinds[spec.Kind] = "sha256:" + hex.EncodeToString(sum[:8])
	}
	part(c.Unreadable)
	// What a scoped read left out is part of what the snapshot is; a full
	// read has neither, and fingerprints as it did before scoped reads.
	if len(c.Skipped) > 0 || len(c.Partial) > 0 {
		part(struct {
			Skipped []Kind                `json:"skipped"`
			Partial map[Kind]*PartialRead `json:"partial"`
		}{c.Skipped, c.Partial})
	}
	return "sha256:" + hex.EncodeToString(all.Sum(nil)), kinds
}

// CloneSnapshot returns a normalised deep copy of s (an empty snapshot for
// nil): no edit of the copy reaches s.
func CloneSnapshot(s *Snapshot) *Snapshot { return cloneSnapshot(s) }

// CanonicalEmails lower-cases, trims, sorts and de-duplicates email
// addresses, as snapshots hold them; never nil.
func CanonicalEmails(xs []string) []string { return lowerSet(xs) }

// cloneSnapshot is CloneSnapshot.
func cloneSnapshot(s *Snapshot) *Snapshot {
	if s == nil {
		c := &Snapshot{}
		c.Normalize()
		return c
	}
	c := *s
	for _, spec := range kindTable {
		spec.clone(&c, s)
	}
	c.Unreadable = slices.Clone(s.Unreadable)
	c.Skipped = slices.Clone(s.Skipped)
	c.Partial = nil
	for k, p := range s.Partial {
		if p != nil {
			if c.Partial == nil {
				c.Partial = map[Kind]*PartialRead{}
			}
			c.Partial[k] = &PartialRead{Names: slices.Clone(p.Names), Total: p.Total}
		}
	}
	c.Normalize()
	return &c
}

func normalizeSharing(sh *SharingState) {
	for _, p := range []*string{&sh.Members, &sh.Guests, &sh.Public} {
		if *p == "" {
			*p = schema.AccessNone
		}
	}
	for g, a := range sh.Groups {
		if a == "" || a == schema.AccessNone {
			delete(sh.Groups, g)
		}
	}
	if len(sh.Groups) == 0 {
		sh.Groups = nil
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// lowerSet lower-cases, sorts and de-duplicates ss; never nil.
func lowerSet(ss []string) []string {
	if ss != nil && isLowerSet(ss) {
		return ss // already so: nothing to allocate
	}
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		out = append(out, strings.ToLower(strings.TrimSpace(s)))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// isLowerSet reports whether ss is what lowerSet makes of it already:
// trimmed, lower-cased, sorted and without repeats.
func isLowerSet(ss []string) bool {
	for i, s := range ss {
		if (i > 0 && ss[i-1] >= s) || strings.TrimSpace(s) != s || hasUpper(s) {
			return false
		}
	}
	return true
}

// hasUpper reports whether s has a character strings.ToLower changes.
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s) != s
		}
		if 'A' <= c && c <= 'Z' {
			return true
		}
	}
	return false
}

func lessPair(a1, a2, b1, b2 string) bool {
	if a1 != b1 {
		return a1 < b1
	}
	return a2 < b2
}

// cloneMap deep-copies a JSON-like map (nested maps and slices are copied).
func cloneMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = cloneValue(v)
	}
	return out
}

func cloneValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		return cloneMap(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = cloneValue(e)
		}
		return out
	case []string:
		return slices.Clone(x)
	}
	return v
}

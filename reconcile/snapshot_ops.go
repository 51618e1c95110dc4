package reconcile

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"slices"
	"sort"
	"strings"

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
	s.Users = nonNil(s.Users)
	for i := range s.Users {
		s.Users[i].Email = strings.ToLower(s.Users[i].Email)
	}
	sort.SliceStable(s.Users, func(i, j int) bool {
		return lessPair(s.Users[i].Email, s.Users[i].ID, s.Users[j].Email, s.Users[j].ID)
	})
	s.Groups = nonNil(s.Groups)
	for i := range s.Groups {
		s.Groups[i].Members = lowerSet(s.Groups[i].Members)
	}
	sort.SliceStable(s.Groups, func(i, j int) bool {
		return lessPair(s.Groups[i].Name, s.Groups[i].ID, s.Groups[j].Name, s.Groups[j].ID)
	})
	s.Domains.Allowed = lowerSet(s.Domains.Allowed)
	s.Connections = nonNil(s.Connections)
	for i := range s.Connections {
		normalizeSharing(&s.Connections[i].Sharing)
	}
	sort.SliceStable(s.Connections, func(i, j int) bool {
		a, b := s.Connections[i], s.Connections[j]
		return lessPair(a.Name, a.ID, b.Name, b.ID)
	})
	s.Packages = nonNil(s.Packages)
	sort.SliceStable(s.Packages, func(i, j int) bool {
		a, b := s.Packages[i], s.Packages[j]
		return lessPair(a.Name, a.ID, b.Name, b.ID)
	})
	s.Statuses = nonNil(s.Statuses)
	sort.SliceStable(s.Statuses, func(i, j int) bool {
		a, b := s.Statuses[i], s.Statuses[j]
		return lessPair(a.Name, a.ID, b.Name, b.ID)
	})
	s.Categories = nonNil(s.Categories)
	sort.SliceStable(s.Categories, func(i, j int) bool {
		a, b := s.Categories[i], s.Categories[j]
		return lessPair(a.Name, a.ID, b.Name, b.ID)
	})
	if len(s.Unreadable) == 0 {
		s.Unreadable = nil
	} else {
		slices.Sort(s.Unreadable)
		s.Unreadable = slices.Compact(s.Unreadable)
	}
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
	parts := []struct {
		kind Kind
		v    any
	}{
		{KindUser, c.Users}, {KindSetting, c.Domains.DefaultRole}, {KindDomain, c.Domains.Allowed},
		{KindGroup, c.Groups}, {KindConnection, c.Connections}, {KindPackage, c.Packages},
		{KindStatus, c.Statuses}, {KindCategory, c.Categories}, {"unreadable", c.Unreadable},
	}
	all := sha256.New()
	kinds := make(map[Kind]string, len(parts))
	for _, p := range parts {
		b, err := json.Marshal(p.v)
		if err != nil {
			// Only values no JSON document can hold get here (a func in Config).
			b = []byte("unencodable: " + err.Error())
		}
		sum := sha256.Sum256(b)
		all.Write(sum[:])
		if p.kind != "unreadable" {
			kinds[p.kind] = "sha256:" + hex.EncodeToString(sum[:8])
		}
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
	c.Users = slices.Clone(s.Users)
	c.Groups = slices.Clone(s.Groups)
	for i := range c.Groups {
		c.Groups[i].Members = slices.Clone(c.Groups[i].Members)
	}
	c.Domains.Allowed = slices.Clone(s.Domains.Allowed)
	c.Connections = slices.Clone(s.Connections)
	for i := range c.Connections {
		cn := &c.Connections[i]
		cn.Config = cloneMap(cn.Config)
		cn.Secrets = maps.Clone(cn.Secrets)
		cn.SecretRefs = maps.Clone(cn.SecretRefs)
		cn.Sharing.Groups = maps.Clone(cn.Sharing.Groups)
		if cn.SchemaRefresh != nil {
			sr := *cn.SchemaRefresh
			cn.SchemaRefresh = &sr
		}
	}
	c.Packages = slices.Clone(s.Packages)
	for i := range c.Packages {
		c.Packages[i].Install = slices.Clone(c.Packages[i].Install)
	}
	c.Statuses = slices.Clone(s.Statuses)
	c.Categories = slices.Clone(s.Categories)
	c.Unreadable = slices.Clone(s.Unreadable)
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
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		out = append(out, strings.ToLower(strings.TrimSpace(s)))
	}
	slices.Sort(out)
	return slices.Compact(out)
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

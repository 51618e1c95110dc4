package hexsim

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/hexform/hexform/reconcile"
)

// newID returns the next deterministic uuid-shaped id not used before.
// Called with s.mu held (or during New).
func (s *Server) newID(kind string) string {
	for {
		s.idSeq++
		sum := sha256.Sum256(fmt.Appendf(nil, "hexsim/%s/%d", kind, s.idSeq))
		b := sum[:16]
		b[6] = b[6]&0x0f | 0x40 // version 4
		b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
		h := hex.EncodeToString(b)
		id := h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
		if !s.ids[id] {
			s.ids[id] = true
			return id
		}
	}
}

// nextTrace returns a deterministic trace id. Called with s.mu held.
func (s *Server) nextTrace() string {
	s.traceSeq++
	sum := sha256.Sum256(fmt.Appendf(nil, "hexsim/trace/%d", s.traceSeq))
	return hex.EncodeToString(sum[:16])
}

// orgID is the simulated workspace's id.
const orgID = "8d6d2f3e-5a4b-4c1d-9e0f-000000000001"

// fingerprint is what the simulator keeps of a secret value.
func fingerprint(v string) string {
	sum := sha256.Sum256([]byte(v))
	return "sha256:" + hex.EncodeToString(sum[:])
}

func normEmails(in []string) []string {
	out := make([]string, 0, len(in))
	for _, e := range in {
		out = append(out, strings.ToLower(e))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// sortSnapshot orders a snapshot as reconcile expects: users by e-mail,
// groups and connections by name (then id); no nil lists.
// Every write sorts, so a list already in order (the usual case) is only
// checked, and comparing allocates nothing.
func sortSnapshot(st *reconcile.Snapshot) {
	sortBy(st.Users, func(a, b reconcile.UserState) int { return byTwo(a.Email, a.ID, b.Email, b.ID) })
	sortBy(st.Groups, func(a, b reconcile.GroupState) int { return byTwo(a.Name, a.ID, b.Name, b.ID) })
	sortBy(st.Connections, func(a, b reconcile.ConnectionState) int { return byTwo(a.Name, a.ID, b.Name, b.ID) })
	if st.Users == nil {
		st.Users = []reconcile.UserState{}
	}
	if st.Groups == nil {
		st.Groups = []reconcile.GroupState{}
	}
	for i := range st.Groups {
		if st.Groups[i].Members == nil {
			st.Groups[i].Members = []string{}
		}
	}
	if st.Connections == nil {
		st.Connections = []reconcile.ConnectionState{}
	}
	if st.Domains.Allowed == nil {
		st.Domains.Allowed = []string{}
	}
	if st.Packages == nil {
		st.Packages = []reconcile.PackageState{}
	}
	slices.SortStableFunc(st.Collections, func(a, b reconcile.CollectionState) int {
		return strings.Compare(a.Name+"\x00"+a.ID, b.Name+"\x00"+b.ID)
	})
	if st.Collections == nil {
		st.Collections = []reconcile.CollectionState{}
	}
	if st.Statuses == nil {
		st.Statuses = []reconcile.StatusState{}
	}
	if st.Categories == nil {
		st.Categories = []reconcile.CategoryState{}
	}
}

// sortBy sorts l stably by cmp unless it is in order already.
func sortBy[T any](l []T, cmp func(a, b T) int) {
	if !slices.IsSortedFunc(l, cmp) {
		slices.SortStableFunc(l, cmp)
	}
}

// byTwo orders by a key, then by an id: as comparing key+"\x00"+id would,
// for keys without NUL bytes.
func byTwo(keyA, idA, keyB, idB string) int {
	if c := strings.Compare(keyA, keyB); c != 0 {
		return c
	}
	return strings.Compare(idA, idB)
}

// cloneSnapshot deep-copies a snapshot.
func cloneSnapshot(in *reconcile.Snapshot) *reconcile.Snapshot {
	out := *in
	out.Users = slices.Clone(in.Users)
	out.Groups = slices.Clone(in.Groups)
	for i := range out.Groups {
		out.Groups[i].Members = slices.Clone(in.Groups[i].Members)
	}
	out.Domains.Allowed = slices.Clone(in.Domains.Allowed)
	out.Connections = slices.Clone(in.Connections)
	for i := range out.Connections {
		out.Connections[i] = cloneConn(in.Connections[i])
	}
	out.Packages = slices.Clone(in.Packages)
	for i := range out.Packages {
		out.Packages[i].Install = slices.Clone(in.Packages[i].Install)
	}
	out.Collections = slices.Clone(in.Collections)
	for i := range out.Collections {
		out.Collections[i].Sharing = cloneCollSharing(in.Collections[i].Sharing)
	}
	out.Statuses = slices.Clone(in.Statuses)
	out.Categories = slices.Clone(in.Categories)
	out.Unreadable = slices.Clone(in.Unreadable)
	return &out
}

func cloneConn(c reconcile.ConnectionState) reconcile.ConnectionState {
	if c.Config != nil {
		cfg := make(map[string]any, len(c.Config))
		for k, v := range c.Config {
			cfg[k] = cloneAny(v)
		}
		c.Config = cfg
	}
	c.Secrets = maps.Clone(c.Secrets)
	c.Sharing.Groups = maps.Clone(c.Sharing.Groups)
	if c.SchemaRefresh != nil {
		r := *c.SchemaRefresh
		r.Enabled = clonePtr(r.Enabled)
		r.Hour = clonePtr(r.Hour)
		r.Minute = clonePtr(r.Minute)
		r.Day = clonePtr(r.Day)
		c.SchemaRefresh = &r
	}
	return c
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// cloneAny deep-copies a JSON-like value.
func cloneAny(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = cloneAny(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = cloneAny(e)
		}
		return l
	}
	return v
}

// wholeToInt turns whole float64 numbers (as JSON decodes them) into int,
// recursively, as the file target does.
func wholeToInt(v any) any {
	switch x := v.(type) {
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int(x)
		}
	case []any:
		for i := range x {
			x[i] = wholeToInt(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = wholeToInt(x[k])
		}
	}
	return v
}

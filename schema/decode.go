package schema

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// decoder walks a yaml.Node tree into a Workspace, collecting diagnostics.
// It records the position of the values and keys the cross-item checks
// point at, by path (e.g. "connections[0].sharing.groups.analysts"; see
// positioned), and the paths whose value could not be decoded, so they are
// not checked twice.
type decoder struct {
	file  string
	diags Diagnostics
	vals  map[string]Pos // path -> position of the value
	keys  map[string]Pos // path -> position of the key naming it
	bad   map[string]bool
	// memberPos holds, for each decoded group (in Workspace.Groups order),
	// the position of each member; the zero Pos for one that is not an email.
	memberPos [][]Pos
	// secretUses are the secret references decoded, for checkSecrets.
	secretUses []secretUse
	// found counts the diagnostics found per severity, kept or not.
	found map[Severity]int
	// users is what the checks know of the file's users (declaredUsers).
	users *userRefs
}

func newDecoder(file string) *decoder {
	return &decoder{file: file, vals: map[string]Pos{}, keys: map[string]Pos{},
		bad: map[string]bool{}, found: map[Severity]int{}}
}

// positioned reports whether the decoder records positions under path: the
// top-level keys and the sections whose checks ask at and keyAt for them
// (Section.positions: settings and connections). Users, groups and their
// members are left out: they are most of a large file, and their checks
// carry their own positions.
func positioned(path string) bool {
	if !strings.Contains(path, ".") && !strings.Contains(path, "[") {
		return true
	}
	for _, p := range positionedPaths {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// isEmail reports whether s is an email address (emailPattern). It is
// cheaper than a cache of its answers would be (about 40 ns an address).
func (d *decoder) isEmail(s string) bool { return validEmail(s) }

func (d *decoder) pos(n *yaml.Node) Pos {
	return Pos{File: d.file, Line: n.Line, Col: n.Column}
}

// add records a diagnostic; past MaxDiagnostics of its severity it is only
// counted.
func (d *decoder) add(p Pos, sev Severity, hint, format string, args ...any) {
	if d.found[sev]++; d.found[sev] > MaxDiagnostics {
		return
	}
	d.diags = append(d.diags, Diagnostic{Pos: p, Severity: sev, Message: fmt.Sprintf(format, args...), Hint: hint})
}

// full reports whether further errors are only counted: callers skip the
// work of a hint no one will read (a did-you-mean over a long list).
func (d *decoder) full() bool { return d.found[SeverityError] >= MaxDiagnostics }

// suggest is didYouMean, or "" once errors are only counted.
func (d *decoder) suggest(s string, candidates []string) string {
	if d.full() {
		return ""
	}
	return didYouMean(s, candidates)
}

// summaries returns a closing diagnostic for each severity that had more
// than MaxDiagnostics.
func (d *decoder) summaries() Diagnostics {
	var out Diagnostics
	for _, sev := range []Severity{SeverityError, SeverityWarning} {
		if n := d.found[sev] - MaxDiagnostics; n > 0 {
			out = append(out, Diagnostic{Pos: Pos{File: d.file}, Severity: sev, Omitted: n,
				Message: fmt.Sprintf("and %d more %ss", n, sev),
				Hint:    fmt.Sprintf("only the first %d are listed: fix those and validate again", MaxDiagnostics)})
		}
	}
	return out
}

// errorf reports an error at n and marks path as bad.
func (d *decoder) errorf(n *yaml.Node, path, hint, format string, args ...any) {
	d.add(d.pos(n), SeverityError, hint, format, args...)
	d.bad[path] = true
}

func (d *decoder) warnf(n *yaml.Node, hint, format string, args ...any) {
	d.add(d.pos(n), SeverityWarning, hint, format, args...)
}

// at returns the position recorded for path, or the position of the nearest
// enclosing path that has one.
func (d *decoder) at(path string) Pos {
	for {
		if p, ok := d.vals[path]; ok {
			return p
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return Pos{File: d.file, Line: 1, Col: 1}
		}
		path = path[:i]
	}
}

// keyAt is at for the key naming path, falling back to the value.
func (d *decoder) keyAt(path string) Pos {
	if p, ok := d.keys[path]; ok {
		return p
	}
	return d.at(path)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// deref follows aliases to the node they name.
func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// describe names what kind of YAML value n is, for type errors.
func describe(n *yaml.Node) string {
	n = deref(n)
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.ShortTag() {
	case "!!str":
		return "a string"
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	case "!!null":
		return "empty"
	case "!!timestamp":
		return "a date"
	}
	return "a " + strings.TrimPrefix(n.ShortTag(), "!!") + " value"
}

type pair struct{ key, val *yaml.Node }

// pairs returns the entries of mapping n, with YAML merge keys ("<<: *x")
// expanded: explicit keys win over merged ones, and earlier merges over later.
func pairs(n *yaml.Node) []pair {
	var explicit, merged []pair
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.ShortTag() != "!!merge" {
			explicit = append(explicit, pair{k, v})
			continue
		}
		srcs := []*yaml.Node{deref(v)}
		if srcs[0].Kind == yaml.SequenceNode {
			srcs = srcs[0].Content
		}
		for _, s := range srcs {
			if s = deref(s); s.Kind == yaml.MappingNode {
				merged = append(merged, pairs(s)...)
			}
		}
	}
	if len(merged) == 0 {
		return explicit
	}
	seen := map[string]bool{}
	for _, p := range explicit {
		seen[p.key.Value] = true
	}
	out := explicit
	for _, p := range merged {
		if !seen[p.key.Value] {
			seen[p.key.Value] = true
			out = append(out, p)
		}
	}
	return out
}

// badMerges reports merge keys whose value is not a mapping or list of mappings.
func (d *decoder) badMerges(n *yaml.Node, path string) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].ShortTag() != "!!merge" {
			continue
		}
		v := deref(n.Content[i+1])
		ok := v.Kind == yaml.MappingNode
		if v.Kind == yaml.SequenceNode {
			ok = true
			for _, s := range v.Content {
				ok = ok && deref(s).Kind == yaml.MappingNode
			}
		}
		if !ok {
			d.errorf(n.Content[i], path, "", "merge key << needs a mapping or a list of mappings, not %s", describe(v))
		}
	}
}

// mapping checks that n is a mapping with known keys only, no duplicates,
// and every required key; it returns key -> value. what names n in messages.
// known == nil accepts any key.
func (d *decoder) mapping(n *yaml.Node, path, what string, known, required []string) (map[string]*yaml.Node, bool) {
	track := positioned(path)
	if track {
		d.vals[path] = d.pos(n)
	}
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "", "%s must be a mapping, not %s", what, describe(n))
		return nil, false
	}
	d.badMerges(n, path)
	ps := pairs(n)
	out := make(map[string]*yaml.Node, len(ps))
	keys := keyIndex{pairs: ps}
	if len(ps) > smallMapping {
		keys.first = make(map[string]*yaml.Node, len(ps))
	}
	var suggested map[string]bool // a typo is reported once, not also as a missing key
	for i, p := range ps {
		k := deref(p.key)
		if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!null" {
			d.errorf(p.key, path, "", "%s has a key that is %s; keys must be names", what, describe(k))
			continue
		}
		if f := keys.before(i, k.Value); f != nil {
			d.errorf(p.key, path, "remove one of them", "duplicate key %q in %s (first at line %d)", k.Value, what, f.Line)
			continue
		}
		keys.add(k.Value, p.key)
		if known != nil && !contains(known, k.Value) {
			hint := d.suggest(k.Value, known)
			if suggested == nil {
				suggested = map[string]bool{}
			}
			suggested[closest(k.Value, known)] = true
			if hint == "" {
				hint = "valid keys: " + strings.Join(known, ", ")
			}
			d.errorf(p.key, path, hint, "unknown key %q in %s", k.Value, what)
			continue
		}
		if track {
			sub := join(path, k.Value)
			d.keys[sub] = d.pos(p.key)
			d.vals[sub] = d.pos(p.val)
		}
		out[k.Value] = p.val
	}
	for _, r := range required {
		if _, ok := out[r]; !ok && keys.before(len(ps), r) == nil && !suggested[r] {
			d.errorf(n, join(path, r), "", "%s is missing %q", what, r)
		}
	}
	return out, true
}

// smallMapping is the most entries a mapping may have for its duplicate
// keys to be found by a scan rather than a map: most mappings in a file
// are a user's or a member's two or three keys.
const smallMapping = 16

// keyIndex finds the first occurrence of a key among a mapping's pairs.
type keyIndex struct {
	pairs []pair
	first map[string]*yaml.Node // nil for a small mapping
}

func (x *keyIndex) add(key string, n *yaml.Node) {
	if x.first != nil {
		x.first[key] = n
	}
}

// before returns the key node of the first pair before index i named key,
// counting only keys that are names.
func (x *keyIndex) before(i int, key string) *yaml.Node {
	if x.first != nil {
		return x.first[key]
	}
	for _, q := range x.pairs[:i] {
		if k := deref(q.key); k.Kind == yaml.ScalarNode && k.ShortTag() != "!!null" && k.Value == key {
			return q.key
		}
	}
	return nil
}

// sortedKeys returns the keys of m, sorted.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

package schema

import (
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// shape is the canonical layout of one node of a workspace file, as Marshal
// writes it: the order of a mapping's keys, and how a list's items or a
// free-keyed mapping's keys are sorted. The zero shape leaves a node as it
// is.
type shape struct {
	keys     []string          // a mapping's keys in order; unknown keys follow, as written
	fields   map[string]*shape // shapes of the values of keys
	sortKeys bool              // a free-keyed mapping: keys sorted (each value is shaped by each)
	each     *shape            // shape of every list item, or of every value of a free-keyed mapping
	by       string            // a list of mappings: sorted by this key's value
	fold     bool              // compare case-insensitively (emails), ties by bytes
	scalars  bool              // a list of scalars: sorted by value
	conn     bool              // a connection: config and secrets follow the type's field order
}

// previouslyShape is the shape of a previously: list.
var previouslyShape = &shape{scalars: true}

// namedShape is the shape of a list of items sorted by name, with these keys.
func namedShape(keys []string, fields map[string]*shape) *shape {
	if fields == nil {
		fields = map[string]*shape{}
	}
	fields["previously"] = previouslyShape
	return &shape{by: "name", each: &shape{keys: keys, fields: fields}}
}

// apply puts n, and the nodes under it, in canonical order.
func (s *shape) apply(n *yaml.Node) {
	if s == nil || n == nil {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		s.applyMap(n)
	case yaml.SequenceNode:
		if s.by != "" {
			sortItems(n.Content, func(it *yaml.Node) string { return scalarValue(mapValue(it, s.by)) }, s.fold)
		} else if s.scalars {
			sortItems(n.Content, scalarValue, s.fold)
		}
		for _, it := range n.Content {
			s.each.apply(it)
		}
	}
}

func (s *shape) applyMap(n *yaml.Node) {
	switch {
	case s.sortKeys:
		pairs := toPairs(n)
		sort.SliceStable(pairs, func(i, j int) bool { return scalarValue(pairs[i][0]) < scalarValue(pairs[j][0]) })
		fromPairs(n, pairs)
	case s.keys != nil:
		orderPairs(n, s.keys)
	}
	typ := ""
	if s.conn {
		typ = scalarValue(mapValue(n, "type"))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := scalarValue(n.Content[i]), n.Content[i+1]
		if s.conn && (k == "config" || k == "secrets") && v.Kind == yaml.MappingNode {
			orderPairs(v, fieldOrder(typ, sortedKeys(keySet(v))))
		}
		if sub := s.fields[k]; sub != nil {
			sub.apply(v)
		} else if s.sortKeys || s.keys == nil {
			s.each.apply(v)
		}
	}
}

// orderPairs reorders mapping n's pairs: keys in order first, the others
// after them as written.
func orderPairs(n *yaml.Node, order []string) {
	pairs := toPairs(n)
	rank := map[string]int{}
	for i, k := range order {
		rank[k] = i
	}
	pos := func(p [2]*yaml.Node) int {
		if r, ok := rank[scalarValue(p[0])]; ok {
			return r
		}
		return len(order)
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pos(pairs[i]) < pos(pairs[j]) })
	fromPairs(n, pairs)
}

func toPairs(n *yaml.Node) [][2]*yaml.Node {
	var out [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
	}
	return out
}

func fromPairs(n *yaml.Node, pairs [][2]*yaml.Node) {
	n.Content = n.Content[:0]
	for _, p := range pairs {
		n.Content = append(n.Content, p[0], p[1])
	}
}

// sortItems sorts list items by key, stably; fold compares as Marshal
// compares emails.
func sortItems(items []*yaml.Node, key func(*yaml.Node) string, fold bool) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := key(items[i]), key(items[j])
		if fold {
			if la, lb := strings.ToLower(a), strings.ToLower(b); la != lb {
				return la < lb
			}
		}
		return a < b
	})
}

// scalarValue is a scalar's value, through an alias; "" for other nodes.
func scalarValue(n *yaml.Node) string {
	if n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// mapValue is the value of key in mapping n (through an alias), or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if scalarValue(n.Content[i]) == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// keySet is mapping n's keys as a set, for sortedKeys.
func keySet(n *yaml.Node) map[string]bool {
	out := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		out[scalarValue(n.Content[i])] = true
	}
	return out
}

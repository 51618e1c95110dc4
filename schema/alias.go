package schema

import (
	"gopkg.in/yaml.v3"
)

// maxAliasNodes bounds how many nodes YAML aliases may add to a document
// when expanded, which defuses "billion laughs" alias bombs.
const maxAliasNodes = 10000

// aliasSizer computes expanded node counts, memoised and saturating.
type aliasSizer struct {
	size   map[*yaml.Node]int
	active map[*yaml.Node]bool
	cyclic *yaml.Node
}

// expanded returns the number of nodes n stands for with aliases expanded,
// capped just above maxAliasNodes.
func (s *aliasSizer) expanded(n *yaml.Node) int {
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return 1
		}
		n = n.Alias
	}
	if v, ok := s.size[n]; ok {
		return v
	}
	if s.active[n] {
		if s.cyclic == nil {
			s.cyclic = n
		}
		return maxAliasNodes + 1
	}
	s.active[n] = true
	total := 1
	for _, c := range n.Content {
		total = min(total+s.expanded(c), maxAliasNodes+1)
	}
	delete(s.active, n)
	s.size[n] = total
	return total
}

// checkAliases refuses documents whose aliases refer to themselves or expand
// to more than maxAliasNodes extra nodes. It reports at the alias that
// crosses the limit.
func (d *decoder) checkAliases(root *yaml.Node) bool {
	s := &aliasSizer{size: map[*yaml.Node]int{}, active: map[*yaml.Node]bool{}}
	added := 0
	var walk func(n *yaml.Node) bool
	walk = func(n *yaml.Node) bool {
		if n.Kind == yaml.AliasNode {
			added += s.expanded(n)
			if s.cyclic != nil {
				d.errorf(n, "", "an anchor may not contain an alias to itself", "alias *%s refers to itself", n.Value)
				return false
			}
			if added > maxAliasNodes {
				d.errorf(n, "", "write the values out instead of nesting aliases", "YAML aliases expand to more than %d nodes", maxAliasNodes)
				return false
			}
			return true
		}
		for _, c := range n.Content {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	return walk(root)
}

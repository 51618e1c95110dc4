package schema

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Marshal writes ws as canonical YAML: keys in the documented order,
// two-space indent, items sorted by name (users and members by email, case
// folded), nil sections and attributes left out. Parse reads the output back
// to an equal Workspace. ws is not modified.
func Marshal(ws *Workspace) ([]byte, error) {
	if ws == nil {
		return nil, errors.New("schema: Marshal of a nil workspace")
	}
	root := yamlMap()
	root.HeadComment = "yaml-language-server: $schema=" + SchemaID
	version := ws.Version
	if version == 0 {
		version = 1
	}
	put(root, "version", intNode(version))
	put(root, "workspace", strNode(ws.Workspace))
	if err := marshalSections(root, ws); err != nil {
		return nil, err
	}
	if ws.Ignore != nil {
		ig := yamlMap()
		for _, k := range sortedKeys(ws.Ignore) {
			put(ig, k, strSeq(sortedCopy(ws.Ignore[k]), true))
		}
		put(root, "ignore", ig)
	}
	if ws.Confirm != nil {
		put(root, "confirm", strSeq(sortedCopy(ws.Confirm), false))
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("schema: marshal: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("schema: marshal: %w", err)
	}
	return buf.Bytes(), nil
}

func yamlMap() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"} }
func flowMap() *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
}
func strNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}
func intNode(i int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(i)}
}
func boolNode(b bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}
}

func put(m *yaml.Node, key string, v *yaml.Node) { m.Content = append(m.Content, strNode(key), v) }

func putStr(m *yaml.Node, key string, s *string) {
	if s != nil {
		put(m, key, strNode(*s))
	}
}

func putBool(m *yaml.Node, key string, b *bool) {
	if b != nil {
		put(m, key, boolNode(*b))
	}
}

func putInt(m *yaml.Node, key string, i *int) {
	if i != nil {
		put(m, key, intNode(*i))
	}
}

func strSeq(items []string, flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	if flow {
		n.Style = yaml.FlowStyle
	}
	for _, s := range items {
		n.Content = append(n.Content, strNode(s))
	}
	return n
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

// sortedFold sorts emails case-insensitively, ties broken by bytes.
func sortedFold(s []string) []string {
	out := append([]string(nil), s...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := strings.ToLower(out[i]), strings.ToLower(out[j])
		if a != b {
			return a < b
		}
		return out[i] < out[j]
	})
	return out
}

// listNode renders items sorted by key.
func listNode[T any](items []T, key func(T) string, node func(T) *yaml.Node) *yaml.Node {
	sorted := append([]T(nil), items...)
	sort.SliceStable(sorted, func(i, j int) bool { return key(sorted[i]) < key(sorted[j]) })
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, it := range sorted {
		n.Content = append(n.Content, node(it))
	}
	return n
}

func putPreviously(m *yaml.Node, prev []string) {
	if prev != nil {
		put(m, "previously", strSeq(sortedCopy(prev), true))
	}
}

func putProtect(m *yaml.Node, protect *bool) {
	if protect != nil {
		put(m, "protect", boolNode(*protect))
	}
}

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
	if ws.Settings != nil {
		put(root, "settings", settingsNode(ws.Settings))
	}
	if ws.Domains != nil {
		put(root, "domains", domainsNode(ws.Domains))
	}
	if ws.Users != nil {
		put(root, "users", usersNode(ws.Users))
	}
	if ws.Groups != nil {
		put(root, "groups", listNode(ws.Groups, func(g Group) string { return g.Name }, groupNode))
	}
	if ws.Connections != nil {
		conns, err := connectionsNode(ws.Connections)
		if err != nil {
			return nil, err
		}
		put(root, "connections", conns)
	}
	if ws.Packages != nil {
		put(root, "packages", listNode(ws.Packages, func(p Package) string { return p.Name }, packageNode))
	}
	if ws.Tags != nil {
		put(root, "tags", tagsNode(ws.Tags))
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

func settingsNode(s *Settings) *yaml.Node {
	m := yamlMap()
	putInt(m, "min_admins", s.MinAdmins)
	if s.MaxDeleteRatio != nil {
		put(m, "max_delete_ratio", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(*s.MaxDeleteRatio, 'g', -1, 64)})
	}
	putInt(m, "max_delete_count", s.MaxDeleteCount)
	if s.Secrets != nil {
		put(m, "secrets", secretSettingsNode(s.Secrets))
	}
	return m
}

func domainsNode(d *Domains) *yaml.Node {
	m := yamlMap()
	put(m, "allowed", strSeq(sortedCopy(d.Allowed), true))
	if d.DefaultRole != "" {
		put(m, "default_role", strNode(string(d.DefaultRole)))
	}
	return m
}

func usersNode(users []User) *yaml.Node {
	sorted := append([]User(nil), users...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return strings.ToLower(sorted[i].Email) < strings.ToLower(sorted[j].Email)
	})
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, u := range sorted {
		m := yamlMap()
		put(m, "email", strNode(u.Email))
		putStr(m, "name", u.Name)
		put(m, "role", strNode(string(u.Role)))
		n.Content = append(n.Content, m)
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

func groupNode(g Group) *yaml.Node {
	m := yamlMap()
	put(m, "name", strNode(g.Name))
	putPreviously(m, g.Previously)
	if g.Members != nil {
		put(m, "members", strSeq(sortedFold(g.Members), false))
	}
	putProtect(m, g.Protect)
	return m
}

func packageNode(p Package) *yaml.Node {
	m := yamlMap()
	put(m, "name", strNode(p.Name))
	putPreviously(m, p.Previously)
	put(m, "repository", strNode(p.Repository))
	r := flowMap()
	for _, kv := range [][2]string{{"branch", p.Ref.Branch}, {"tag", p.Ref.Tag}, {"commit", p.Ref.Commit}} {
		if kv[1] != "" {
			put(r, kv[0], strNode(kv[1]))
		}
	}
	put(m, "ref", r)
	if p.Install != nil {
		put(m, "install", strSeq(p.Install, false))
	}
	putProtect(m, p.Protect)
	return m
}

func tagsNode(t *Tags) *yaml.Node {
	m := yamlMap()
	if t.Statuses != nil {
		put(m, "statuses", listNode(t.Statuses, func(s Status) string { return s.Name }, func(s Status) *yaml.Node {
			n := yamlMap()
			put(n, "name", strNode(s.Name))
			putPreviously(n, s.Previously)
			putBool(n, "endorsed", s.Endorsed)
			putProtect(n, s.Protect)
			return n
		}))
	}
	if t.Categories != nil {
		put(m, "categories", listNode(t.Categories, func(c Category) string { return c.Name }, func(c Category) *yaml.Node {
			n := yamlMap()
			put(n, "name", strNode(c.Name))
			putPreviously(n, c.Previously)
			putStr(n, "description", c.Description)
			putProtect(n, c.Protect)
			return n
		}))
	}
	return m
}

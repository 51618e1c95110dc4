package schema

import (
	"fmt"
	"sort"

	"gopkg.in/yaml.v3"
)

func connectionsNode(conns []Connection) (*yaml.Node, error) {
	sorted := append([]Connection(nil), conns...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, c := range sorted {
		m, err := connectionNode(c)
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content, m)
	}
	return n, nil
}

func connectionNode(c Connection) (*yaml.Node, error) {
	m := yamlMap()
	put(m, "name", strNode(c.Name))
	putPreviously(m, c.Previously)
	put(m, "type", strNode(c.Type))
	putStr(m, "description", c.Description)
	if c.Config != nil {
		cfg := yamlMap()
		for _, k := range fieldOrder(c.Type, sortedKeys(c.Config)) {
			v, err := valueNode(c.Config[k])
			if err != nil {
				return nil, fmt.Errorf("schema: marshal: connection %q config %s: %w", c.Name, k, err)
			}
			put(cfg, k, v)
		}
		put(m, "config", cfg)
	}
	if c.Secrets != nil {
		sec := yamlMap()
		for _, k := range fieldOrder(c.Type, sortedKeys(c.Secrets)) {
			ref := flowMap()
			if r := c.Secrets[k]; r.Env != "" {
				put(ref, "env", strNode(r.Env))
			} else {
				put(ref, "file", strNode(r.File))
			}
			put(sec, k, ref)
		}
		put(m, "secrets", sec)
	}
	if c.Sharing != nil {
		put(m, "sharing", sharingNode(c.Sharing))
	}
	if c.SchemaRefresh != nil {
		put(m, "schema_refresh", refreshNode(c.SchemaRefresh))
	}
	putBool(m, "include_magic", c.IncludeMagic)
	putBool(m, "allow_writeback_cells", c.AllowWritebackCells)
	putProtect(m, c.Protect)
	return m, nil
}

// fieldOrder orders keys as the type's fields are listed, unknown keys last.
func fieldOrder(typ string, keys []string) []string {
	var out, rest []string
	for _, f := range connectionFields[typ] {
		if contains(keys, f.Name) {
			out = append(out, f.Name)
		}
	}
	for _, k := range keys {
		if !contains(out, k) {
			rest = append(rest, k)
		}
	}
	return append(out, rest...)
}

// valueNode renders a config value: string, int, bool or a list.
func valueNode(v any) (*yaml.Node, error) {
	switch x := v.(type) {
	case string:
		return strNode(x), nil
	case int:
		return intNode(x), nil
	case bool:
		return boolNode(x), nil
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, it := range x {
			c, err := valueNode(it)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, c)
		}
		return n, nil
	case map[string]any:
		n := flowMap()
		for _, k := range sortedKeys(x) {
			c, err := valueNode(x[k])
			if err != nil {
				return nil, err
			}
			put(n, k, c)
		}
		return n, nil
	}
	n := &yaml.Node{}
	if err := n.Encode(v); err != nil {
		return nil, err
	}
	return n, nil
}

func sharingNode(s *Sharing) *yaml.Node {
	m := yamlMap()
	if w := s.Workspace; w != nil {
		wm := flowMap()
		putStr(wm, "members", w.Members)
		putStr(wm, "guests", w.Guests)
		putStr(wm, "public", w.Public)
		put(m, "workspace", wm)
	}
	if s.Groups != nil {
		gm := yamlMap()
		for _, g := range sortedKeys(s.Groups) {
			put(gm, g, strNode(s.Groups[g]))
		}
		put(m, "groups", gm)
	}
	return m
}

func refreshNode(r *SchemaRefresh) *yaml.Node {
	m := flowMap()
	put(m, "cadence", strNode(r.Cadence))
	putBool(m, "enabled", r.Enabled)
	putInt(m, "hour", r.Hour)
	putInt(m, "minute", r.Minute)
	if r.DayOfWeek != "" {
		put(m, "day_of_week", strNode(r.DayOfWeek))
	}
	putInt(m, "day", r.Day)
	if r.Cron != "" {
		put(m, "cron", strNode(r.Cron))
	}
	if r.Timezone != "" {
		put(m, "timezone", strNode(r.Timezone))
	}
	return m
}

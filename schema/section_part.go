package schema

import (
	"fmt"
	"github.com/hexform/hexform/internal/par"
	"strings"

	"gopkg.in/yaml.v3"
)

// part is one top-level key of the file the section table describes: a
// section, or a container of sections.
type part interface {
	partKey() string
	decodeAt(d *decoder, ws *Workspace, n *yaml.Node)
	nodeOf(ws *Workspace) (*yaml.Node, error)
	layoutShape() *shape
	jsonSchema(defs obj) obj
}

func (s *Section) partKey() string { return s.Path }
func (s *Section) decodeAt(d *decoder, ws *Workspace, n *yaml.Node) {
	s.decode(d, s, ws, n)
}
func (s *Section) nodeOf(ws *Workspace) (*yaml.Node, error) { return s.node(ws) }
func (s *Section) layoutShape() *shape                      { return s.shape }
func (s *Section) jsonSchema(defs obj) obj                  { return s.schema(defs) }

// container is a top-level mapping whose keys are sections: tags holds
// tags.statuses and tags.categories.
type container struct {
	key string
	// doc describes the container in the JSON Schema.
	doc string
	// open gives ws the container, empty; has reports whether ws has it.
	open func(ws *Workspace)
	has  func(ws *Workspace) bool
	// children are the sections under key, in table order (set by buildLayout).
	children []*Section
	keys     []string
}

func (c *container) partKey() string { return c.key }

func (c *container) decodeAt(d *decoder, ws *Workspace, n *yaml.Node) {
	c.open(ws)
	m, ok := d.mapping(n, c.key, c.key, c.keys, nil)
	if !ok {
		return
	}
	for _, s := range c.children {
		if v := m[s.key()]; v != nil {
			s.decode(d, s, ws, v)
		}
	}
}

func (c *container) nodeOf(ws *Workspace) (*yaml.Node, error) {
	if !c.has(ws) {
		return nil, nil
	}
	m := yamlMap()
	for _, s := range c.children {
		n, err := s.node(ws)
		if err != nil {
			return nil, err
		}
		if n != nil {
			put(m, s.key(), n)
		}
	}
	return m, nil
}

func (c *container) layoutShape() *shape {
	fields := map[string]*shape{}
	for _, s := range c.children {
		fields[s.key()] = s.shape
	}
	return &shape{keys: c.keys, fields: fields}
}

func (c *container) jsonSchema(defs obj) obj {
	props := obj{}
	for _, s := range c.children {
		props[s.key()] = s.schema(defs)
	}
	defs[c.key] = object(c.doc, props)
	return refDoc(c.key, c.doc)
}

// buildLayout places each section under its top-level key (a key of its
// own, or a container's), in the order of keys. A section with no place
// is a bug, reported when the package is initialised.
func buildLayout(keys []string, secs []*Section, boxes []*container) []part {
	var out []part
	placed := 0
	for _, k := range keys {
		for _, c := range boxes {
			if c.key == k {
				c.fill(secs)
				placed += len(c.children)
				out = append(out, c)
			}
		}
		for _, s := range secs {
			if s.Path == k {
				placed++
				out = append(out, s)
			}
		}
	}
	if placed != len(secs) {
		panic(fmt.Sprintf("schema: %d of %d sections have a place among the top-level keys %v", placed, len(secs), keys))
	}
	return out
}

// fill sets c's children: the sections whose Path is under c's key.
func (c *container) fill(secs []*Section) {
	c.children, c.keys = nil, nil
	for _, s := range secs {
		if parent, _, nested := strings.Cut(s.Path, "."); nested && parent == c.key {
			c.children, c.keys = append(c.children, s), append(c.keys, s.key())
		}
	}
}

// buildWorkspaceShape is the file's layout: each top-level key's shape.
func buildWorkspaceShape() *shape {
	fields := map[string]*shape{
		"ignore":  {sortKeys: true, each: &shape{scalars: true}},
		"confirm": {scalars: true},
	}
	for _, p := range layout {
		fields[p.partKey()] = p.layoutShape()
	}
	return &shape{keys: topKeys, fields: fields}
}

// decodeSections decodes every section present in the top-level mapping m,
// in the order of the file's keys.
func (d *decoder) decodeSections(ws *Workspace, m map[string]*yaml.Node) {
	var parts []part
	for _, p := range layout {
		if m[p.partKey()] != nil {
			parts = append(parts, p)
		}
	}
	subs := make([]*decoder, len(parts))
	for i := range parts {
		subs[i] = d.fork()
	}
	par.Each(len(parts), func(i int) {
		parts[i].decodeAt(subs[i], ws, m[parts[i].partKey()])
	})
	for _, sub := range subs {
		d.join(sub)
	}
}

// checkSections runs every section's own checks, then every section's
// checks against the others, in table order.
func (d *decoder) checkSections(ws *Workspace) {
	for _, s := range sections {
		if s.check != nil {
			s.check(d, s, ws)
		}
	}
	for _, s := range sections {
		if s.crossCheck != nil {
			s.crossCheck(d, ws)
		}
	}
}

// uniqueNames is the check of a section of named items: distinct names and
// previously-names (checkNames).
func uniqueNames(d *decoder, s *Section, ws *Workspace) {
	d.checkNames(s.Kind, s.Path, s.items(ws))
}

// marshalSections adds every section ws has to the top-level mapping root.
func marshalSections(root *yaml.Node, ws *Workspace) error {
	for _, p := range layout {
		n, err := p.nodeOf(ws)
		if err != nil {
			return err
		}
		if n != nil {
			put(root, p.partKey(), n)
		}
	}
	return nil
}

// sectionSchemas adds every section's JSON Schema to props, and its
// definitions to defs.
func sectionSchemas(props, defs obj) {
	for _, p := range layout {
		props[p.partKey()] = p.jsonSchema(defs)
	}
}

package schema

import "gopkg.in/yaml.v3"

// Status is a project status definition.
type Status struct {
	Name       string   `yaml:"name" json:"name"`
	Previously []string `yaml:"previously,omitempty" json:"previously,omitempty"`
	Endorsed   *bool    `yaml:"endorsed,omitempty" json:"endorsed,omitempty"`
	Protect    *bool    `yaml:"protect,omitempty" json:"protect,omitempty"`
	Pos        Pos      `yaml:"-" json:"-"`
}

var statusKeys = keysOf[Status]()

var statusSection = &Section{
	Kind: "status", Plural: "statuses", Path: "tags.statuses", Ignorable: true,
	decode: func(d *decoder, s *Section, ws *Workspace, n *yaml.Node) {
		ws.Tags.Statuses = decodeList(d, n, s.Path, (*decoder).status)
	},
	check: uniqueNames,
	items: func(ws *Workspace) []named {
		if ws.Tags == nil {
			return nil
		}
		return namesOf(ws.Tags.Statuses, func(s Status) named { return named{s.Name, s.Previously, s.Pos} })
	},
	node: func(ws *Workspace) (*yaml.Node, error) {
		if ws.Tags == nil || ws.Tags.Statuses == nil {
			return nil, nil
		}
		return listNode(ws.Tags.Statuses, func(s Status) string { return s.Name }, statusNode), nil
	},
	shape: namedShape(statusKeys, nil),
	schema: func(obj) obj {
		return arrayOf(object("", obj{
			"name": refDoc("name", "The status's name."), "previously": refDoc("names", "Former names: a rename keeps the projects' status."),
			"endorsed": boolean("An endorsed status."), "protect": protectDoc("status"),
		}, "name"), "Project statuses. Absent: unmanaged.")
	},
}

func (d *decoder) status(n *yaml.Node, p string) (Status, bool) {
	s := Status{Pos: d.pos(n)}
	m, ok := d.mapping(n, p, "status", statusKeys, []string{"name"})
	if !ok {
		return s, false
	}
	if v := m["name"]; v != nil {
		s.Name, _ = d.name(v, p+".name", "status name")
	}
	s.Previously = d.previously(m["previously"], p+".previously")
	s.Endorsed = d.optBool(m["endorsed"], p+".endorsed", "endorsed")
	s.Protect = d.optBool(m["protect"], p+".protect", "protect")
	return s, true
}

func statusNode(s Status) *yaml.Node {
	n := yamlMap()
	put(n, "name", strNode(s.Name))
	putPreviously(n, s.Previously)
	putBool(n, "endorsed", s.Endorsed)
	putProtect(n, s.Protect)
	return n
}

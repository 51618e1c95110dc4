package schema

import "gopkg.in/yaml.v3"

// Category is a project category definition.
type Category struct {
	Name        string   `yaml:"name" json:"name"`
	Previously  []string `yaml:"previously,omitempty" json:"previously,omitempty"`
	Description *string  `yaml:"description,omitempty" json:"description,omitempty"`
	Protect     *bool    `yaml:"protect,omitempty" json:"protect,omitempty"`
	Pos         Pos      `yaml:"-" json:"-"`
}

var categoryKeys = keysOf[Category]()

var categorySection = &Section{
	Kind: "category", Plural: "categories", Path: "tags.categories", Ignorable: true,
	decode: func(d *decoder, s *Section, ws *Workspace, n *yaml.Node) {
		ws.Tags.Categories = decodeList(d, n, s.Path, (*decoder).category)
	},
	check: uniqueNames,
	items: func(ws *Workspace) []named {
		if ws.Tags == nil {
			return nil
		}
		return namesOf(ws.Tags.Categories, func(c Category) named { return named{c.Name, c.Previously, c.Pos} })
	},
	node: func(ws *Workspace) (*yaml.Node, error) {
		if ws.Tags == nil || ws.Tags.Categories == nil {
			return nil, nil
		}
		return listNode(ws.Tags.Categories, func(c Category) string { return c.Name }, categoryNode), nil
	},
	shape: namedShape(categoryKeys, nil),
	schema: func(obj) obj {
		return arrayOf(object("", obj{
			"name": refDoc("name", "The category's name."), "previously": refDoc("names", "Former names: a rename keeps the projects' category."),
			"description": described(obj{"type": "string", "maxLength": MaxDescriptionLen}, "What the category is for."),
			"protect":     protectDoc("category"),
		}, "name"), "Project categories. Absent: unmanaged.")
	},
}

func (d *decoder) category(n *yaml.Node, p string) (Category, bool) {
	c := Category{Pos: d.pos(n)}
	m, ok := d.mapping(n, p, "category", categoryKeys, []string{"name"})
	if !ok {
		return c, false
	}
	if v := m["name"]; v != nil {
		c.Name, _ = d.name(v, p+".name", "category name")
	}
	c.Previously = d.previously(m["previously"], p+".previously")
	c.Description = d.optStr(m["description"], p+".description", "description", descriptionText)
	c.Protect = d.optBool(m["protect"], p+".protect", "protect")
	return c, true
}

func categoryNode(c Category) *yaml.Node {
	n := yamlMap()
	put(n, "name", strNode(c.Name))
	putPreviously(n, c.Previously)
	putStr(n, "description", c.Description)
	putProtect(n, c.Protect)
	return n
}

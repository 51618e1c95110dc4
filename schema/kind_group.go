package schema

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// Group is a named set of users.
type Group struct {
	Name       string   `yaml:"name" json:"name"`
	Previously []string `yaml:"previously,omitempty" json:"previously,omitempty"`
	Members    []string `yaml:"members,omitempty" json:"members,omitempty"` // emails; nil = membership unmanaged
	Protect    *bool    `yaml:"protect,omitempty" json:"protect,omitempty"`
	Pos        Pos      `yaml:"-" json:"-"`
}

var groupKeys = keysOf[Group]()

var groupSection = &Section{
	Kind: "group", Plural: "groups", Path: "groups", Ignorable: true,
	decode: func(d *decoder, s *Section, ws *Workspace, n *yaml.Node) {
		ws.Groups = decodeList(d, n, s.Path, (*decoder).group)
	},
	check:      uniqueNames,
	crossCheck: (*decoder).checkMembers,
	items: func(ws *Workspace) []named {
		return namesOf(ws.Groups, func(g Group) named { return named{g.Name, g.Previously, g.Pos} })
	},
	node: func(ws *Workspace) (*yaml.Node, error) {
		if ws.Groups == nil {
			return nil, nil
		}
		return listNode(ws.Groups, func(g Group) string { return g.Name }, groupNode), nil
	},
	shape: namedShape(groupKeys, map[string]*shape{
		"members": {scalars: true, fold: true},
	}),
	schema: func(defs obj) obj {
		defs["group"] = object("", obj{
			"name": refDoc("name", "The group's name."), "previously": refDoc("names", "Former names: a rename, not a delete and a create."),
			"members": arrayOf(ref("email"), "Member emails. Absent: membership unmanaged."),
			"protect": protectDoc("group"),
		}, "name")
		return arrayOf(ref("group"), "Groups of users. Absent: groups are unmanaged; `[]` manages them (deleting every group).")
	},
}

func (d *decoder) group(n *yaml.Node, p string) (Group, bool) {
	g := Group{Pos: d.pos(n)}
	m, ok := d.mapping(n, p, "group", groupKeys, []string{"name"})
	if !ok {
		return g, false
	}
	if v := m["name"]; v != nil {
		g.Name, _ = d.name(v, p+".name", "group name")
	}
	g.Previously = d.previously(m["previously"], p+".previously")
	var members []Pos
	if v := m["members"]; v != nil {
		g.Members, members = d.members(v, p+".members")
	}
	g.Protect = d.optBool(m["protect"], p+".protect", "protect")
	d.memberPos = append(d.memberPos, members)
	return g, true
}

// members decodes a group's member emails and the position of each (the
// zero Pos for one that is not an email).
func (d *decoder) members(v *yaml.Node, mp string) ([]string, []Pos) {
	members, nodes := d.strList(v, mp, "members")
	seen := make(map[string]int, len(members))
	pos := make([]Pos, len(members))
	for i, e := range members {
		le := strings.ToLower(e)
		if line, dup := seen[le]; dup {
			d.errorf(nodes[i], mp, "remove one of them", "member %q is listed twice in the group (first at line %d)", e, line)
		}
		seen[le] = nodes[i].Line
		if !d.text(nodes[i], mp, "member", e, emailText) {
			continue
		}
		if !d.isEmail(e) {
			d.errorf(nodes[i], mp, "members are listed by email, e.g. alice@acme.com", "member %q is not an email address", e)
		} else {
			pos[i] = d.pos(nodes[i])
		}
	}
	return members, pos
}

// checkMembers checks that every group member will be a workspace user: a
// listed user or someone in an allowed domain. When users: or domains: is
// unmanaged the workspace may already hold the user, so it is a warning.
func (d *decoder) checkMembers(ws *Workspace) {
	users := d.declaredUsers(ws)
	for gi, g := range ws.Groups {
		for mi, m := range g.Members {
			if users.has(strings.ToLower(m)) {
				continue
			}
			var p Pos
			if gi < len(d.memberPos) && mi < len(d.memberPos[gi]) {
				p = d.memberPos[gi][mi]
			}
			if p.Line == 0 {
				continue // not an email: already reported
			}
			if users.certain {
				d.add(p, SeverityError, "add the user under users:, or their domain under domains.allowed", "member %q of group %q is neither a listed user nor in an allowed domain", m, g.Name)
			} else {
				d.add(p, SeverityWarning, "the plan checks the workspace; list the user under users: to be sure", "member %q of group %q is not a listed user or in a listed domain", m, g.Name)
			}
		}
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

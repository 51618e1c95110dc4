package schema

import (
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Collection is a collection of projects, shared with workspace members,
// groups and users.
type Collection struct {
	Name        string             `yaml:"name" json:"name"`
	Previously  []string           `yaml:"previously,omitempty" json:"previously,omitempty"`
	Description *string            `yaml:"description,omitempty" json:"description,omitempty"`
	Sharing     *CollectionSharing `yaml:"sharing,omitempty" json:"sharing,omitempty"`
	Protect     *bool              `yaml:"protect,omitempty" json:"protect,omitempty"`
	Pos         Pos                `yaml:"-" json:"-"`
}

// CollectionSharing is who has access to a collection, and at which level
// (one of CollectionLevels). Nil fields are unmanaged; a present map is the
// whole list: an entry the file leaves out is to have no access.
type CollectionSharing struct {
	Workspace *CollectionWorkspace `yaml:"workspace,omitempty" json:"workspace,omitempty"`
	Groups    map[string]string    `yaml:"groups,omitempty" json:"groups,omitempty"` // group name -> level
	Users     map[string]string    `yaml:"users,omitempty" json:"users,omitempty"`   // email -> level
}

// CollectionWorkspace is a collection's sharing with every workspace member.
type CollectionWorkspace struct {
	Members *string `yaml:"members,omitempty" json:"members,omitempty"`
}

// Access levels of collection sharing, lowest first: Hex's collection
// members can access its contents; its managers can also add and remove
// contents, manage its sharing, edit it and delete it.
const (
	CollectionMember  = "member"
	CollectionManager = "manager"
)

// CollectionLevels lists the levels a collection sharing entry takes, lowest
// first; AccessNone removes the entry.
var CollectionLevels = []string{AccessNone, CollectionMember, CollectionManager}

var (
	collectionKeys        = keysOf[Collection]()
	collectionSharingKeys = keysOf[CollectionSharing]()
	collectionWSKeys      = keysOf[CollectionWorkspace]()
)

var collectionSection = &Section{
	Kind: "collection", Plural: "collections", Path: "collections", Ignorable: true, positions: true,
	decode: func(d *decoder, s *Section, ws *Workspace, n *yaml.Node) {
		ws.Collections = decodeList(d, n, s.Path, (*decoder).collection)
	},
	check:      uniqueNames,
	crossCheck: (*decoder).checkCollectionSharing,
	items: func(ws *Workspace) []named {
		return namesOf(ws.Collections, func(c Collection) named { return named{c.Name, c.Previously, c.Pos} })
	},
	node: func(ws *Workspace) (*yaml.Node, error) {
		if ws.Collections == nil {
			return nil, nil
		}
		return listNode(ws.Collections, func(c Collection) string { return c.Name }, collectionNode), nil
	},
	shape: namedShape(collectionKeys, map[string]*shape{
		"sharing": {keys: collectionSharingKeys, fields: map[string]*shape{
			"workspace": {keys: collectionWSKeys},
			"groups":    {sortKeys: true},
			"users":     {sortKeys: true},
		}},
	}),
	schema: func(defs obj) obj {
		defs["collection_level"] = described(withError(stringEnum(CollectionLevels...), "a collection's access level is none, member or manager"),
			"`member`: can access the collection's contents; `manager`: can also add and remove contents, share, edit and delete it; `none`: no access.")
		defs["collection"] = collectionDef()
		return arrayOf(ref("collection"), "Collections of projects, and who may use them. Absent: unmanaged.")
	},
}

func (d *decoder) collection(n *yaml.Node, p string) (Collection, bool) {
	c := Collection{Pos: d.pos(n)}
	m, ok := d.mapping(n, p, "collection", collectionKeys, []string{"name"})
	if !ok {
		return c, false
	}
	if v := m["name"]; v != nil {
		c.Name, _ = d.name(v, p+".name", "collection name")
	}
	c.Previously = d.previously(m["previously"], p+".previously")
	c.Description = d.optStr(m["description"], p+".description", "description", descriptionText)
	if v := m["sharing"]; v != nil {
		c.Sharing = d.collectionSharing(v, p+".sharing")
	}
	c.Protect = d.optBool(m["protect"], p+".protect", "protect")
	return c, true
}

func (d *decoder) collectionSharing(n *yaml.Node, p string) *CollectionSharing {
	s := &CollectionSharing{}
	m, ok := d.mapping(n, p, "sharing", collectionSharingKeys, nil)
	if !ok {
		return s
	}
	if v := m["workspace"]; v != nil {
		s.Workspace = &CollectionWorkspace{}
		if wm, ok := d.mapping(v, p+".workspace", "workspace sharing", collectionWSKeys, nil); ok {
			s.Workspace.Members = d.access(wm["members"], p+".workspace.members", "members", CollectionLevels)
		}
	}
	if v := m["groups"]; v != nil {
		s.Groups = d.levels(v, p+".groups", "group", nameText)
	}
	if v := m["users"]; v != nil {
		s.Users = d.levels(v, p+".users", "user", emailText)
	}
	return s
}

// levels decodes a mapping of group names or user emails to collection
// levels; nil when it is not a mapping. Emails are checked, and compared
// ignoring case.
func (d *decoder) levels(n *yaml.Node, p, who string, k textKind) map[string]string {
	lm, ok := d.mapping(n, p, who+" sharing", nil, nil)
	if !ok {
		return nil
	}
	keys := sortedKeys(lm)
	sort.SliceStable(keys, func(i, j int) bool { return before(d.keyAt(join(p, keys[i])), d.keyAt(join(p, keys[j]))) })
	out, seen := map[string]string{}, map[string]string{}
	for _, key := range keys {
		kp := join(p, key)
		if !d.textKey(kp, who, key, k) {
			continue
		}
		if who == "user" {
			if !d.isEmail(key) {
				d.add(d.keyAt(kp), SeverityError, "users are listed by email, e.g. cfo@acme.com", "user %q is not an email address", key)
				continue
			}
			if first, dup := seen[strings.ToLower(key)]; dup {
				d.add(d.keyAt(kp), SeverityError, "list each user once; emails are compared case-insensitively", "user %q is listed twice (first as %q)", key, first)
				continue
			}
			seen[strings.ToLower(key)] = key
		}
		if a := d.access(lm[key], kp, "access", CollectionLevels); a != nil {
			out[key] = *a
		}
	}
	return out
}

// before reports whether position a comes before b in the file.
func before(a, b Pos) bool { return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col }

// checkCollectionSharing checks that collections are shared with declared
// groups and with users the workspace will have.
func (d *decoder) checkCollectionSharing(ws *Workspace) {
	if len(ws.Collections) == 0 {
		return
	}
	groups := declaredGroups(ws)
	users := d.declaredUsers(ws)
	for ci, c := range ws.Collections {
		if c.Sharing == nil {
			continue
		}
		for _, g := range sortedKeys(c.Sharing.Groups) {
			p := d.keyAt(fmt.Sprintf("collections[%d].sharing.groups.%s", ci, g))
			d.checkGroupRef(p, groups, fmt.Sprintf("collection %q", c.Name), g)
		}
		for _, u := range sortedKeys(c.Sharing.Users) {
			p := d.keyAt(fmt.Sprintf("collections[%d].sharing.users.%s", ci, u))
			lu := strings.ToLower(u)
			switch {
			case users.has(lu):
			case users.certain:
				d.add(p, SeverityError, "add the user under users:, or their domain under domains.allowed", "collection %q is shared with %q, who is neither a listed user nor in an allowed domain", c.Name, u)
			default:
				d.add(p, SeverityWarning, "the plan checks the workspace; list the user under users: to be sure", "collection %q is shared with %q, who is not a listed user or in a listed domain", c.Name, u)
			}
		}
	}
}

// groupRefs are the groups a file declares, for checks of references to them.
type groupRefs struct {
	managed bool
	names   map[string]bool
	renamed map[string]string // previously name -> current name
	list    []string
}

func declaredGroups(ws *Workspace) groupRefs {
	r := groupRefs{managed: ws.Groups != nil, names: map[string]bool{}, renamed: map[string]string{}}
	for _, g := range ws.Groups {
		r.names[g.Name] = true
		r.list = append(r.list, g.Name)
		for _, old := range g.Previously {
			r.renamed[old] = g.Name
		}
	}
	return r
}

// checkGroupRef reports a reference by what (`collection "X"`) to group g
// that the file does not declare.
func (d *decoder) checkGroupRef(p Pos, r groupRefs, what, g string) {
	switch {
	case r.names[g]:
	case !r.managed:
		d.add(p, SeverityWarning, "groups: is unmanaged, so the plan checks that the group exists", "%s is shared with group %q, which is not declared", what, g)
	case r.renamed[g] != "":
		d.add(p, SeverityError, fmt.Sprintf("the group is now called %q", r.renamed[g]), "%s is shared with group %q, which was renamed", what, g)
	default:
		hint := d.suggest(g, r.list)
		if hint == "" {
			hint = "declare the group under groups:, or fix the name"
		}
		d.add(p, SeverityError, hint, "%s is shared with undeclared group %q", what, g)
	}
}

// userRefs are the users a file makes sure of: the listed ones and those of
// the allowed domains; certain when both sections are managed.
type userRefs struct {
	listed, domains map[string]bool
	certain         bool
}

// has reports whether the file makes sure of the user with lower-case
// email e: one of an allowed domain (the cheaper question first), or a
// listed one.
func (r *userRefs) has(e string) bool { return inDomains(e, r.domains) || r.listed[e] }

// declaredUsers is the file's userRefs, made once for the checks that ask.
func (d *decoder) declaredUsers(ws *Workspace) *userRefs {
	if d.users != nil {
		return d.users
	}
	r := &userRefs{listed: make(map[string]bool, len(ws.Users)), domains: map[string]bool{}, certain: ws.Users != nil && ws.Domains != nil}
	for _, u := range ws.Users {
		r.listed[strings.ToLower(u.Email)] = true
	}
	if ws.Domains != nil {
		for _, dom := range ws.Domains.Allowed {
			r.domains[dom] = true
		}
	}
	d.users = r
	return r
}

func collectionNode(c Collection) *yaml.Node {
	m := yamlMap()
	put(m, "name", strNode(c.Name))
	putPreviously(m, c.Previously)
	putStr(m, "description", c.Description)
	if s := c.Sharing; s != nil {
		sm := yamlMap()
		if s.Workspace != nil {
			wm := flowMap()
			putStr(wm, "members", s.Workspace.Members)
			put(sm, "workspace", wm)
		}
		for _, kv := range []struct {
			key    string
			levels map[string]string
		}{{"groups", s.Groups}, {"users", s.Users}} {
			if kv.levels != nil {
				lm := yamlMap()
				for _, k := range sortedKeys(kv.levels) {
					put(lm, k, strNode(kv.levels[k]))
				}
				put(sm, kv.key, lm)
			}
		}
		put(m, "sharing", sm)
	}
	putProtect(m, c.Protect)
	return m
}

func collectionDef() obj {
	const levels = "`none`, `member` or `manager`"
	sharing := object("Who may use the collection.", obj{
		"workspace": described(object("", obj{
			"members": refDoc("collection_level", "The level of every workspace member: "+levels+"."),
		}), "Sharing with the whole workspace. Absent: unmanaged."),
		"groups": described(obj{"type": "object", "additionalProperties": ref("collection_level")},
			"Group name: level, "+levels+". Absent: unmanaged; present: groups left out have no access."),
		"users": described(obj{"type": "object", "propertyNames": ref("email"), "additionalProperties": ref("collection_level")},
			"User email: level, "+levels+". Absent: unmanaged; present: users left out have no access."),
	})
	return object("", obj{
		"name": refDoc("name", "The collection's name in Hex."), "previously": refDoc("names", "Former names: a rename, not a delete and a create."),
		"description": described(obj{"type": "string", "maxLength": MaxDescriptionLen}, "What the collection holds."),
		"sharing":     described(sharing, "Who may use the collection. Absent: unmanaged."),
		"protect":     protectDoc("collection"),
	}, "name")
}

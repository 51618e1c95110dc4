package schema

import (
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// User is an explicit role assignment.
type User struct {
	Email string  `yaml:"email" json:"email"` // as written; compare with strings.EqualFold / lower-case
	Name  *string `yaml:"name,omitempty" json:"name,omitempty"`
	Role  Role    `yaml:"role" json:"role"` // normalised (aliases resolved)
	Pos   Pos     `yaml:"-" json:"-"`
}

var userKeys = keysOf[User]()

var userSection = &Section{
	Kind: "user", Plural: "users", Path: "users", Ignorable: true, FoldCase: true,
	decode: func(d *decoder, s *Section, ws *Workspace, n *yaml.Node) {
		ws.Users = decodeList(d, n, s.Path, (*decoder).user)
	},
	check:      func(d *decoder, _ *Section, ws *Workspace) { d.checkUsers(ws) },
	crossCheck: (*decoder).checkMinAdmins,
	items: func(ws *Workspace) []named {
		return namesOf(ws.Users, func(u User) named { return named{name: u.Email, pos: u.Pos} })
	},
	node: func(ws *Workspace) (*yaml.Node, error) {
		if ws.Users == nil {
			return nil, nil
		}
		return usersNode(ws.Users), nil
	},
	shape: &shape{by: "email", fold: true, each: &shape{keys: userKeys}},
	schema: func(defs obj) obj {
		defs["user"] = object("", obj{
			"email": refDoc("email", "The user's email address; compared ignoring case."),
			"name":  described(obj{"type": "string", "maxLength": MaxNameLen}, "The user's display name."),
			"role":  refDoc("role", "The user's role: `admin`, `manager`, `editor`, `explorer`, `viewer` or `guest`."),
		}, "email", "role")
		return arrayOf(ref("user"), "Explicit role assignments. Absent: users are unmanaged.")
	},
}

func (d *decoder) user(n *yaml.Node, p string) (User, bool) {
	u := User{Pos: d.pos(n)}
	m, ok := d.mapping(n, p, "user", userKeys, []string{"email", "role"})
	if !ok {
		return u, false
	}
	if e := m["email"]; e != nil {
		u.Email, _ = d.email(e, p+".email", "email")
	}
	u.Name = d.optStr(m["name"], p+".name", "name", nameText)
	if r := m["role"]; r != nil {
		u.Role, _ = d.role(r, p+".role", "role")
	}
	return u, true
}

// email decodes an email address, kept as written.
func (d *decoder) email(n *yaml.Node, p, what string) (string, bool) {
	s, ok := d.str(n, p, what)
	if !ok || !d.text(n, p, what, s, emailText) {
		return s, false
	}
	if !d.isEmail(s) {
		d.errorf(deref(n), p, "write a plain address, e.g. alice@acme.com", "%q is not an email address", s)
		return s, false
	}
	return s, true
}

// checkUsers reports users listed twice, emails compared ignoring case.
func (d *decoder) checkUsers(ws *Workspace) {
	first := map[string]Pos{}
	for _, u := range ws.Users {
		if u.Email == "" {
			continue
		}
		k := strings.ToLower(u.Email)
		if p, dup := first[k]; dup {
			d.add(u.Pos, SeverityError, "list each user once; emails are compared case-insensitively", "duplicate user %q (first listed at line %d)", u.Email, p.Line)
			continue
		}
		first[k] = u.Pos
	}
}

// checkMinAdmins checks that the listed users keep at least min_admins admins.
func (d *decoder) checkMinAdmins(ws *Workspace) {
	if ws.Users == nil || d.anyBad("users") || d.bad["settings.min_admins"] {
		return
	}
	admins := 0
	for _, u := range ws.Users {
		if u.Role == RoleAdmin {
			admins++
		}
	}
	need := ws.Settings.MinAdminsOrDefault()
	if admins >= need {
		return
	}
	p := d.keyAt("users")
	if ws.Settings != nil && ws.Settings.MinAdmins != nil {
		p = d.at("settings.min_admins")
	}
	d.add(p, SeverityError, "give more users role: admin, or lower settings.min_admins", "users lists %d admin(s); at least %d are required (min_admins)", admins, need)
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

package schema

import (
	"fmt"
	"math"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// workspace decodes the top-level mapping.
func (d *decoder) workspace(root *yaml.Node) *Workspace {
	ws := &Workspace{File: d.file}
	m, ok := d.mapping(root, "", "the workspace file", topKeys, nil)
	if !ok {
		return ws
	}
	ws.Version = d.version(root, m["version"])
	if n := m["workspace"]; n == nil {
		d.errorf(deref(root), "workspace", "add a name used in messages and audit records, e.g. workspace: acme", "missing workspace name")
	} else {
		ws.Workspace, _ = d.name(n, "workspace", "workspace")
	}
	if n := m["settings"]; n != nil {
		ws.Settings = d.settings(n)
	}
	if n := m["domains"]; n != nil {
		ws.Domains = d.domains(n)
	}
	ws.Users = decodeList(d, m["users"], "users", (*decoder).user)
	ws.Groups = decodeList(d, m["groups"], "groups", (*decoder).group)
	ws.Connections = decodeList(d, m["connections"], "connections", (*decoder).connection)
	ws.Packages = decodeList(d, m["packages"], "packages", (*decoder).pkg)
	if n := m["tags"]; n != nil {
		ws.Tags = d.tags(n)
	}
	if n := m["ignore"]; n != nil {
		ws.Ignore = d.ignore(n)
	}
	if n := m["confirm"]; n != nil {
		ws.Confirm, ws.ConfirmPos = d.confirm(n)
	}
	return ws
}

func (d *decoder) version(root, n *yaml.Node) int {
	if n == nil {
		d.errorf(deref(root), "version", "add \"version: 1\" as the first line", "missing version")
		return 0
	}
	v, ok := d.integer(n, "version", "version", math.MinInt, math.MaxInt)
	if ok && v != 1 {
		d.errorf(deref(n), "version", "this hexform reads version 1; upgrade hexform or write version: 1", "unsupported version %d", v)
	}
	return v
}

// decodeList decodes an optional list section: nil when absent, non-nil
// (possibly empty) when present. Items that fail to decode are left out.
func decodeList[T any](d *decoder, n *yaml.Node, path string, item func(*decoder, *yaml.Node, string) (T, bool)) []T {
	if n == nil {
		return nil
	}
	items, ok := d.seq(n, path, path)
	if !ok {
		return nil
	}
	out := make([]T, 0, len(items))
	for i, it := range items {
		if v, ok := item(d, it, index(path, i)); ok {
			out = append(out, v)
		}
	}
	return out
}

func (d *decoder) settings(n *yaml.Node) *Settings {
	m, ok := d.mapping(n, "settings", "settings", settingsKeys, nil)
	if !ok {
		return &Settings{}
	}
	s := &Settings{
		MinAdmins:      d.optInt(m["min_admins"], "settings.min_admins", "min_admins", 0, math.MaxInt),
		MaxDeleteCount: d.optInt(m["max_delete_count"], "settings.max_delete_count", "max_delete_count", 0, math.MaxInt),
	}
	if r := m["max_delete_ratio"]; r != nil {
		var v float64
		rn := deref(r)
		tag := rn.ShortTag()
		switch {
		case rn.Kind != yaml.ScalarNode || (tag != "!!float" && tag != "!!int") || rn.Decode(&v) != nil:
			d.errorf(rn, "settings.max_delete_ratio", "", "max_delete_ratio must be a number, not %s", describe(rn))
		case !(v > 0 && v <= 1):
			d.errorf(rn, "settings.max_delete_ratio", "e.g. 0.25 allows deleting a quarter of the existing items at once", "max_delete_ratio must be above 0 and at most 1, not %s", rn.Value)
		default:
			s.MaxDeleteRatio = &v
		}
	}
	if n := m["secrets"]; n != nil {
		s.Secrets = d.secretSettings(n)
	}
	return s
}

func (d *decoder) domains(n *yaml.Node) *Domains {
	m, ok := d.mapping(n, "domains", "domains", domainsKeys, []string{"allowed"})
	dom := &Domains{Pos: d.pos(n)}
	if !ok {
		return dom
	}
	if a := m["allowed"]; a != nil {
		var nodes []*yaml.Node
		dom.Allowed, nodes = d.strList(a, "domains.allowed", "allowed")
		seen := map[string]int{}
		for i, s := range dom.Allowed {
			dom.Allowed[i] = strings.ToLower(s)
			if line, dup := seen[dom.Allowed[i]]; dup {
				d.errorf(nodes[i], "domains.allowed", "remove one of them", "allowed domain %q is listed twice (first at line %d)", s, line)
			}
			seen[dom.Allowed[i]] = nodes[i].Line
			d.checkDomain(nodes[i], "domains.allowed", s)
		}
	}
	if r := m["default_role"]; r != nil {
		role, ok := d.role(r, "domains.default_role", "default_role")
		dom.DefaultRole = role
		switch {
		case !ok:
		case role == RoleAdmin:
			d.errorf(deref(r), "domains.default_role", "give admins their role explicitly under users:", "default_role may not be admin: everyone in an allowed domain would be an admin")
		case role.Rank() > RoleViewer.Rank():
			d.warnf(deref(r), "most workspaces use default_role: viewer and list editors under users:", "default_role %s gives everyone in an allowed domain more than viewer access", role)
		}
	}
	return dom
}

// checkDomain checks one allowed domain.
func (d *decoder) checkDomain(n *yaml.Node, p string, s string) {
	bare := strings.TrimPrefix(strings.TrimPrefix(s, "*."), "@")
	switch {
	case bare != s && domainRE.MatchString(bare):
		d.errorf(n, p, fmt.Sprintf("write the bare domain: %s", bare), "%q is not a domain name", s)
	case !domainRE.MatchString(s) || len(s) > maxDomainLen:
		d.errorf(n, p, "e.g. acme.com", "%q is not a domain name", s)
	}
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
		var nodes []*yaml.Node
		mp := p + ".members"
		g.Members, nodes = d.strList(v, mp, "members")
		seen := make(map[string]int, len(g.Members))
		pos := make([]Pos, len(g.Members))
		for i, e := range g.Members {
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
		members = pos
	}
	g.Protect = d.optBool(m["protect"], p+".protect", "protect")
	d.memberPos = append(d.memberPos, members)
	return g, true
}

// previously decodes a list of former names.
func (d *decoder) previously(n *yaml.Node, p string) []string {
	names, nodes := d.strList(n, p, "previously")
	for i, s := range names {
		if strings.TrimSpace(s) == "" {
			d.errorf(nodes[i], p, "", "previously holds an empty name")
		} else {
			d.text(nodes[i], p, "previously name", s, nameText)
		}
	}
	return names
}

func (d *decoder) tags(n *yaml.Node) *Tags {
	t := &Tags{}
	m, ok := d.mapping(n, "tags", "tags", tagsKeys, nil)
	if !ok {
		return t
	}
	t.Statuses = decodeList(d, m["statuses"], "tags.statuses", (*decoder).status)
	t.Categories = decodeList(d, m["categories"], "tags.categories", (*decoder).category)
	return t
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

func (d *decoder) ignore(n *yaml.Node) map[string][]string {
	m, ok := d.mapping(n, "ignore", "ignore", ignoreKinds, nil)
	if !ok {
		return nil
	}
	out := map[string][]string{}
	for _, kind := range sortedKeys(m) {
		p := "ignore." + kind
		pats, nodes := d.strList(m[kind], p, kind)
		globs := 0
		for i, pat := range pats {
			if !d.text(nodes[i], p, "ignore pattern", pat, patternText) {
				continue
			}
			if hasWildcard(pat) {
				if globs++; globs == MaxIgnoreGlobs+1 {
					d.errorf(nodes[i], p, "list the names themselves (a pattern without * ? [ matches only itself), or merge patterns",
						"ignore.%s holds more than %d patterns with wildcards", kind, MaxIgnoreGlobs)
				}
			}
			if _, err := path.Match(pat, ""); err != nil || pat == "" {
				d.errorf(nodes[i], p, "patterns use * ? and [a-z] as in path.Match, e.g. \"scim-*\"", "%q is not a valid glob pattern", pat)
			}
		}
		if pats != nil {
			out[kind] = pats
		}
	}
	return out
}

func (d *decoder) confirm(n *yaml.Node) ([]string, []Pos) {
	items, ok := d.seq(n, "confirm", "confirm")
	if !ok {
		return nil, nil
	}
	ids, pos := make([]string, 0, len(items)), make([]Pos, 0, len(items))
	first := map[string]int{}
	for i, it := range items {
		p := index("confirm", i)
		s, ok := d.str(it, p, "confirm entry")
		if !ok || !d.text(it, p, "confirm entry", s, confirmText) {
			continue
		}
		if !confirmRE.MatchString(s) {
			d.badConfirm(deref(it), p, s)
			continue
		}
		if line, dup := first[s]; dup {
			d.warnf(deref(it), "remove the repeated line", "confirm entry %q is listed twice (first at line %d)", s, line)
		}
		first[s] = deref(it).Line
		ids, pos = append(ids, s), append(pos, d.pos(it))
	}
	return ids, pos
}

// Words of a change id, as in confirmPattern.
var (
	changeVerbs = []string{"create", "update", "rename", "delete", "deactivate"}
	changeKinds = []string{"user", "setting", "domain", "group", "connection", "package", "status", "category"}
)

// badConfirm reports a confirm entry that is not a change id. When only its
// verb or kind is misspelt, it says which and offers the corrected id.
func (d *decoder) badConfirm(n *yaml.Node, p, s string) {
	verb, rest, _ := strings.Cut(s, " ")
	kind, name, ok := strings.Cut(rest, "/")
	if ok && name != "" {
		if !slices.Contains(changeVerbs, verb) && slices.Contains(changeKinds, kind) {
			if v := closest(verb, changeVerbs); v != "" {
				d.errorf(n, p, fmt.Sprintf("did you mean %q?", v+" "+rest), "confirm entry %q has an unknown action %q", s, verb)
				return
			}
		}
		if slices.Contains(changeVerbs, verb) && !slices.Contains(changeKinds, kind) {
			hint := "the kinds are " + strings.Join(changeKinds, ", ")
			if k := closest(kind, changeKinds); k != "" {
				hint = fmt.Sprintf("did you mean %q?", verb+" "+k+"/"+name)
			}
			d.errorf(n, p, hint, "confirm entry %q has an unknown kind %q", s, kind)
			return
		}
	}
	d.errorf(n, p, "write a change id as the plan prints it, e.g. \"delete connection/Legacy Redshift\"", "confirm entry %q is not of the form \"<verb> <kind>/<name>\"", s)
}

package schema

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Domains is the admin panel's "Allowed domains & user settings".
type Domains struct {
	Allowed     []string `yaml:"allowed" json:"allowed"` // lower-case domain names
	DefaultRole Role     `yaml:"default_role,omitempty" json:"default_role,omitempty"`
	Pos         Pos      `yaml:"-" json:"-"`
}

var domainsKeys = keysOf[Domains]()

var domainSection = &Section{
	Kind: "domain", Plural: "domains", Path: "domains", Ignorable: true, FoldCase: true,
	decode: func(d *decoder, _ *Section, ws *Workspace, n *yaml.Node) { ws.Domains = d.domains(n) },
	node: func(ws *Workspace) (*yaml.Node, error) {
		if ws.Domains == nil {
			return nil, nil
		}
		return domainsNode(ws.Domains), nil
	},
	shape: &shape{keys: domainsKeys, fields: map[string]*shape{
		"allowed": {scalars: true},
	}},
	schema: func(defs obj) obj {
		defs["domains"] = domainsDef()
		return refDoc("domains", "Allowed email domains and the default role of their users. Absent: unmanaged.")
	},
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

// inDomains reports whether email is in one of the domains.
func inDomains(email string, domains map[string]bool) bool {
	at := strings.LastIndexByte(email, '@')
	return at >= 0 && domains[email[at+1:]]
}

func domainsNode(d *Domains) *yaml.Node {
	m := yamlMap()
	put(m, "allowed", strSeq(sortedCopy(d.Allowed), true))
	if d.DefaultRole != "" {
		put(m, "default_role", strNode(string(d.DefaultRole)))
	}
	return m
}

func domainsDef() obj {
	roles := roleNames()
	return object("Allowed domains and the default role of their users.", obj{
		"allowed": described(obj{"type": "array", "uniqueItems": true,
			"items": withError(obj{"type": "string", "pattern": domainPattern, "maxLength": maxDomainLen}, "a domain name is needed here, e.g. acme.com")},
			"Email domains whose users may join the workspace, e.g. `acme.com`."),
		"default_role": described(roleSchema(slices.DeleteFunc(slices.Clone(roles), func(r string) bool { return r == string(RoleAdmin) }), defaultRoleMsg),
			"The role an unlisted user of an allowed domain is expected to hold; never `admin`."),
	}, "allowed")
}

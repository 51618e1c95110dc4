package schema

import (
	"fmt"
	"path"
	"strings"
	_ "time/tzdata" // timezone checks give the same answer on every machine

	"golang.org/x/text/unicode/norm"
)

// check runs the checks that span items, after decoding.
func (d *decoder) check(ws *Workspace) {
	d.checkUsers(ws)
	d.checkNames("group", "groups", namesOf(ws.Groups, func(g Group) named { return named{g.Name, g.Previously, g.Pos} }))
	d.checkNames("connection", "connections", namesOf(ws.Connections, func(c Connection) named { return named{c.Name, c.Previously, c.Pos} }))
	d.checkNames("package", "packages", namesOf(ws.Packages, func(p Package) named { return named{p.Name, p.Previously, p.Pos} }))
	if ws.Tags != nil {
		d.checkNames("status", "tags.statuses", namesOf(ws.Tags.Statuses, func(s Status) named { return named{s.Name, s.Previously, s.Pos} }))
		d.checkNames("category", "tags.categories", namesOf(ws.Tags.Categories, func(c Category) named { return named{c.Name, c.Previously, c.Pos} }))
	}
	d.checkMembers(ws)
	d.checkIgnored(ws)
	d.checkSharing(ws)
	d.checkMinAdmins(ws)
	d.checkSecrets(ws)
}

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

// named is what checkNames needs from an item.
type named struct {
	name       string
	previously []string
	pos        Pos
}

func namesOf[T any](items []T, f func(T) named) []named {
	out := make([]named, len(items))
	for i, it := range items {
		out[i] = f(it)
	}
	return out
}

// checkNames reports duplicate names and previously-names that collide with
// a current name or are claimed by two items.
func (d *decoder) checkNames(kind, section string, items []named) {
	current, folded := map[string]Pos{}, map[string]named{}
	for _, it := range items {
		if it.name == "" {
			continue
		}
		if p, dup := current[it.name]; dup {
			d.add(it.pos, SeverityError, "names identify items: give each a distinct name", "duplicate %s %q (first at line %d)", kind, it.name, p.Line)
			continue
		}
		current[it.name] = it.pos
		key := strings.ToLower(norm.NFC.String(it.name))
		f, dup := folded[key]
		switch {
		case dup && norm.NFC.String(f.name) == norm.NFC.String(it.name):
			d.add(it.pos, SeverityError, "they look the same but are different strings: write both in the composed form (NFC) and merge them, or rename one",
				"%s %s is %s %s (line %d) in another Unicode form", kind, quote(it.name), kind, quote(f.name), f.pos.Line)
			continue
		case dup:
			d.add(it.pos, SeverityWarning, "they would be two items that look alike in Hex: merge them, or give them distinct names",
				"%s %q differs from %s %q (line %d) only in case", kind, it.name, kind, f.name, f.pos.Line)
			continue
		}
		folded[key] = it
	}
	claimed := map[string]Pos{}
	for _, it := range items {
		for _, old := range it.previously {
			switch p, isCurrent := current[old]; {
			case isCurrent && old == it.name:
				d.add(it.pos, SeverityError, "remove it from previously", "%s %q lists its own name under previously", kind, old)
			case isCurrent:
				d.add(it.pos, SeverityError, "a previous name must not be in use: remove it from previously, or rename the other item", "previously name %q of %s %q is the name of another %s (line %d)", old, kind, it.name, kind, p.Line)
			default:
				if p, dup := claimed[old]; dup {
					d.add(it.pos, SeverityError, "only one item can have been renamed from it", "previously name %q is claimed by two %s (first at line %d)", old, section, p.Line)
				}
				claimed[old] = it.pos
			}
		}
	}
}

// checkMembers checks that every group member will be a workspace user: a
// listed user or someone in an allowed domain. When users: or domains: is
// unmanaged the workspace may already hold the user, so it is a warning.
func (d *decoder) checkMembers(ws *Workspace) {
	listed := map[string]bool{}
	for _, u := range ws.Users {
		listed[strings.ToLower(u.Email)] = true
	}
	allowed := map[string]bool{}
	if ws.Domains != nil {
		for _, dom := range ws.Domains.Allowed {
			allowed[dom] = true
		}
	}
	certain := ws.Users != nil && ws.Domains != nil
	for gi, g := range ws.Groups {
		for mi, m := range g.Members {
			lm := strings.ToLower(m)
			if listed[lm] || inDomains(lm, allowed) {
				continue
			}
			var p Pos
			if gi < len(d.memberPos) && mi < len(d.memberPos[gi]) {
				p = d.memberPos[gi][mi]
			}
			if p.Line == 0 {
				continue // not an email: already reported
			}
			if certain {
				d.add(p, SeverityError, "add the user under users:, or their domain under domains.allowed", "member %q of group %q is neither a listed user nor in an allowed domain", m, g.Name)
			} else {
				d.add(p, SeverityWarning, "the plan checks the workspace; list the user under users: to be sure", "member %q of group %q is not a listed user or in a listed domain", m, g.Name)
			}
		}
	}
}

// checkIgnored warns about items the file lists that an ignore pattern of
// their kind matches: hexform leaves those alone, so what the file says
// about them is never applied.
func (d *decoder) checkIgnored(ws *Workspace) {
	if len(ws.Ignore) == 0 {
		return
	}
	matchers := map[string]*IgnoreMatcher{}
	warn := func(section, kind, name string, p Pos) {
		m := matchers[section]
		if m == nil {
			m = NewIgnoreMatcher(section, ws.Ignore[section])
			matchers[section] = m
		}
		if pat, ok := m.Match(name); ok {
			d.add(p, SeverityWarning, fmt.Sprintf("remove it from %s:, or narrow the pattern so hexform manages it", section),
				"%s %q matches ignore.%s pattern %q: hexform leaves it alone, so this entry has no effect", kind, name, section, pat)
		}
	}
	for _, u := range ws.Users {
		warn("users", "user", u.Email, u.Pos)
	}
	for _, g := range ws.Groups {
		warn("groups", "group", g.Name, g.Pos)
	}
	for _, c := range ws.Connections {
		warn("connections", "connection", c.Name, c.Pos)
	}
	for _, p := range ws.Packages {
		warn("packages", "package", p.Name, p.Pos)
	}
	if ws.Tags != nil {
		for _, st := range ws.Tags.Statuses {
			warn("statuses", "status", st.Name, st.Pos)
		}
		for _, c := range ws.Tags.Categories {
			warn("categories", "category", c.Name, c.Pos)
		}
	}
}

// IgnoreMatcher matches names against one section's ignore: patterns, the
// one rule validate and the diff share. Patterns are path.Match globs; users
// and domains match case-insensitively. Patterns without wildcards are
// looked up in a map and the others (at most MaxIgnoreGlobs) tried in turn,
// so a long list of names costs no more than a short one.
type IgnoreMatcher struct {
	fold    bool              // compare case-insensitively (emails, domains)
	literal map[string]string // name (folded) -> the pattern naming it
	globs   []string
}

// NewIgnoreMatcher compiles the patterns of an ignore: section ("users",
// "groups", "domains", "connections", "packages", "statuses", "categories").
func NewIgnoreMatcher(section string, patterns []string) *IgnoreMatcher {
	fold := section == "users" || section == "domains"
	m := &IgnoreMatcher{fold: fold, literal: map[string]string{}}
	for _, pat := range patterns {
		key := pat
		if fold {
			key = strings.ToLower(pat)
		}
		switch _, err := path.Match(pat, ""); {
		case err != nil:
		case !hasWildcard(pat):
			if _, dup := m.literal[key]; !dup {
				m.literal[key] = pat
			}
		case len(m.globs) < MaxIgnoreGlobs: // more are an error already
			m.globs = append(m.globs, pat)
		}
	}
	return m
}

// Match returns a pattern matching name, if one does.
func (m *IgnoreMatcher) Match(name string) (string, bool) {
	if m == nil {
		return "", false
	}
	subject := name
	if m.fold {
		subject = strings.ToLower(name)
	}
	if pat, ok := m.literal[subject]; ok {
		return pat, true
	}
	for _, pat := range m.globs {
		pattern := pat
		if m.fold {
			pattern = strings.ToLower(pat)
		}
		if ok, err := path.Match(pattern, subject); err == nil && ok {
			return pat, true
		}
	}
	return "", false
}

// hasWildcard reports whether a path.Match pattern is more than a literal name.
func hasWildcard(pat string) bool { return strings.ContainsAny(pat, `*?[\`) }

func inDomains(email string, domains map[string]bool) bool {
	at := strings.LastIndexByte(email, '@')
	return at >= 0 && domains[email[at+1:]]
}

// checkSharing checks that connections are shared with declared groups.
func (d *decoder) checkSharing(ws *Workspace) {
	names, renamed := map[string]bool{}, map[string]string{}
	var list []string
	for _, g := range ws.Groups {
		names[g.Name] = true
		list = append(list, g.Name)
		for _, old := range g.Previously {
			renamed[old] = g.Name
		}
	}
	for ci, c := range ws.Connections {
		if c.Sharing == nil {
			continue
		}
		for _, g := range sortedKeys(c.Sharing.Groups) {
			p := d.keyAt(fmt.Sprintf("connections[%d].sharing.groups.%s", ci, g))
			switch {
			case names[g]:
			case ws.Groups == nil:
				d.add(p, SeverityWarning, "groups: is unmanaged, so the plan checks that the group exists", "connection %q is shared with group %q, which is not declared", c.Name, g)
			case renamed[g] != "":
				d.add(p, SeverityError, fmt.Sprintf("the group is now called %q", renamed[g]), "connection %q is shared with group %q, which was renamed", c.Name, g)
			default:
				hint := d.suggest(g, list)
				if hint == "" {
					hint = "declare the group under groups:, or fix the name"
				}
				d.add(p, SeverityError, hint, "connection %q is shared with undeclared group %q", c.Name, g)
			}
		}
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

// anyBad reports whether any path under prefix failed to decode.
func (d *decoder) anyBad(prefix string) bool {
	for p := range d.bad {
		if p == prefix || strings.HasPrefix(p, prefix+".") || strings.HasPrefix(p, prefix+"[") {
			return true
		}
	}
	return false
}

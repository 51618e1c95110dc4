package schema

import (
	"fmt"
	"path"
	"strings"
	_ "time/tzdata" // timezone checks give the same answer on every machine

	"golang.org/x/text/unicode/norm"
)

// check runs the checks that span items, after decoding: each section's
// own, then those across sections, then the ignore: warnings.
func (d *decoder) check(ws *Workspace) {
	d.checkSections(ws)
	d.checkIgnored(ws)
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
	for _, s := range sections {
		if !s.Ignorable || s.items == nil {
			continue
		}
		for _, it := range s.items(ws) {
			warn(s.Plural, s.Kind, it.name, it.pos)
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

// NewIgnoreMatcher compiles the patterns of an ignore: section, named by
// its Section's Plural ("users", "groups", "statuses", ...).
func NewIgnoreMatcher(section string, patterns []string) *IgnoreMatcher {
	fold := false
	if s := sectionByPlural(section); s != nil {
		fold = s.FoldCase
	}
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

// anyBad reports whether any path under prefix failed to decode.
func (d *decoder) anyBad(prefix string) bool {
	for p := range d.bad {
		if p == prefix || strings.HasPrefix(p, prefix+".") || strings.HasPrefix(p, prefix+"[") {
			return true
		}
	}
	return false
}

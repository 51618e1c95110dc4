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
	d.decodeSections(ws, m)
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

// changeVerbs are the verbs of a change id; its kinds are changeKinds.
var changeVerbs = []string{"create", "update", "rename", "delete", "deactivate"}

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

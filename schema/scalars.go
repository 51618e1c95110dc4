package schema

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// str decodes a string. Unquoted values YAML reads as numbers, booleans or
// dates are refused with a hint to quote them.
func (d *decoder) str(n *yaml.Node, path, what string) (string, bool) {
	n = deref(n)
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" {
		return n.Value, true
	}
	hint := ""
	if n.Kind == yaml.ScalarNode && n.ShortTag() != "!!null" {
		hint = fmt.Sprintf("put it in quotes: %q", n.Value)
	}
	d.errorf(n, path, hint, "%s must be a string, not %s", what, describe(n))
	return "", false
}

// name decodes a non-empty string without surrounding spaces.
func (d *decoder) name(n *yaml.Node, path, what string) (string, bool) {
	s, ok := d.str(n, path, what)
	switch {
	case !ok:
		return "", false
	case s == "":
		d.errorf(deref(n), path, "", "%s is empty", what)
		return "", false
	case !d.text(n, path, what, s, nameText):
		return s, false
	case strings.TrimSpace(s) != s:
		d.errorf(deref(n), path, "remove the spaces", "%s %q has leading or trailing spaces", what, s)
		return s, false
	}
	return s, true
}

// optStr decodes an optional string of kind k into a pointer.
func (d *decoder) optStr(n *yaml.Node, path, what string, k textKind) *string {
	if n == nil {
		return nil
	}
	if s, ok := d.str(n, path, what); ok && d.text(n, path, what, s, k) {
		return &s
	}
	return nil
}

// digitsOnly matches an integer too large for YAML's int, which it reads as a float.
var digitsOnly = regexp.MustCompile(`^[-+]?[0-9][0-9_]*$`)

// integer decodes an int within [lo, hi].
func (d *decoder) integer(n *yaml.Node, path, what string, lo, hi int) (int, bool) {
	n = deref(n)
	var v int
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
		if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!float" && digitsOnly.MatchString(n.Value) {
			d.errorf(n, path, "", "%s is far too large (%d to %d)", what, lo, hi)
			return 0, false
		}
		d.errorf(n, path, "", "%s must be a whole number, not %s", what, describe(n))
		return 0, false
	}
	if n.Decode(&v) != nil {
		d.errorf(n, path, "", "%s is far too large (%d to %d)", what, lo, hi)
		return 0, false
	}
	if v < lo || v > hi {
		d.errorf(n, path, "", "%s must be %s, not %d", what, rangeText(lo, hi), v)
		return v, false
	}
	return v, true
}

func rangeText(lo, hi int) string {
	if hi == math.MaxInt {
		return fmt.Sprintf("%d or more", lo)
	}
	return fmt.Sprintf("between %d and %d", lo, hi)
}

// optInt decodes an optional int within [lo, hi] into a pointer.
func (d *decoder) optInt(n *yaml.Node, path, what string, lo, hi int) *int {
	if n == nil {
		return nil
	}
	if v, ok := d.integer(n, path, what, lo, hi); ok {
		return &v
	}
	return nil
}

// boolean decodes true or false.
func (d *decoder) boolean(n *yaml.Node, path, what string) (bool, bool) {
	n = deref(n)
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
		v, err := strconv.ParseBool(strings.ToLower(n.Value))
		if err == nil {
			return v, true
		}
	}
	d.errorf(n, path, "write true or false", "%s must be true or false, not %s", what, describe(n))
	return false, false
}

// optBool decodes an optional boolean into a pointer.
func (d *decoder) optBool(n *yaml.Node, path, what string) *bool {
	if n == nil {
		return nil
	}
	if v, ok := d.boolean(n, path, what); ok {
		return &v
	}
	return nil
}

// seq checks that n is a list and returns its items. An empty value (null)
// is refused with a hint, since "absent" and "empty" mean different things.
func (d *decoder) seq(n *yaml.Node, path, what string) ([]*yaml.Node, bool) {
	if positioned(path) {
		d.vals[path] = d.pos(n)
	}
	n = deref(n)
	if n.Kind == yaml.SequenceNode {
		return n.Content, true
	}
	hint := ""
	if n.ShortTag() == "!!null" {
		hint = fmt.Sprintf("write %s: [] for an empty list, or remove the key", what)
	}
	d.errorf(n, path, hint, "%s must be a list, not %s", what, describe(n))
	return nil, false
}

// strList decodes a list of strings; an empty list gives an empty, non-nil
// slice. The second result holds each decoded string's node (items that are
// not strings are reported and left out).
func (d *decoder) strList(n *yaml.Node, path, what string) ([]string, []*yaml.Node) {
	if n == nil {
		return nil, nil
	}
	items, ok := d.seq(n, path, what)
	if !ok {
		return nil, nil
	}
	out, nodes := make([]string, 0, len(items)), make([]*yaml.Node, 0, len(items))
	for i, item := range items {
		if v := deref(item); v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" {
			out, nodes = append(out, v.Value), append(nodes, v) // what str does, without its path
		} else if s, ok := d.str(item, index(path, i), what+" item"); ok {
			out, nodes = append(out, s), append(nodes, deref(item))
		}
	}
	return out, nodes
}

// enum decodes a string that must be one of allowed.
func (d *decoder) enum(n *yaml.Node, path, what string, allowed []string) (string, bool) {
	s, ok := d.str(n, path, what)
	if !ok {
		return "", false
	}
	if contains(allowed, s) {
		return s, true
	}
	hint := d.suggest(s, allowed)
	if hint == "" {
		hint = "use one of: " + strings.Join(allowed, ", ")
	}
	d.errorf(deref(n), path, hint, "%s %q is not one of %s", what, s, strings.Join(allowed, "|"))
	return "", false
}

// role decodes a role name, accepting aliases and any case.
func (d *decoder) role(n *yaml.Node, path, what string) (Role, bool) {
	s, ok := d.str(n, path, what)
	if !ok {
		return "", false
	}
	if r, ok := NormalizeRole(s); ok {
		return r, true
	}
	hint := d.suggest(s, acceptedRoles)
	if hint == "" {
		hint = "use one of: " + strings.Join(acceptedRoles[:len(Roles)], ", ")
	}
	d.errorf(deref(n), path, hint, "unknown role %q", s)
	return "", false
}

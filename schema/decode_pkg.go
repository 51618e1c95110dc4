package schema

import (
	"gopkg.in/yaml.v3"
)

func (d *decoder) pkg(n *yaml.Node, p string) (Package, bool) {
	pk := Package{Pos: d.pos(n)}
	m, ok := d.mapping(n, p, "package", packageKeys, []string{"name", "repository", "ref"})
	if !ok {
		return pk, false
	}
	if v := m["name"]; v != nil {
		pk.Name, _ = d.name(v, p+".name", "package name")
	}
	pk.Previously = d.previously(m["previously"], p+".previously")
	if v := m["repository"]; v != nil {
		if s, ok := d.str(v, p+".repository", "repository"); ok {
			pk.Repository = s
			if !repositoryRE.MatchString(s) {
				d.errorf(deref(v), p+".repository", "write the GitHub repository as owner/name, e.g. acme/analytics-utils", "repository %q is not of the form owner/name", s)
			}
		}
	}
	if v := m["ref"]; v != nil {
		pk.Ref = d.ref(v, p+".ref")
	}
	pk.Install, _ = d.strList(m["install"], p+".install", "install")
	pk.Protect = d.optBool(m["protect"], p+".protect", "protect")
	return pk, true
}

// ref decodes a package ref: exactly one of branch, tag, commit.
func (d *decoder) ref(n *yaml.Node, p string) Ref {
	var r Ref
	m, ok := d.mapping(n, p, "ref", refKeys, nil)
	if !ok {
		return r
	}
	if len(m) != 1 {
		d.errorf(deref(n), p, "e.g. ref: {tag: v1.4.2}", "ref must name exactly one of branch, tag, commit, not %d", len(m))
	}
	if v := m["branch"]; v != nil {
		if s, ok := d.name(v, p+".branch", "branch"); ok {
			r.Branch = s
			d.warnf(deref(v), "pin a tag or a commit so every project gets the same code until you change it", "package follows branch %q, which can change under you", s)
		}
	}
	if v := m["tag"]; v != nil {
		r.Tag, _ = d.name(v, p+".tag", "tag")
	}
	if v := m["commit"]; v != nil {
		if s, ok := d.str(v, p+".commit", "commit"); ok {
			r.Commit = s
			if !commitRE.MatchString(s) {
				d.errorf(deref(v), p+".commit", "use the full 40-character SHA, e.g. from git rev-parse HEAD", "commit %q is not 40 hex characters", s)
			}
		}
	}
	return r
}

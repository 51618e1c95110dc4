package schema

import (
	"gopkg.in/yaml.v3"
)

// Package is a GitHub package installed in the workspace.
type Package struct {
	Name       string   `yaml:"name" json:"name"`
	Previously []string `yaml:"previously,omitempty" json:"previously,omitempty"`
	Repository string   `yaml:"repository" json:"repository"` // owner/name
	Ref        Ref      `yaml:"ref" json:"ref"`
	Install    []string `yaml:"install,omitempty" json:"install,omitempty"` // nil = unmanaged
	Protect    *bool    `yaml:"protect,omitempty" json:"protect,omitempty"`
	Pos        Pos      `yaml:"-" json:"-"`
}

// Ref pins a package: exactly one field is set.
type Ref struct {
	Branch string `yaml:"branch,omitempty" json:"branch,omitempty"`
	Tag    string `yaml:"tag,omitempty" json:"tag,omitempty"`
	Commit string `yaml:"commit,omitempty" json:"commit,omitempty"`
}

// String renders the ref as "tag:v1.2.0", "branch:main" or "commit:<sha>".
func (r Ref) String() string {
	switch {
	case r.Tag != "":
		return "tag:" + r.Tag
	case r.Commit != "":
		return "commit:" + r.Commit
	case r.Branch != "":
		return "branch:" + r.Branch
	}
	return ""
}

var (
	packageKeys = keysOf[Package]()
	refKeys     = keysOf[Ref]()
)

var packageSection = &Section{
	Kind: "package", Plural: "packages", Path: "packages", Ignorable: true,
	decode: func(d *decoder, s *Section, ws *Workspace, n *yaml.Node) {
		ws.Packages = decodeList(d, n, s.Path, (*decoder).pkg)
	},
	check: uniqueNames,
	items: func(ws *Workspace) []named {
		return namesOf(ws.Packages, func(p Package) named { return named{p.Name, p.Previously, p.Pos} })
	},
	node: func(ws *Workspace) (*yaml.Node, error) {
		if ws.Packages == nil {
			return nil, nil
		}
		return listNode(ws.Packages, func(p Package) string { return p.Name }, packageNode), nil
	},
	shape: namedShape(packageKeys, map[string]*shape{
		"ref": {keys: refKeys},
	}),
	schema: func(defs obj) obj {
		defs["package"] = packageDef()
		return arrayOf(ref("package"), "GitHub packages. Absent: unmanaged.")
	},
}

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

func packageNode(p Package) *yaml.Node {
	m := yamlMap()
	put(m, "name", strNode(p.Name))
	putPreviously(m, p.Previously)
	put(m, "repository", strNode(p.Repository))
	r := flowMap()
	for _, kv := range [][2]string{{"branch", p.Ref.Branch}, {"tag", p.Ref.Tag}, {"commit", p.Ref.Commit}} {
		if kv[1] != "" {
			put(r, kv[0], strNode(kv[1]))
		}
	}
	put(m, "ref", r)
	if p.Install != nil {
		put(m, "install", strSeq(p.Install, false))
	}
	putProtect(m, p.Protect)
	return m
}

func packageDef() obj {
	const refMsg = "ref takes exactly one of branch, tag or commit, e.g. {tag: v1.2.0}"
	return object("", obj{
		"name": refDoc("name", "The package's name in Hex."), "previously": refDoc("names", "Former names: a rename, not a delete and a create."),
		"repository": withError(described(obj{"type": "string", "pattern": repositoryPattern}, "`owner/name` on GitHub."),
			"repository is owner/name on GitHub, e.g. acme/hex-utils"),
		"ref": described(exactlyOneOf(obj{
			"branch": refDoc("name", "Follow this branch; it can change under you (a warning)."),
			"tag":    refDoc("name", "Pin this tag."),
			"commit": withError(described(obj{"type": "string", "pattern": commitPattern}, "Pin this commit: its full id, 40 hexadecimal characters."),
				"a commit is its full id: 40 hexadecimal characters"),
		}, refMsg), "Exactly one of `branch`, `tag`, `commit`. Prefer a tag or a commit."),
		"install": arrayOf(obj{"type": "string"}, "Install commands. Absent: unmanaged."),
		"protect": protectDoc("package"),
	}, "name", "repository", "ref")
}

package schema

import (
	"path"
	"regexp"

	"gopkg.in/yaml.v3"
)

// envPatternRE is what a settings.secrets.env pattern may hold: the
// characters of variable names and of path.Match's wildcards.
var envPatternRE = regexp.MustCompile(`^[A-Za-z0-9_*?\[\]^!-]+$`)

// secretUse is one secret reference as written, with the position of its
// env or file value.
type secretUse struct {
	ref SecretRef
	pos Pos
}

// secretSettings decodes settings.secrets.
func (d *decoder) secretSettings(n *yaml.Node) *SecretSettings {
	m, ok := d.mapping(n, "settings.secrets", "settings.secrets", secretSettingsKeys, nil)
	s := &SecretSettings{}
	if !ok {
		return s
	}
	if v := m["env"]; v != nil {
		var nodes []*yaml.Node
		s.Env, nodes = d.strList(v, "settings.secrets.env", "env")
		for i, p := range s.Env {
			if _, err := path.Match(p, ""); err != nil || p == "" || !envPatternRE.MatchString(p) {
				d.errorf(nodes[i], "settings.secrets.env", "a pattern is a variable name with * ? or [A-Z], e.g. \"PG_*\"", "%q is not a pattern of environment variable names", p)
			}
		}
	}
	if v := m["files"]; v != nil {
		var nodes []*yaml.Node
		s.Files, nodes = d.strList(v, "settings.secrets.files", "files")
		for i, f := range s.Files {
			if f == "" {
				d.errorf(nodes[i], "settings.secrets.files", "e.g. files: [\"secrets/\"]", "settings.secrets.files holds an empty path")
			} else if r := refuseFileLocation(f); r != nil {
				d.errorf(nodes[i], "settings.secrets.files", r.Hint, "%q cannot hold secret files: %s", f, r.Reason)
			}
		}
	}
	return s
}

// checkSecrets reports every secret reference the hard rules or
// settings.secrets refuse, at the position of its env or file value. The
// resolver applies the same rules when it reads the value.
func (d *decoder) checkSecrets(ws *Workspace) {
	var s *SecretSettings
	if ws.Settings != nil {
		s = ws.Settings.Secrets
	}
	for _, u := range d.secretUses {
		var r *SecretRefusal
		if u.ref.Env != "" {
			r = RefuseSecretEnv(u.ref.Env, s)
		} else {
			r = RefuseSecretFile(u.ref.File, s)
		}
		if r != nil {
			d.add(u.pos, SeverityError, r.Hint, "secret %s is refused: %s", u.ref, r.Reason)
		}
	}
}

// secretSettingsNode marshals settings.secrets, lists as written.
func secretSettingsNode(s *SecretSettings) *yaml.Node {
	m := yamlMap()
	if s.Env != nil {
		put(m, "env", strSeq(s.Env, true))
	}
	if s.Files != nil {
		put(m, "files", strSeq(s.Files, true))
	}
	return m
}

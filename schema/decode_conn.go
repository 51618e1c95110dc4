package schema

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// envName suggests an environment variable name for a connection's secret.
func envName(conn, field string) string {
	s := strings.ToUpper(conn + "_" + field)
	s = strings.Map(func(r rune) rune {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			return r
		}
		return '_'
	}, s)
	if s == "" || (s[0] >= '0' && s[0] <= '9') {
		s = "X" + s
	}
	return s
}

func secretHint(conn, field string) string {
	return fmt.Sprintf("give a reference and set it where hexform runs:\nsecrets:\n  %s: {env: %s}", field, envName(conn, field))
}

// config decodes a connection's config for its type.
func (d *decoder) config(n *yaml.Node, p, typ string, typeOK bool, conn string) map[string]any {
	var known []string
	if typeOK {
		known = fieldNames(typ, false)
	}
	m, ok := d.mapping(n, p, "config", nil, nil)
	if !ok {
		return nil
	}
	out := map[string]any{}
	for _, k := range sortedKeys(m) {
		kp := join(p, k)
		f, found := findField(typ, k)
		switch {
		case !typeOK:
		case found && f.Secret:
			d.add(d.keyAt(kp), SeverityError, secretHint(conn, k), "%s is a secret of %s connections and may not be written in config", k, typ)
			continue
		case !found:
			hint := d.suggest(k, known)
			if c := closest(k, fieldNames(typ, true)); c != "" && !d.full() {
				hint = fmt.Sprintf("did you mean %q? it is a secret:\n%s", c, secretHint(conn, c))
			}
			if hint == "" {
				hint = fmt.Sprintf("%s connections take: %s", typ, strings.Join(known, ", "))
			}
			d.add(d.keyAt(kp), SeverityError, hint, "unknown config key %q for a %s connection", k, typ)
			continue
		}
		if v, ok := d.configValue(m[k], kp, k, f, typeOK); ok {
			out[k] = v
		}
	}
	if typeOK {
		for _, f := range connectionFields[typ] {
			if f.Required && !f.Secret && m[f.Name] == nil {
				d.errorf(deref(n), join(p, f.Name), "", "config of a %s connection is missing %q", typ, f.Name)
			}
		}
	}
	return out
}

// configValue decodes one config value of the field's kind (any scalar or
// list when the type is unknown).
func (d *decoder) configValue(n *yaml.Node, p, key string, f ConnectionField, typeOK bool) (any, bool) {
	if !typeOK {
		return nil, false
	}
	switch f.Kind {
	case FieldInt:
		if key == "port" {
			return d.integer(n, p, key, 1, 65535)
		}
		return d.integer(n, p, key, 0, int(^uint32(0)>>1))
	case FieldBool:
		return d.boolean(n, p, key)
	case FieldList:
		return d.sessionProperties(n, p)
	}
	s, ok := d.str(n, p, key)
	if ok && s == "" {
		d.errorf(deref(n), p, "", "%s is empty", key)
		return nil, false
	}
	if ok && !d.text(n, p, key, s, valueText) {
		return nil, false
	}
	return s, ok
}

// sessionProperties decodes trino's list of {key, value}.
func (d *decoder) sessionProperties(n *yaml.Node, p string) (any, bool) {
	items, ok := d.seq(n, p, "session_properties")
	if !ok {
		return nil, false
	}
	out := make([]any, 0, len(items))
	for i, it := range items {
		ip := index(p, i)
		m, ok := d.mapping(it, ip, "session property", []string{"key", "value"}, []string{"key", "value"})
		if !ok || m["key"] == nil || m["value"] == nil {
			continue
		}
		k, ok1 := d.str(m["key"], ip+".key", "key")
		v, ok2 := d.str(m["value"], ip+".value", "value")
		ok1 = ok1 && d.text(m["key"], ip+".key", "session property key", k, valueText)
		ok2 = ok2 && d.text(m["value"], ip+".value", "session property value", v, valueText)
		if ok1 && ok2 {
			out = append(out, map[string]any{"key": k, "value": v})
		}
	}
	return out, true
}

// secrets decodes secret references.
func (d *decoder) secrets(n *yaml.Node, p, typ string, typeOK bool, conn string) map[string]SecretRef {
	m, ok := d.mapping(n, p, "secrets", nil, nil)
	if !ok {
		return nil
	}
	known := fieldNames(typ, true)
	out := map[string]SecretRef{}
	for _, k := range sortedKeys(m) {
		kp := join(p, k)
		if typeOK {
			if f, found := findField(typ, k); found && !f.Secret {
				d.add(d.keyAt(kp), SeverityError, "move it under config: with the other settings", "%s is not a secret of %s connections", k, typ)
				continue
			} else if !found {
				hint := d.suggest(k, known)
				if hint == "" {
					hint = fmt.Sprintf("%s connections take the secrets: %s", typ, strings.Join(known, ", "))
				}
				d.add(d.keyAt(kp), SeverityError, hint, "unknown secret %q for a %s connection", k, typ)
				continue
			}
		}
		if ref, ok := d.secretRef(m[k], kp, k, conn); ok {
			out[k] = ref
		}
	}
	return out
}

// secretRef decodes {env: NAME} or {file: PATH}. It never prints the value.
func (d *decoder) secretRef(n *yaml.Node, p, field, conn string) (SecretRef, bool) {
	if v := deref(n); v.Kind == yaml.ScalarNode {
		d.errorf(v, p, secretHint(conn, field), "secret %s is written as a literal value; secrets are references, never values", field)
		return SecretRef{}, false
	}
	m, ok := d.mapping(n, p, "secret "+field, secretRefKeys, nil)
	if !ok {
		return SecretRef{}, false
	}
	if len(m) != 1 {
		d.errorf(deref(n), p, secretHint(conn, field), "secret %s must give exactly one of env, file", field)
		return SecretRef{}, false
	}
	var r SecretRef
	if v := m["env"]; v != nil {
		s, ok := d.str(v, p+".env", "env")
		if ok && !envRE.MatchString(s) {
			d.errorf(deref(v), p+".env", "e.g. "+envName(conn, field), "env of secret %s is not an environment variable name", field)
			return r, false
		}
		r.Env = s
		d.secretUses = append(d.secretUses, secretUse{r, d.pos(deref(v))})
		return r, ok
	}
	s, ok := d.str(m["file"], p+".file", "file")
	if ok && s == "" {
		d.errorf(deref(m["file"]), p+".file", "", "file of secret %s is empty", field)
		return r, false
	}
	if ok && !d.text(m["file"], p+".file", "file of secret "+field, s, valueText) {
		return r, false
	}
	r.File = s
	if ok {
		d.secretUses = append(d.secretUses, secretUse{r, d.pos(deref(m["file"]))})
	}
	return r, ok
}

// requiredSecrets reports required secrets a connection does not give.
func (d *decoder) requiredSecrets(n *yaml.Node, p string, c Connection) {
	for _, f := range connectionFields[c.Type] {
		if !f.Secret || !f.Required {
			continue
		}
		_, given := d.keys[join(p+".secrets", f.Name)]
		_, inConfig := d.keys[join(p+".config", f.Name)]
		if given || inConfig {
			continue // present: any problem with it is reported already
		}
		d.errorf(deref(n), join(p+".secrets", f.Name), secretHint(c.Name, f.Name), "%s connection %q is missing secret %q", c.Type, c.Name, f.Name)
	}
}

package filetarget

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// The field paths below are the contract with reconcile.Diff.

func setUser(u *reconcile.UserState, f reconcile.Field, create bool) (err error) {
	switch f.Path {
	case "email":
		if !create {
			return errors.New("an email cannot change: deactivate the user and create one with the new email")
		}
		email, err := reconcile.FieldString(f.After)
		if err == nil && !strings.EqualFold(strings.TrimSpace(email), u.Email) {
			err = fmt.Errorf("email %q differs from the change's name %q", email, u.Email)
		}
		return err
	case "name":
		u.Name, err = reconcile.FieldString(f.After)
	case "role":
		u.Role, err = asRole(f.After)
	case "active":
		u.Active, err = reconcile.FieldBool(f.After)
	default:
		return unknownField("email", "name", "role", "active")
	}
	return err
}

var groupAccess = access[reconcile.GroupState]{
	kind: reconcile.KindGroup, prefix: "grp",
	id:   func(g *reconcile.GroupState) *string { return &g.ID },
	name: func(g *reconcile.GroupState) *string { return &g.Name },
	init: func(g *reconcile.GroupState) { g.Members = []string{} },
}

func setGroup(g *reconcile.GroupState, f reconcile.Field, _ bool) (err error) {
	switch f.Path {
	case "name":
		g.Name, err = reconcile.FieldString(f.After)
	case "members":
		var m []string
		if m, err = reconcile.FieldStrings(f.After); err == nil {
			g.Members = reconcile.CanonicalEmails(m)
		}
	case "protected":
		g.Protected, err = reconcile.FieldBool(f.After)
	default:
		return unknownField("name", "members", "protected")
	}
	return err
}

// membersAreUsers refuses a group change that adds someone who is not a
// user of the workspace, as Hex does: a group holds users, and a member who
// is not one would leave the state with a membership no file can describe.
func (e *editor) membersAreUsers(c reconcile.Change) error {
	var current []string
	if c.Action != reconcile.ActionCreate {
		i, err := groupAccess.find(e.snap.Groups, c)
		if err != nil {
			return nil // applyNamed reports the missing group
		}
		current = e.snap.Groups[i].Members
	}
	users := map[string]bool{}
	for _, u := range e.snap.Users {
		users[u.Email] = true
	}
	for _, f := range c.Fields {
		if f.Path != "members" {
			continue
		}
		after, err := reconcile.FieldStrings(f.After)
		if err != nil {
			return &FieldError{Kind: c.Kind, Path: f.Path, Err: err}
		}
		var missing []string
		for _, m := range reconcile.CanonicalEmails(after) {
			if !users[m] && !slices.Contains(current, m) {
				missing = append(missing, m)
			}
		}
		if len(missing) > 0 {
			return &FieldError{Kind: c.Kind, Path: f.Path, Err: fmt.Errorf("not users of the workspace: %s (list them under users: so the plan invites them first)", strings.Join(missing, ", "))}
		}
	}
	return nil
}

var connectionAccess = access[reconcile.ConnectionState]{
	kind: reconcile.KindConnection, prefix: "con",
	id:   func(c *reconcile.ConnectionState) *string { return &c.ID },
	name: func(c *reconcile.ConnectionState) *string { return &c.Name },
	init: func(c *reconcile.ConnectionState) {
		c.Sharing = reconcile.SharingState{Members: schema.AccessNone, Guests: schema.AccessNone, Public: schema.AccessNone}
	},
}

func (e *editor) setConnection(c *reconcile.ConnectionState, f reconcile.Field, _ bool) (err error) {
	p := f.Path
	switch {
	case p == "name":
		c.Name, err = reconcile.FieldString(f.After)
	case p == "type":
		c.Type, err = asConnectionType(f.After)
	case p == "description":
		c.Description, err = reconcile.FieldString(f.After)
	case strings.HasPrefix(p, "config.") && len(p) > len("config."):
		return setConfig(c, strings.TrimPrefix(p, "config."), f.After)
	case strings.HasPrefix(p, "secrets.") && len(p) > len("secrets."):
		return e.setSecret(c, strings.TrimPrefix(p, "secrets."), f.After)
	case strings.HasPrefix(p, "sharing."):
		return setSharing(&c.Sharing, strings.TrimPrefix(p, "sharing."), f.After)
	case p == "schema_refresh":
		c.SchemaRefresh, err = reconcile.FieldSchemaRefresh(f.After)
	case p == "include_magic":
		c.IncludeMagic, err = reconcile.FieldBool(f.After)
	case p == "allow_writeback_cells":
		c.AllowWritebackCells, err = reconcile.FieldBool(f.After)
	case p == "protected":
		c.Protected, err = reconcile.FieldBool(f.After)
	default:
		return unknownField("name", "type", "description", "config.<key>", "secrets.<key>",
			"sharing.members", "sharing.guests", "sharing.public", "sharing.groups.<group>",
			"schema_refresh", "include_magic", "allow_writeback_cells", "protected")
	}
	return err
}

func asConnectionType(v any) (string, error) {
	s, err := reconcile.FieldString(v)
	if err != nil {
		return "", err
	}
	for _, t := range schema.ConnectionTypes {
		if s == t {
			return s, nil
		}
	}
	return "", fmt.Errorf("unknown connection type %q (want one of %s)", s, strings.Join(schema.ConnectionTypes, ", "))
}

func setConfig(c *reconcile.ConnectionState, key string, after any) error {
	if reconcile.FieldValue(after) == nil {
		delete(c.Config, key)
		return nil
	}
	v, err := configValue(after)
	if err != nil {
		return err
	}
	if c.Config == nil {
		c.Config = map[string]any{}
	}
	c.Config[key] = v
	return nil
}

// setSecret resolves the reference in after and stores only the keyed
// fingerprint of its value, and the reference; nil after removes the field.
func (e *editor) setSecret(c *reconcile.ConnectionState, key string, after any) error {
	if reconcile.FieldValue(after) == nil {
		delete(c.Secrets, key)
		delete(c.SecretRefs, key)
		return nil
	}
	ref, err := asSecretRef(after)
	if err != nil {
		return err
	}
	if e.secrets == nil {
		return fmt.Errorf("no secret resolver to read %s", ref)
	}
	value, err := e.secrets.Resolve(ref)
	if err != nil {
		return err
	}
	k, err := e.t.fingerprintKey(true)
	if err != nil {
		return err
	}
	if c.Secrets == nil {
		c.Secrets = map[string]string{}
	}
	c.Secrets[key] = fingerprint(k, value)
	if c.SecretRefs == nil {
		c.SecretRefs = map[string]string{}
	}
	c.SecretRefs[key] = ref.String()
	return nil
}

func setSharing(s *reconcile.SharingState, path string, after any) (err error) {
	switch {
	case path == "members":
		s.Members, err = asAccess(after)
	case path == "guests":
		s.Guests, err = asAccess(after)
	case path == "public":
		s.Public, err = asAccess(after)
		if err == nil && s.Public == schema.AccessQuery {
			err = errors.New("public access is none or view_results")
		}
	case strings.HasPrefix(path, "groups.") && len(path) > len("groups."):
		group := strings.TrimPrefix(path, "groups.")
		if reconcile.FieldValue(after) == nil {
			delete(s.Groups, group)
			return nil
		}
		var a string
		if a, err = asAccess(after); err == nil {
			if s.Groups == nil {
				s.Groups = map[string]string{}
			}
			s.Groups[group] = a
		}
	default:
		return unknownField("sharing.members", "sharing.guests", "sharing.public", "sharing.groups.<group>")
	}
	return err
}

var packageAccess = access[reconcile.PackageState]{
	kind: reconcile.KindPackage, prefix: "pkg",
	id:   func(p *reconcile.PackageState) *string { return &p.ID },
	name: func(p *reconcile.PackageState) *string { return &p.Name },
}

func setPackage(p *reconcile.PackageState, f reconcile.Field, _ bool) (err error) {
	switch f.Path {
	case "name":
		p.Name, err = reconcile.FieldString(f.After)
	case "repository":
		p.Repository, err = reconcile.FieldString(f.After)
	case "ref":
		p.Ref, err = asRef(f.After)
	case "install":
		if reconcile.FieldValue(f.After) == nil {
			p.Install = nil
			return nil
		}
		p.Install, err = reconcile.FieldStrings(f.After)
	case "protected":
		p.Protected, err = reconcile.FieldBool(f.After)
	default:
		return unknownField("name", "repository", "ref", "install", "protected")
	}
	return err
}

var statusAccess = access[reconcile.StatusState]{
	kind: reconcile.KindStatus, prefix: "sts",
	id:   func(s *reconcile.StatusState) *string { return &s.ID },
	name: func(s *reconcile.StatusState) *string { return &s.Name },
}

func setStatus(s *reconcile.StatusState, f reconcile.Field, _ bool) (err error) {
	switch f.Path {
	case "name":
		s.Name, err = reconcile.FieldString(f.After)
	case "endorsed":
		s.Endorsed, err = reconcile.FieldBool(f.After)
	case "protected":
		s.Protected, err = reconcile.FieldBool(f.After)
	default:
		return unknownField("name", "endorsed", "protected")
	}
	return err
}

var categoryAccess = access[reconcile.CategoryState]{
	kind: reconcile.KindCategory, prefix: "cat",
	id:   func(c *reconcile.CategoryState) *string { return &c.ID },
	name: func(c *reconcile.CategoryState) *string { return &c.Name },
}

func setCategory(c *reconcile.CategoryState, f reconcile.Field, _ bool) (err error) {
	switch f.Path {
	case "name":
		c.Name, err = reconcile.FieldString(f.After)
	case "description":
		c.Description, err = reconcile.FieldString(f.After)
	case "protected":
		c.Protected, err = reconcile.FieldBool(f.After)
	default:
		return unknownField("name", "description", "protected")
	}
	return err
}

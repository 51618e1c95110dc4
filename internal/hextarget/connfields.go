package hextarget

import (
	"fmt"
	"strings"

	"github.com/hashicorp/go-multierror"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// connFields is what a connection change's fields ask for.
type connFields struct {
	name, typ, desc *string
	details         map[string]any    // API (camelCase) field -> value; secrets resolved
	paths           map[string]string // API field -> the change's field path
	removed         []string          // paths of config/secret fields set to nothing
	workspace       map[string]string // members|guests|public -> API access
	groups          map[string]string // group name -> API access
	refresh         *schema.SchemaRefresh
	refreshSet      bool
	includeMagic    *bool
	allowWriteback  *bool
}

// parseConnFields reads every field of c; secret references are resolved
// here, and their values go nowhere but into details.
func parseConnFields(c reconcile.Change, secrets reconcile.SecretResolver) (*connFields, error) {
	cf := &connFields{details: map[string]any{}, paths: map[string]string{},
		workspace: map[string]string{}, groups: map[string]string{}}
	var errs *multierror.Error
	for _, f := range c.Fields {
		if err := cf.parse(f, secrets); err != nil {
			errs = multierror.Append(errs, fmt.Errorf("field %q: %w", f.Path, err))
		}
	}
	return cf, joined(errs)
}

func (cf *connFields) parse(f reconcile.Field, secrets reconcile.SecretResolver) error {
	p := f.Path
	switch {
	case p == "name" || p == "type" || p == "description":
		s, err := reconcile.FieldString(f.After)
		if err != nil {
			return err
		}
		switch p {
		case "name":
			cf.name = &s
		case "type":
			cf.typ = &s
		default:
			cf.desc = &s
		}
	case strings.HasPrefix(p, "config."):
		v := reconcile.FieldValue(f.After)
		if v == nil {
			cf.removed = append(cf.removed, p)
			return nil
		}
		key := camel(strings.TrimPrefix(p, "config."))
		cf.details[key], cf.paths[key] = v, p
	case strings.HasPrefix(p, "secrets."):
		return cf.secret(f, secrets)
	case p == "sharing.members" || p == "sharing.guests" || p == "sharing.public":
		a, err := toAccess(p, f.After, p == "sharing.public")
		if err != nil {
			return err
		}
		cf.workspace[strings.TrimPrefix(p, "sharing.")] = a
	case strings.HasPrefix(p, "sharing.groups."):
		a, err := toAccess(p, f.After, false)
		if err != nil {
			return err
		}
		cf.groups[strings.TrimPrefix(p, "sharing.groups.")] = a
	case p == "schema_refresh":
		r, err := reconcile.FieldSchemaRefresh(f.After)
		if err != nil {
			return err
		}
		cf.refresh, cf.refreshSet = r, true
	case p == "include_magic" || p == "allow_writeback_cells":
		b, err := reconcile.FieldBool(f.After)
		if err != nil {
			return err
		}
		if p == "include_magic" {
			cf.includeMagic = &b
		} else {
			cf.allowWriteback = &b
		}
	case p == "protected": // not applicable on Hex (package doc)
	default:
		return fmt.Errorf("the Hex API cannot set it on a data connection")
	}
	return nil
}

func (cf *connFields) secret(f reconcile.Field, secrets reconcile.SecretResolver) error {
	s, err := reconcile.FieldString(f.After)
	if err != nil {
		return err
	}
	if s == "" {
		cf.removed = append(cf.removed, f.Path)
		return nil
	}
	ref, ok := schema.ParseSecretRef(s)
	if !ok {
		return fmt.Errorf("want a reference like env:NAME or file:PATH")
	}
	if secrets == nil {
		return fmt.Errorf("no secret resolver to read %s", ref)
	}
	v, err := secrets.Resolve(ref)
	if err != nil {
		return fmt.Errorf("resolving %s: %w", ref, err)
	}
	key := camel(strings.TrimPrefix(f.Path, "secrets."))
	cf.details[key], cf.paths[key] = v, f.Path
	return nil
}

// connectionDetails checks every detail against typ and builds the API form.
func (cf *connFields) connectionDetails(typ string) (*hexapi.ConnectionDetails, error) {
	known, ok := hexapi.DetailFields(typ)
	if !ok {
		return nil, fmt.Errorf("field \"type\": unknown connection type %q (one of %s)", typ, strings.Join(schema.ConnectionTypes, ", "))
	}
	var errs *multierror.Error
	for _, key := range sortedKeys(cf.details) {
		path, secret := cf.paths[key], hexapi.IsSecretField(typ, key)
		switch {
		case !contains(known, key):
			errs = multierror.Append(errs, fmt.Errorf("field %q: %s connections have no such setting (known: %s)", path, typ, snakeList(known)))
		case secret && strings.HasPrefix(path, "config."):
			errs = multierror.Append(errs, fmt.Errorf("field %q: %s is write-only: give it under secrets as an env: or file: reference", path, snake(key)))
		case !secret && strings.HasPrefix(path, "secrets."):
			errs = multierror.Append(errs, fmt.Errorf("field %q: %s is not a secret: give it under config", path, snake(key)))
		}
	}
	if err := joined(errs); err != nil {
		return nil, err
	}
	d, err := hexapi.NewConnectionDetails(typ, cf.details)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return d, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func snakeList(keys []string) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = snake(k)
	}
	return strings.Join(out, ", ")
}

package hextarget

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/go-multierror"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// createBody maps a connection create's After to the API's request body,
// all but its sharing (which needs the groups' ids), with the change's
// secrets resolved. Preflight builds it too, so both send the same.
func createBody(tc *reconcile.Typed, secrets reconcile.SecretResolver) (*hexapi.DataConnectionCreate, error) {
	c, s := tc.After.(*reconcile.ConnectionState), sentOf(tc.Change)
	if c.Type == "" {
		return nil, errors.New(`field "type": a new data connection needs a type`)
	}
	if _, known := hexapi.DetailFields(c.Type); known && !hexapi.Writable(c.Type) {
		return nil, fmt.Errorf("field \"type\": the Hex API cannot create %s connections: create it in Settings", c.Type)
	}
	values, err := settings(c, s, secrets)
	if err != nil {
		return nil, err
	}
	if len(values.removed) > 0 {
		return nil, fmt.Errorf("fields %s: a new connection needs values", strings.Join(values.removed, ", "))
	}
	details, err := values.connectionDetails(c.Type)
	if err != nil {
		return nil, err
	}
	body := &hexapi.DataConnectionCreate{Name: c.Name, Type: c.Type, ConnectionDetails: details}
	if s.has("description") {
		body.Description = &c.Description
	}
	if s.has("include_magic") {
		body.IncludeMagic = &c.IncludeMagic
	}
	if s.has("allow_writeback_cells") {
		body.AllowWritebackCells = &c.AllowWritebackCells
	}
	if s.has("schema_refresh") && c.SchemaRefresh != nil {
		if body.SchemaRefreshSchedule, err = refreshToAPI(c.SchemaRefresh); err != nil {
			return nil, fmt.Errorf("field \"schema_refresh\": %w", err)
		}
	}
	return body, nil
}

// editBody maps a connection update from Before to After to the API's
// edit body, all but its sharing, holding only what the change sets.
// Preflight builds it too, so both send the same.
func editBody(tc *reconcile.Typed, secrets reconcile.SecretResolver) (*hexapi.DataConnectionEdit, error) {
	b, c, s := tc.Before.(*reconcile.ConnectionState), tc.After.(*reconcile.ConnectionState), sentOf(tc.Change)
	values, err := settings(c, s, secrets)
	if err != nil {
		return nil, err
	}
	var errs *multierror.Error
	if c.Type != b.Type {
		errs = multierror.Append(errs, fmt.Errorf("field \"type\": the Hex API cannot change a connection's type (%s to %s): create a new connection instead", b.Type, c.Type))
	}
	errs = multierror.Append(errs, values.clear(b.Type)...)
	if err := joined(errs); err != nil {
		return nil, err
	}
	edit := &hexapi.DataConnectionEdit{}
	if len(values.details) > 0 {
		if edit.ConnectionDetails, err = values.connectionDetails(b.Type); err != nil {
			return nil, err
		}
	}
	if s.has("name") {
		edit.Name = &c.Name
	}
	if s.has("description") {
		edit.Description = &c.Description
	}
	if s.has("include_magic") {
		edit.IncludeMagic = &c.IncludeMagic
	}
	if s.has("allow_writeback_cells") {
		edit.AllowWritebackCells = &c.AllowWritebackCells
	}
	if s.has("schema_refresh") {
		if c.SchemaRefresh == nil {
			edit.ClearSchemaRefreshSchedule = true
		} else if edit.SchemaRefreshSchedule, err = refreshToAPI(c.SchemaRefresh); err != nil {
			return nil, fmt.Errorf("field \"schema_refresh\": %w", err)
		}
	}
	return edit, nil
}

// connSettings are the connection settings a change sets, by API field.
type connSettings struct {
	details map[string]any    // API (camelCase) field -> value; secrets resolved
	paths   map[string]string // API field -> the change's field path
	removed []string          // paths of settings and secrets set to nothing
}

// clear sends each removed setting the API lets an edit clear as null, and
// refuses the others.
func (cs *connSettings) clear(typ string) []error {
	var errs []error
	for _, p := range cs.removed {
		_, key, _ := strings.Cut(p, ".")
		if !schema.ConnectionFieldNullable(typ, key) {
			errs = append(errs, fmt.Errorf("field %q: the Hex API cannot remove a connection setting, only change it", p))
			continue
		}
		cs.details[camel(key)], cs.paths[camel(key)] = nil, p
	}
	return errs
}

// settings gathers After's config values and resolved secrets for the keys
// the change sets. A secret's value is read here and goes nowhere but into
// the request.
func settings(c *reconcile.ConnectionState, s sent, secrets reconcile.SecretResolver) (*connSettings, error) {
	cs := &connSettings{details: map[string]any{}, paths: map[string]string{}}
	for _, k := range s.under("config") {
		if v, ok := c.Config[k]; ok {
			cs.details[camel(k)], cs.paths[camel(k)] = v, "config."+k
		} else {
			cs.removed = append(cs.removed, "config."+k)
		}
	}
	var errs *multierror.Error
	for _, k := range s.under("secrets") {
		p := "secrets." + k
		ref, ok := schema.ParseSecretRef(c.SecretRefs[k])
		if !ok {
			cs.removed = append(cs.removed, p)
			continue
		}
		v, err := resolveSecret(ref, secrets)
		if err != nil {
			errs = multierror.Append(errs, fmt.Errorf("field %q: %w", p, err))
			continue
		}
		cs.details[camel(k)], cs.paths[camel(k)] = v, p
	}
	return cs, joined(errs)
}

func resolveSecret(ref schema.SecretRef, secrets reconcile.SecretResolver) (string, error) {
	if secrets == nil {
		return "", fmt.Errorf("no secret resolver to read %s", ref)
	}
	v, err := secrets.Resolve(ref)
	if err != nil {
		return "", fmt.Errorf("resolving %s: %w", ref, err)
	}
	return v, nil
}

// connectionDetails checks every setting against typ and builds the API form.
func (cs *connSettings) connectionDetails(typ string) (*hexapi.ConnectionDetails, error) {
	known, ok := hexapi.DetailFields(typ)
	if !ok {
		return nil, fmt.Errorf("field \"type\": unknown connection type %q (one of %s)", typ, strings.Join(schema.ConnectionTypes, ", "))
	}
	var errs *multierror.Error
	for _, key := range sortedKeys(cs.details) {
		path, secret := cs.paths[key], hexapi.IsSecretField(typ, key)
		switch {
		case !slices.Contains(known, key):
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
	d, err := hexapi.NewConnectionDetails(typ, cs.details)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return d, nil
}

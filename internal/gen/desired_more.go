package gen

import (
	"fmt"
	"strings"

	"github.com/hexform/hexform/schema"
)

var ports = map[string]int{"athena": 443, "clickhouse": 8443, "postgres": 5432, "redshift": 5439, "trino": 443}

// connectionName is the i-th connection's name.
func connectionName(i int, typ string) string {
	return fmt.Sprintf("%s %s %03d", strings.ToUpper(typ[:1])+typ[1:], purposes[i%len(purposes)], i)
}

// configValue is a plausible value for a connection config field.
func configValue(i int, typ string, f schema.ConnectionField) (any, bool) {
	switch {
	case f.Kind == schema.FieldInt:
		return ports[typ], true
	case f.Kind == schema.FieldBool:
		return true, true
	case f.Kind == schema.FieldList:
		return nil, false
	case f.Name == "hostname" || f.Name == "host":
		return fmt.Sprintf("db%03d.corp.internal", i), true
	case f.Name == "s3_output_path":
		return fmt.Sprintf("s3://corp-athena/results/%03d/", i), true
	case f.Name == "jdbc_url":
		return fmt.Sprintf("jdbc:databricks://dbc-%03d.cloud.databricks.com:443/default", i), true
	}
	return fmt.Sprintf("%s_%03d", f.Name, i), true
}

// connection builds the i-th connection, shared with two groups.
func (b *builder) connection(i int, groups []schema.Group) schema.Connection {
	typ := schema.ConnectionTypes[i%len(schema.ConnectionTypes)]
	desc := fmt.Sprintf("%s data for the %s team", purposes[i%len(purposes)], areas[i%len(areas)])
	c := schema.Connection{Name: connectionName(i, typ), Type: typ, Description: &desc,
		Config: map[string]any{}, Secrets: map[string]schema.SecretRef{}, Protect: firstOnly(i)}
	for _, f := range schema.ConnectionFields(typ) {
		switch {
		case f.Secret && f.Required:
			c.Secrets[f.Name] = schema.SecretRef{Env: fmt.Sprintf("CONN_%03d_%s", i, strings.ToUpper(f.Name))}
		case !f.Secret:
			if v, ok := configValue(i, typ, f); ok {
				c.Config[f.Name] = v
			}
		}
	}
	query, none, results := schema.AccessQuery, schema.AccessNone, schema.AccessViewResults
	c.Sharing = &schema.Sharing{Workspace: &schema.WorkspaceSharing{Members: &query, Guests: &none, Public: &none}}
	if len(groups) > 0 {
		c.Sharing.Groups = map[string]string{
			groups[b.rng.IntN(len(groups))].Name: query,
			groups[b.rng.IntN(len(groups))].Name: results,
		}
	}
	hour, minute := b.rng.IntN(24), 15*b.rng.IntN(4)
	c.SchemaRefresh = &schema.SchemaRefresh{Cadence: "daily", Hour: &hour, Minute: &minute, Timezone: "UTC"}
	magic := i%3 == 0
	c.IncludeMagic = &magic
	if i%40 == 1 {
		c.Previously = []string{oldName(c.Name)}
	}
	return c
}

func (b *builder) connections(groups []schema.Group) []schema.Connection {
	out := make([]schema.Connection, b.size.Connections)
	for i := range out {
		out[i] = b.connection(i, groups)
	}
	return out
}

// commit is a random 40-hex SHA.
func (b *builder) commit() string {
	return fmt.Sprintf("%016x%016x%08x", b.rng.Uint64(), b.rng.Uint64(), b.rng.Uint32())
}

// packages: most pinned to a tag, every fourth to a commit; every 50th renamed.
func (b *builder) packages() []schema.Package {
	out := make([]schema.Package, b.size.Packages)
	for i := range out {
		p := schema.Package{Name: fmt.Sprintf("pkg-%04d", i), Repository: fmt.Sprintf("corp/analytics-pkg-%04d", i), Protect: firstOnly(i)}
		if i%4 == 3 {
			p.Ref.Commit = b.commit()
		} else {
			p.Ref.Tag = fmt.Sprintf("v1.%d.%d", b.rng.IntN(20), b.rng.IntN(10))
		}
		if i%5 == 0 {
			p.Install = []string{"pip install ./"}
		}
		if i%50 == 1 {
			p.Previously = []string{oldName(p.Name)}
		}
		out[i] = p
	}
	return out
}

// tags: statuses (every third endorsed) and categories; every 20th renamed.
func (b *builder) tags() *schema.Tags {
	t := &schema.Tags{Statuses: make([]schema.Status, b.size.Statuses), Categories: make([]schema.Category, b.size.Categories)}
	for i := range t.Statuses {
		endorsed := i%3 == 0
		s := schema.Status{Name: fmt.Sprintf("Status %03d", i), Endorsed: &endorsed, Protect: firstOnly(i)}
		if i%20 == 1 {
			s.Previously = []string{oldName(s.Name)}
		}
		t.Statuses[i] = s
	}
	for i := range t.Categories {
		desc := fmt.Sprintf("Projects of the %s area", areas[i%len(areas)])
		c := schema.Category{Name: fmt.Sprintf("Category %03d", i), Description: &desc}
		if i%20 == 1 {
			c.Previously = []string{oldName(c.Name)}
		}
		t.Categories[i] = c
	}
	return t
}

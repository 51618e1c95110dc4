package schema

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// Connection types, as the Hex API spells them.
var ConnectionTypes = []string{"athena", "bigquery", "clickhouse", "databricks", "postgres", "redshift", "snowflake", "trino"}

// Connection is a shared data connection.
type Connection struct {
	Name        string               `yaml:"name" json:"name"`
	Previously  []string             `yaml:"previously,omitempty" json:"previously,omitempty"`
	Type        string               `yaml:"type" json:"type"`
	Description *string              `yaml:"description,omitempty" json:"description,omitempty"`
	Config      map[string]any       `yaml:"config,omitempty" json:"config,omitempty"`   // snake_case connectionDetails fields: string, int, bool or []any
	Secrets     map[string]SecretRef `yaml:"secrets,omitempty" json:"secrets,omitempty"` // write-only fields, by reference
	Sharing     *Sharing             `yaml:"sharing,omitempty" json:"sharing,omitempty"`

	SchemaRefresh       *SchemaRefresh `yaml:"schema_refresh,omitempty" json:"schema_refresh,omitempty"`
	IncludeMagic        *bool          `yaml:"include_magic,omitempty" json:"include_magic,omitempty"`
	AllowWritebackCells *bool          `yaml:"allow_writeback_cells,omitempty" json:"allow_writeback_cells,omitempty"`

	Protect *bool `yaml:"protect,omitempty" json:"protect,omitempty"`
	Pos     Pos   `yaml:"-" json:"-"`
}

// Access levels for connection sharing.
const (
	AccessNone        = "none"
	AccessQuery       = "query"
	AccessViewResults = "view_results"
)

// Sharing is who may use a connection. Nil fields are unmanaged.
type Sharing struct {
	Workspace *WorkspaceSharing `yaml:"workspace,omitempty" json:"workspace,omitempty"`
	Groups    map[string]string `yaml:"groups,omitempty" json:"groups,omitempty"` // group name -> access
}

// WorkspaceSharing is the workspace-wide sharing of a connection.
type WorkspaceSharing struct {
	Members *string `yaml:"members,omitempty" json:"members,omitempty"`
	Guests  *string `yaml:"guests,omitempty" json:"guests,omitempty"`
	Public  *string `yaml:"public,omitempty" json:"public,omitempty"` // none|view_results
}

// SchemaRefresh is a connection's schema refresh schedule.
type SchemaRefresh struct {
	Cadence   string `yaml:"cadence" json:"cadence"` // hourly|daily|weekly|monthly|custom
	Enabled   *bool  `yaml:"enabled,omitempty" json:"enabled,omitempty"`
	Hour      *int   `yaml:"hour,omitempty" json:"hour,omitempty"`
	Minute    *int   `yaml:"minute,omitempty" json:"minute,omitempty"`
	DayOfWeek string `yaml:"day_of_week,omitempty" json:"day_of_week,omitempty"` // weekly: sunday..saturday
	Day       *int   `yaml:"day,omitempty" json:"day,omitempty"`                 // monthly: 1..28
	Cron      string `yaml:"cron,omitempty" json:"cron,omitempty"`               // custom
	Timezone  string `yaml:"timezone,omitempty" json:"timezone,omitempty"`
}

var (
	connectionKeys = keysOf[Connection]()
	sharingKeys    = keysOf[Sharing]()
	wsSharingKeys  = keysOf[WorkspaceSharing]()
	refreshKeys    = keysOf[SchemaRefresh]()
	secretRefKeys  = keysOf[SecretRef]()
)

// connectionShape is the layout of one connection; config and secrets
// follow the order of the type's fields (shape.conn).
var connectionShape = &shape{conn: true, keys: connectionKeys, fields: map[string]*shape{
	"previously": previouslyShape,
	"secrets":    {each: &shape{keys: secretRefKeys}},
	"sharing": {keys: sharingKeys, fields: map[string]*shape{
		"workspace": {keys: wsSharingKeys},
		"groups":    {sortKeys: true},
	}},
	"schema_refresh": {keys: refreshKeys},
}}

var connectionSection = &Section{
	Kind: "connection", Plural: "connections", Path: "connections", Ignorable: true, positions: true,
	decode: func(d *decoder, s *Section, ws *Workspace, n *yaml.Node) {
		ws.Connections = decodeList(d, n, s.Path, (*decoder).connection)
	},
	check: uniqueNames,
	crossCheck: func(d *decoder, ws *Workspace) {
		d.checkSharing(ws)
		d.checkSecrets(ws)
	},
	items: func(ws *Workspace) []named {
		return namesOf(ws.Connections, func(c Connection) named { return named{c.Name, c.Previously, c.Pos} })
	},
	node: func(ws *Workspace) (*yaml.Node, error) {
		if ws.Connections == nil {
			return nil, nil
		}
		return connectionsNode(ws.Connections)
	},
	shape: &shape{by: "name", each: connectionShape},
	schema: func(defs obj) obj {
		connectionDefs(defs)
		return arrayOf(ref("connection"), "Shared data connections. Absent: unmanaged.")
	},
}

func (d *decoder) connection(n *yaml.Node, p string) (Connection, bool) {
	c := Connection{Pos: d.pos(n)}
	m, ok := d.mapping(n, p, "connection", connectionKeys, []string{"name", "type", "config"})
	if !ok {
		return c, false
	}
	if v := m["name"]; v != nil {
		c.Name, _ = d.name(v, p+".name", "connection name")
	}
	c.Previously = d.previously(m["previously"], p+".previously")
	typeOK := false
	if v := m["type"]; v != nil {
		c.Type, typeOK = d.enum(v, p+".type", "connection type", ConnectionTypes)
	}
	c.Description = d.optStr(m["description"], p+".description", "description", descriptionText)
	if v := m["config"]; v != nil {
		c.Config = d.config(v, p+".config", c.Type, typeOK, c.Name)
	}
	if v := m["secrets"]; v != nil {
		c.Secrets = d.secrets(v, p+".secrets", c.Type, typeOK, c.Name)
	}
	if typeOK {
		d.requiredSecrets(n, p, c)
	}
	if v := m["sharing"]; v != nil {
		c.Sharing = d.sharing(v, p+".sharing")
	}
	if v := m["schema_refresh"]; v != nil {
		c.SchemaRefresh = d.schemaRefresh(v, p+".schema_refresh")
	}
	c.IncludeMagic = d.optBool(m["include_magic"], p+".include_magic", "include_magic")
	c.AllowWritebackCells = d.optBool(m["allow_writeback_cells"], p+".allow_writeback_cells", "allow_writeback_cells")
	c.Protect = d.optBool(m["protect"], p+".protect", "protect")
	return c, true
}

// checkSharing checks that connections are shared with declared groups.
func (d *decoder) checkSharing(ws *Workspace) {
	groups := declaredGroups(ws)
	for ci, c := range ws.Connections {
		if c.Sharing == nil {
			continue
		}
		for _, g := range sortedKeys(c.Sharing.Groups) {
			p := d.keyAt(fmt.Sprintf("connections[%d].sharing.groups.%s", ci, g))
			d.checkGroupRef(p, groups, fmt.Sprintf("connection %q", c.Name), g)
		}
	}
}

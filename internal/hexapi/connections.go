package hexapi

import (
	"context"
	"encoding/json"
	"net/url"
)

// Sharing access levels. Public allows only NONE and VIEW_RESULTS.
const (
	AccessNone        = "NONE"
	AccessQuery       = "QUERY"
	AccessViewResults = "VIEW_RESULTS"
)

// DataConnection is a shared data connection. A list may return the basic
// form (id, name, type, description only): IsBasic tells, and Get returns
// the full one.
type DataConnection struct {
	ID                    string                 `json:"id"`
	Name                  string                 `json:"name"`
	Type                  string                 `json:"type"`
	Description           *string                `json:"description,omitempty"`
	ConnectionDetails     *ConnectionDetails     `json:"connectionDetails,omitempty"`
	ConnectViaSSH         bool                   `json:"connectViaSsh"`
	IncludeMagic          bool                   `json:"includeMagic"`
	AllowWritebackCells   bool                   `json:"allowWritebackCells"`
	SchemaFilters         *SchemaFilters         `json:"schemaFilters,omitempty"`
	SchemaRefreshSchedule *SchemaRefreshSchedule `json:"schemaRefreshSchedule,omitempty"`
	SchemaRefreshAccess   string                 `json:"schemaRefreshAccess,omitempty"`
	Sharing               *ConnectionSharing     `json:"sharing,omitempty"`
}

// IsBasic reports whether this is the DataConnectionBasic form of a list.
func (d *DataConnection) IsBasic() bool { return d.Sharing == nil }

// ConnectionSharing is the read and create shape of sharing.
type ConnectionSharing struct {
	Workspace *WorkspaceSharing `json:"workspace,omitempty"`
	Groups    []GroupShare      `json:"groups,omitempty"`
}

// ConnectionSharingEdit is the edit shape: groups are upserted.
type ConnectionSharingEdit struct {
	Workspace *WorkspaceSharing `json:"workspace,omitempty"`
	Groups    *GroupShareUpsert `json:"groups,omitempty"`
}

// GroupShareUpsert is {upsert: [...]}; access NONE removes a group.
type GroupShareUpsert struct {
	Upsert []GroupShare `json:"upsert"`
}

// WorkspaceSharing is the workspace-wide access (Access* constants).
type WorkspaceSharing struct {
	Members string `json:"members,omitempty"`
	Guests  string `json:"guests,omitempty"`
	Public  string `json:"public,omitempty"`
}

// GroupShare is one group's access; reads also fill Group.Name.
type GroupShare struct {
	Group  GroupShareRef `json:"group"`
	Access string        `json:"access"`
}

// GroupShareRef points at a group.
type GroupShareRef struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// SchemaFilters limit which databases, schemas and tables are shown.
type SchemaFilters struct {
	Databases *SchemaEntityFilter `json:"databases,omitempty"`
	Schemas   *SchemaEntityFilter `json:"schemas,omitempty"`
	Tables    *SchemaEntityFilter `json:"tables,omitempty"`
}

// SchemaEntityFilter includes and excludes names.
type SchemaEntityFilter struct {
	Include *SchemaMatch `json:"include,omitempty"`
	Exclude *SchemaMatch `json:"exclude,omitempty"`
}

// SchemaMatch matches names: MatchType EXACT, PREFIX, REGEX or SUFFIX.
type SchemaMatch struct {
	Values    []string `json:"values"`
	MatchType string   `json:"matchType"`
}

// SchemaRefreshSchedule: Cadence HOURLY, DAILY, WEEKLY, MONTHLY or CUSTOM.
type SchemaRefreshSchedule struct {
	Cadence string          `json:"cadence"`
	Enabled bool            `json:"enabled"`
	Daily   *ScheduleDaily  `json:"daily,omitempty"`
	Weekly  *ScheduleWeekly `json:"weekly,omitempty"`
	Monthly *ScheduleMonth  `json:"monthly,omitempty"`
	Custom  *ScheduleCustom `json:"custom,omitempty"`
}

// ScheduleDaily is a time of day.
type ScheduleDaily struct {
	TimezoneString string `json:"timezoneString"`
	Hour           int    `json:"hour"`
	Minute         int    `json:"minute"`
}

// ScheduleWeekly adds DayOfWeek (SUNDAY..SATURDAY).
type ScheduleWeekly struct {
	TimezoneString string `json:"timezoneString"`
	Hour           int    `json:"hour"`
	Minute         int    `json:"minute"`
	DayOfWeek      string `json:"dayOfWeek"`
}

// ScheduleMonth adds Day (1..28).
type ScheduleMonth struct {
	TimezoneString string `json:"timezoneString"`
	Hour           int    `json:"hour"`
	Minute         int    `json:"minute"`
	Day            int    `json:"day"`
}

// ScheduleCustom is a cron expression.
type ScheduleCustom struct {
	TimezoneString string `json:"timezoneString"`
	Cron           string `json:"cron"`
}

// DataConnectionCreate is the CreateDataConnection body.
type DataConnectionCreate struct {
	Name                  string                 `json:"name"`
	Type                  string                 `json:"type"`
	Description           *string                `json:"description,omitempty"`
	ConnectionDetails     *ConnectionDetails     `json:"connectionDetails"`
	ConnectViaSSH         *bool                  `json:"connectViaSsh,omitempty"`
	IncludeMagic          *bool                  `json:"includeMagic,omitempty"`
	AllowWritebackCells   *bool                  `json:"allowWritebackCells,omitempty"`
	SchemaFilters         *SchemaFilters         `json:"schemaFilters,omitempty"`
	SchemaRefreshSchedule *SchemaRefreshSchedule `json:"schemaRefreshSchedule,omitempty"`
	SchemaRefreshAccess   string                 `json:"schemaRefreshAccess,omitempty"`
	Sharing               *ConnectionSharing     `json:"sharing,omitempty"`
}

// DataConnectionEdit is the EditDataConnection body; nil fields are left
// unchanged. The type cannot be changed. ClearSchemaRefreshSchedule sends
// "schemaRefreshSchedule": null.
type DataConnectionEdit struct {
	Name                       *string                `json:"name,omitempty"`
	Description                *string                `json:"description,omitempty"`
	ConnectionDetails          *ConnectionDetails     `json:"connectionDetails,omitempty"`
	ConnectViaSSH              *bool                  `json:"connectViaSsh,omitempty"`
	IncludeMagic               *bool                  `json:"includeMagic,omitempty"`
	AllowWritebackCells        *bool                  `json:"allowWritebackCells,omitempty"`
	SchemaFilters              *SchemaFilters         `json:"schemaFilters,omitempty"`
	SchemaRefreshSchedule      *SchemaRefreshSchedule `json:"schemaRefreshSchedule,omitempty"`
	ClearSchemaRefreshSchedule bool                   `json:"-"`
	SchemaRefreshAccess        string                 `json:"schemaRefreshAccess,omitempty"`
	Sharing                    *ConnectionSharingEdit `json:"sharing,omitempty"`
}

// MarshalJSON writes the body, with an explicit null schedule when asked.
func (e DataConnectionEdit) MarshalJSON() ([]byte, error) {
	type plain DataConnectionEdit
	data, err := json.Marshal(plain(e))
	if err != nil || !e.ClearSchemaRefreshSchedule || e.SchemaRefreshSchedule != nil {
		return data, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	m["schemaRefreshSchedule"] = json.RawMessage("null")
	return json.Marshal(m)
}

// DataConnectionsService is the data connections part of the API.
type DataConnectionsService struct{ c *Client }

// List returns one page of data connections (full or basic).
func (s *DataConnectionsService) List(ctx context.Context, opts *ListOptions) ([]*DataConnection, *Response, error) {
	return listPage[DataConnection](ctx, s.c, "ListDataConnections", "/v1/data-connections", opts.values())
}

// ListAll returns every data connection, as the list gives them (full or basic).
func (s *DataConnectionsService) ListAll(ctx context.Context) ([]*DataConnection, error) {
	return listAll(ctx, s.c, "data connections", "/v1/data-connections", func(after string) ([]*DataConnection, *Response, error) {
		return s.List(ctx, &ListOptions{After: after, Limit: MaxDataConnectionsPage})
	})
}

// Get returns one data connection in full.
func (s *DataConnectionsService) Get(ctx context.Context, id string) (*DataConnection, error) {
	var d DataConnection
	if _, err := s.c.doChecked(ctx, request{op: "GetDataConnection", method: "GET", path: "/v1/data-connections/" + url.PathEscape(id)}, (*fullConnection)(&d)); err != nil {
		return nil, err
	}
	return &d, nil
}

// Create creates a data connection. After an ambiguous failure the
// connection is looked up by name before the create is tried again, so it is
// never created twice.
func (s *DataConnectionsService) Create(ctx context.Context, body *DataConnectionCreate) (*DataConnection, error) {
	find := func(ctx context.Context) (*DataConnection, error) {
		all, err := s.ListAll(ctx)
		if err != nil {
			return nil, err
		}
		for _, d := range all {
			if d.Name == body.Name {
				return d, nil
			}
		}
		return nil, nil
	}
	check := func(d *DataConnection) error { return (*fullConnection)(d).validate() }
	return createOnce(ctx, s.c, request{op: "CreateDataConnection", method: "POST", path: "/v1/data-connections", body: body, create: true}, check, find)
}

// Edit changes a data connection (a partial update).
func (s *DataConnectionsService) Edit(ctx context.Context, id string, body *DataConnectionEdit) (*DataConnection, error) {
	var d DataConnection
	if _, err := s.c.doChecked(ctx, request{op: "EditDataConnection", method: "PATCH", path: "/v1/data-connections/" + url.PathEscape(id), body: body}, (*fullConnection)(&d)); err != nil {
		return nil, err
	}
	return &d, nil
}

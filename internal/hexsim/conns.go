package hexsim

import (
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// connExtras are a connection's fields the snapshot has no place for.
type connExtras struct {
	connectViaSsh bool
	refreshAccess string
	filters       *schemaFilters
}

func defaultExtras() *connExtras { return &connExtras{refreshAccess: "ADMINS"} }

// apiConn is DataConnection (and DataConnectionWithSensitiveFieldsApiResource,
// whose details are the same secret-free shape).
type apiConn struct {
	ID                    string                    `json:"id"`
	Name                  string                    `json:"name"`
	Type                  string                    `json:"type"`
	Description           *string                   `json:"description,omitempty"`
	ConnectionDetails     map[string]map[string]any `json:"connectionDetails"`
	ConnectViaSsh         bool                      `json:"connectViaSsh"`
	IncludeMagic          bool                      `json:"includeMagic"`
	AllowWritebackCells   bool                      `json:"allowWritebackCells"`
	SchemaRefreshAccess   string                    `json:"schemaRefreshAccess"`
	Sharing               apiSharing                `json:"sharing"`
	SchemaFilters         *schemaFilters            `json:"schemaFilters,omitempty"`
	SchemaRefreshSchedule *readSchedule             `json:"schemaRefreshSchedule,omitempty"`
}

type apiSharing struct {
	Workspace struct {
		Members string `json:"members"`
		Guests  string `json:"guests"`
		Public  string `json:"public"`
	} `json:"workspace"`
	Groups []apiGroupShare `json:"groups"`
}

type apiGroupShare struct {
	Group struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"group"`
	Access string `json:"access"`
}

func upperLevel(l string) string {
	if l == "" {
		return "NONE"
	}
	return strings.ToUpper(l)
}

func (s *Server) toAPIConn(c *reconcile.ConnectionState) apiConn {
	ex := s.extras[c.ID]
	a := apiConn{ID: c.ID, Name: c.Name, Type: c.Type, ConnectionDetails: readableDetails(c),
		ConnectViaSsh: ex.connectViaSsh, IncludeMagic: c.IncludeMagic, AllowWritebackCells: c.AllowWritebackCells,
		SchemaRefreshAccess: ex.refreshAccess, SchemaFilters: ex.filters, SchemaRefreshSchedule: toAPISchedule(c.SchemaRefresh)}
	if c.Description != "" {
		d := c.Description
		a.Description = &d
	}
	a.Sharing.Workspace.Members = upperLevel(c.Sharing.Members)
	a.Sharing.Workspace.Guests = upperLevel(c.Sharing.Guests)
	a.Sharing.Workspace.Public = upperLevel(c.Sharing.Public)
	a.Sharing.Groups = []apiGroupShare{}
	for _, name := range slices.Sorted(maps.Keys(c.Sharing.Groups)) {
		g := s.groupByName(name)
		if g == nil {
			continue
		}
		var gs apiGroupShare
		gs.Group.ID, gs.Group.Name, gs.Access = g.ID, g.Name, upperLevel(c.Sharing.Groups[name])
		a.Sharing.Groups = append(a.Sharing.Groups, gs)
	}
	return a
}

func (s *Server) connByID(id string) *reconcile.ConnectionState {
	for i := range s.state.Connections {
		if s.state.Connections[i].ID == id {
			return &s.state.Connections[i]
		}
	}
	return nil
}

func handleListConns(s *Server, c *call) (int, any, *apiError) {
	var issues []string
	p := parsePage(c.query, 100, []string{"NAME", "CREATED_AT"}, []string{"ASC", "DESC"}, &issues)
	if issues != nil {
		return 0, nil, invalid("query", issues)
	}
	list := make([]apiConn, 0, len(s.state.Connections))
	for i := range s.state.Connections {
		list = append(list, s.toAPIConn(&s.state.Connections[i]))
	}
	vals, pg := paginate(list, func(a apiConn) string {
		if strings.HasPrefix(p.order, "NAME") {
			return strings.ToLower(a.Name) + "\x00" + a.ID
		}
		return sortTime(s.created[a.ID]) + "\x00" + a.ID
	}, p)
	out := make([]any, len(vals))
	for i, v := range vals {
		out[i] = v
		if slices.Contains(s.cfg.BasicInList, v.Name) {
			out[i] = apiConnBasic{ID: v.ID, Name: v.Name, Type: v.Type, Description: v.Description}
		}
	}
	return http.StatusOK, listBody{Values: out, Pagination: pg}, nil
}

// apiConnBasic is the DataConnectionBasic form of a listed connection.
type apiConnBasic struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Type        string  `json:"type"`
	Description *string `json:"description,omitempty"`
}

func handleGetConn(s *Server, c *call) (int, any, *apiError) {
	conn := s.connByID(c.args[0])
	if conn == nil {
		return 0, nil, errorf(http.StatusNotFound, "data connection %s not found", c.args[0])
	}
	return http.StatusOK, s.toAPIConn(conn), nil
}

// connUpdate is a validated create or edit body.
type connUpdate struct {
	req           connReq
	details       *detailsUpdate
	schedule      *schema.SchemaRefresh
	clearSchedule bool
	sharing       *sharingUpdate
}

// parseConnReq validates a create (typ "" until read from the body) or edit body.
func (s *Server) parseConnReq(body []byte, typ string, create bool) (*connUpdate, *apiError) {
	u := &connUpdate{}
	if issues := decodeStrict(body, &u.req); issues != nil {
		return nil, invalid("request body", issues)
	}
	var issues []string
	r := &u.req
	checkName(r.Name, "name", create, &issues)
	switch {
	case create && r.Type == nil:
		issues = append(issues, "type is required")
	case create && checkEnum(*r.Type, "type", createTypes, &issues):
		typ = *r.Type
	case !create && r.Type != nil:
		issues = append(issues, "type cannot be changed")
	}
	if typ != "" {
		u.details = parseDetails(typ, r.ConnectionDetails, create, &issues)
	}
	if r.SchemaRefreshAccess != nil {
		checkEnum(*r.SchemaRefreshAccess, "schemaRefreshAccess", refreshAccess, &issues)
	}
	checkFilters(r.SchemaFilters, &issues)
	u.schedule, u.clearSchedule = parseSchedule(r.SchemaRefreshSchedule, &issues)
	u.sharing = s.parseSharing(r.Sharing, !create, &issues)
	if issues != nil {
		return nil, invalid("request body", issues)
	}
	return u, nil
}

// apply writes a validated update into a connection and its extras.
func (u *connUpdate) apply(c *reconcile.ConnectionState, ex *connExtras) {
	r := &u.req
	setIf(&c.Name, r.Name)
	setIf(&c.Description, r.Description)
	setIf(&c.IncludeMagic, r.IncludeMagic)
	setIf(&c.AllowWritebackCells, r.AllowWritebackCells)
	setIf(&ex.connectViaSsh, r.ConnectViaSsh)
	setIf(&ex.refreshAccess, r.SchemaRefreshAccess)
	if r.SchemaFilters != nil {
		ex.filters = r.SchemaFilters
	}
	u.details.apply(c)
	if u.schedule != nil || u.clearSchedule {
		c.SchemaRefresh = u.schedule
	}
	if sh := u.sharing; sh != nil {
		setIf(&c.Sharing.Members, sh.members)
		setIf(&c.Sharing.Guests, sh.guests)
		setIf(&c.Sharing.Public, sh.public)
		for name, access := range sh.groups {
			if c.Sharing.Groups == nil {
				c.Sharing.Groups = map[string]string{}
			}
			c.Sharing.Groups[name] = access
			if access == schema.AccessNone {
				delete(c.Sharing.Groups, name)
			}
		}
	}
}

func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

func handleCreateConn(s *Server, c *call) (int, any, *apiError) {
	u, e := s.parseConnReq(c.body, "", true)
	if e != nil {
		return 0, nil, e
	}
	conn := reconcile.ConnectionState{ID: s.newID("connection"), Type: *u.req.Type,
		Sharing: reconcile.SharingState{Members: schema.AccessNone, Guests: schema.AccessNone, Public: schema.AccessNone}}
	ex := defaultExtras()
	u.apply(&conn, ex)
	s.state.Connections = append(s.state.Connections, conn)
	s.extras[conn.ID] = ex
	s.created[conn.ID] = s.cfg.Now()
	return http.StatusCreated, s.toAPIConn(&conn), nil
}

// handleEditConn answers EditDataConnection with 201, as the API does.
func handleEditConn(s *Server, c *call) (int, any, *apiError) {
	conn := s.connByID(c.args[0])
	if conn == nil {
		return 0, nil, errorf(http.StatusNotFound, "data connection %s not found", c.args[0])
	}
	u, e := s.parseConnReq(c.body, conn.Type, false)
	if e != nil {
		return 0, nil, e
	}
	u.apply(conn, s.extras[conn.ID])
	return http.StatusCreated, s.toAPIConn(conn), nil
}

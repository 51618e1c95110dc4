package hexsim

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// connReq is the body of CreateDataConnection and EditDataConnection.
type connReq struct {
	Name                  *string                    `json:"name"`
	Type                  *string                    `json:"type"`
	Description           *string                    `json:"description"`
	ConnectionDetails     map[string]json.RawMessage `json:"connectionDetails"`
	ConnectViaSsh         *bool                      `json:"connectViaSsh"`
	IncludeMagic          *bool                      `json:"includeMagic"`
	AllowWritebackCells   *bool                      `json:"allowWritebackCells"`
	SchemaFilters         *schemaFilters             `json:"schemaFilters"`
	SchemaRefreshSchedule json.RawMessage            `json:"schemaRefreshSchedule"`
	SchemaRefreshAccess   *string                    `json:"schemaRefreshAccess"`
	Sharing               json.RawMessage            `json:"sharing"`
}

type matchSpec struct {
	Values    []string `json:"values"`
	MatchType string   `json:"matchType"`
}

type entityFilter struct {
	Include *matchSpec `json:"include,omitempty"`
	Exclude *matchSpec `json:"exclude,omitempty"`
}

type schemaFilters struct {
	Databases *entityFilter `json:"databases,omitempty"`
	Schemas   *entityFilter `json:"schemas,omitempty"`
	Tables    *entityFilter `json:"tables,omitempty"`
}

type apiWorkspace struct {
	Members *string `json:"members"`
	Guests  *string `json:"guests"`
	Public  *string `json:"public"`
}

type apiGroupAccess struct {
	Group  idRef  `json:"group"`
	Access string `json:"access"`
}

type createSharing struct {
	Workspace *apiWorkspace    `json:"workspace"`
	Groups    []apiGroupAccess `json:"groups"`
}

type editSharing struct {
	Workspace *apiWorkspace `json:"workspace"`
	Groups    *struct {
		Upsert []apiGroupAccess `json:"upsert"`
	} `json:"groups"`
}

// sharingUpdate is validated sharing: lower-case access levels, groups by name.
type sharingUpdate struct {
	members, guests, public *string
	groups                  map[string]string
}

var (
	accessLevels  = []string{"NONE", "QUERY", "VIEW_RESULTS"}
	publicLevels  = []string{"NONE", "VIEW_RESULTS"}
	matchTypes    = []string{"EXACT", "PREFIX", "REGEX", "SUFFIX"}
	cadences      = []string{"HOURLY", "DAILY", "WEEKLY", "MONTHLY", "CUSTOM"}
	daysOfWeek    = []string{"SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"}
	refreshAccess = []string{"ADMINS", "USERS_WITH_QUERY_ACCESS"}
)

// checkEnum validates an enumerated value; it reports whether v is allowed.
func checkEnum(v, path string, allowed []string, issues *[]string) bool {
	if slices.Contains(allowed, v) {
		return true
	}
	*issues = append(*issues, fmt.Sprintf("%s must be one of %s, not %q", path, strings.Join(allowed, ", "), v))
	return false
}

// parseSharing validates the create (upsert false) or edit (upsert true) sharing shape.
func (s *Server) parseSharing(raw json.RawMessage, upsert bool, issues *[]string) *sharingUpdate {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var ws *apiWorkspace
	var groups []apiGroupAccess
	path := "sharing.groups"
	if upsert {
		var e editSharing
		if bad := decodeStrict(raw, &e); bad != nil {
			*issues = append(*issues, "sharing: "+bad[0])
			return nil
		}
		ws = e.Workspace
		if e.Groups != nil {
			groups, path = e.Groups.Upsert, "sharing.groups.upsert"
		}
	} else {
		var c createSharing
		if bad := decodeStrict(raw, &c); bad != nil {
			*issues = append(*issues, "sharing: "+bad[0])
			return nil
		}
		ws, groups = c.Workspace, c.Groups
	}
	u := &sharingUpdate{groups: map[string]string{}}
	if ws != nil {
		u.members = level(ws.Members, "sharing.workspace.members", accessLevels, issues)
		u.guests = level(ws.Guests, "sharing.workspace.guests", accessLevels, issues)
		u.public = level(ws.Public, "sharing.workspace.public", publicLevels, issues)
	}
	for i, ga := range groups {
		p := fmt.Sprintf("%s[%d]", path, i)
		g := s.groupByID(ga.Group.ID)
		if g == nil {
			*issues = append(*issues, fmt.Sprintf("%s.group.id: no group %q", p, ga.Group.ID))
		}
		if checkEnum(ga.Access, p+".access", accessLevels, issues) && g != nil {
			u.groups[g.Name] = strings.ToLower(ga.Access)
		}
	}
	return u
}

func level(v *string, path string, allowed []string, issues *[]string) *string {
	if v == nil || !checkEnum(*v, path, allowed, issues) {
		return nil
	}
	l := strings.ToLower(*v)
	return &l
}

// checkFilters validates schemaFilters.
func checkFilters(f *schemaFilters, issues *[]string) {
	if f == nil {
		return
	}
	names := []string{"databases", "schemas", "tables"}
	for i, ef := range []*entityFilter{f.Databases, f.Schemas, f.Tables} {
		if ef == nil {
			continue
		}
		for j, m := range []*matchSpec{ef.Include, ef.Exclude} {
			p := "schemaFilters." + names[i] + "." + []string{"include", "exclude"}[j]
			if m == nil {
				continue
			}
			if m.Values == nil {
				*issues = append(*issues, p+".values is required")
			}
			checkEnum(m.MatchType, p+".matchType", matchTypes, issues)
		}
	}
}

func checkRange(v *int, lo, hi int, path string, issues *[]string) {
	if v != nil && (*v < lo || *v > hi) {
		*issues = append(*issues, fmt.Sprintf("%s must be from %d to %d, not %d", path, lo, hi, *v))
	}
}

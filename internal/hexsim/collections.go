package hexsim

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// The API declares a collection's access levels as plain strings; the
// simulator takes the schema's levels in upper case (NONE, MEMBER,
// MANAGER) and refuses others. Upserting NONE removes an entry.
var collectionLevels = upper(schema.CollectionLevels)

func upper(in []string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = strings.ToUpper(s)
	}
	return out
}

// apiCollection is CollectionApiResource.
type apiCollection struct {
	ID          string        `json:"id"`
	Name        string        `json:"name"`
	Description *string       `json:"description,omitempty"`
	Sharing     apiCollShares `json:"sharing"`
}

// apiCollShares is CollectionApiResourceSharing, as read and as written.
type apiCollShares struct {
	Users     []apiCollShare `json:"users,omitempty"`
	Groups    []apiCollShare `json:"groups,omitempty"`
	Workspace *struct {
		Members *string `json:"members,omitempty"`
	} `json:"workspace,omitempty"`
}

type apiCollShare struct {
	ID     *string `json:"id"`
	Access *string `json:"access"`
}

type createCollectionReq struct {
	Name        *string        `json:"name"`
	Description *string        `json:"description"`
	Sharing     *apiCollShares `json:"sharing"`
}

type editCollectionReq struct {
	Name        *string `json:"name"`
	Description *string `json:"description"`
	Sharing     *struct {
		Upsert *apiCollShares `json:"upsert"`
	} `json:"sharing"`
}

// normaliseCollections gives loaded collections ids and creation times.
func (s *Server) normaliseCollections() {
	for _, c := range s.state.Collections {
		if c.ID != "" {
			s.ids[c.ID] = true
		}
	}
	for i := range s.state.Collections {
		c := &s.state.Collections[i]
		if c.ID == "" {
			c.ID = s.newID("collection")
		}
		s.created[c.ID] = epoch.Add(time.Duration(i) * time.Second)
	}
}

func (s *Server) collectionByID(id string) *reconcile.CollectionState {
	for i := range s.state.Collections {
		if s.state.Collections[i].ID == id {
			return &s.state.Collections[i]
		}
	}
	return nil
}

// toAPICollection renders a collection, its sharing by id; entries
// naming users or groups the workspace does not have (deactivated users
// included) are left out.
func (s *Server) toAPICollection(c *reconcile.CollectionState) apiCollection {
	a := apiCollection{ID: c.ID, Name: c.Name}
	if c.Description != "" {
		d := c.Description
		a.Description = &d
	}
	members := levelOut(c.Sharing.Members)
	a.Sharing.Workspace = &struct {
		Members *string `json:"members,omitempty"`
	}{Members: &members}
	for _, email := range slices.Sorted(maps.Keys(c.Sharing.Users)) {
		if u := s.userByEmail(email); u != nil && u.Active && levelOut(c.Sharing.Users[email]) != "NONE" {
			a.Sharing.Users = append(a.Sharing.Users, share(u.ID, c.Sharing.Users[email]))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.Sharing.Groups)) {
		if g := s.groupByName(name); g != nil && levelOut(c.Sharing.Groups[name]) != "NONE" {
			a.Sharing.Groups = append(a.Sharing.Groups, share(g.ID, c.Sharing.Groups[name]))
		}
	}
	return a
}

func share(id, level string) apiCollShare {
	access := levelOut(level)
	return apiCollShare{ID: &id, Access: &access}
}

// levelOut is a stored level as the API spells it: "" is NONE.
func levelOut(level string) string {
	if level == "" {
		return "NONE"
	}
	return strings.ToUpper(level)
}

func handleListCollections(s *Server, c *call) (int, any, *apiError) {
	var issues []string
	if c.query.Has("sortDirection") {
		issues = append(issues, "sortDirection is not a parameter of ListCollections (it sorts by NAME only)")
	}
	p := parsePage(c.query, 100, []string{"NAME"}, []string{"ASC"}, &issues)
	if issues != nil {
		return 0, nil, invalid("query", issues)
	}
	list := make([]apiCollection, 0, len(s.state.Collections))
	for i := range s.state.Collections {
		list = append(list, s.toAPICollection(&s.state.Collections[i]))
	}
	vals, pg := paginate(list, func(a apiCollection) string { return strings.ToLower(a.Name) + "\x00" + a.ID }, p)
	return http.StatusOK, listBody{Values: vals, Pagination: pg}, nil
}

func handleGetCollection(s *Server, c *call) (int, any, *apiError) {
	col := s.collectionByID(c.args[0])
	if col == nil {
		return 0, nil, errorf(http.StatusNotFound, "collection %s not found", c.args[0])
	}
	return http.StatusOK, s.toAPICollection(col), nil
}

func handleCreateCollection(s *Server, c *call) (int, any, *apiError) {
	var req createCollectionReq
	if issues := decodeStrict(c.body, &req); issues != nil {
		return 0, nil, invalid("request body", issues)
	}
	var issues []string
	checkName(req.Name, "name", true, &issues)
	col := reconcile.CollectionState{Sharing: reconcile.CollectionSharing{Members: schema.AccessNone}}
	s.upsertShares(&col.Sharing, req.Sharing, "sharing", &issues)
	if issues != nil {
		return 0, nil, invalid("request body", issues)
	}
	col.ID, col.Name = s.newID("collection"), *req.Name
	if req.Description != nil {
		col.Description = *req.Description
	}
	s.state.Collections = append(s.state.Collections, col)
	s.created[col.ID] = s.cfg.Now()
	return http.StatusCreated, s.toAPICollection(&col), nil
}

func handleEditCollection(s *Server, c *call) (int, any, *apiError) {
	col := s.collectionByID(c.args[0])
	if col == nil {
		return 0, nil, errorf(http.StatusNotFound, "collection %s not found", c.args[0])
	}
	var req editCollectionReq
	if issues := decodeStrict(c.body, &req); issues != nil {
		return 0, nil, invalid("request body", issues)
	}
	var issues []string
	checkName(req.Name, "name", false, &issues)
	sh := cloneCollSharing(col.Sharing)
	if req.Sharing != nil {
		s.upsertShares(&sh, req.Sharing.Upsert, "sharing.upsert", &issues)
	}
	if issues != nil {
		return 0, nil, invalid("request body", issues)
	}
	if req.Name != nil {
		col.Name = *req.Name
	}
	if req.Description != nil {
		col.Description = *req.Description
	}
	col.Sharing = sh
	return http.StatusOK, s.toAPICollection(col), nil
}

// upsertShares checks the entries of a sharing body and sets them in sh:
// users and groups by id, each to its level; NONE removes an entry.
func (s *Server) upsertShares(sh *reconcile.CollectionSharing, in *apiCollShares, path string, issues *[]string) {
	if in == nil {
		return
	}
	if w := in.Workspace; w != nil && w.Members != nil {
		if level, ok := levelIn(*w.Members, path+".workspace.members", issues); ok {
			sh.Members = level
		}
	}
	for i, e := range in.Users {
		at := fmt.Sprintf("%s.users[%d]", path, i)
		id, level, ok := entry(e, at, issues)
		u := s.userByID(id)
		if ok && (u == nil || !u.Active) {
			*issues = append(*issues, fmt.Sprintf("%s.id: no active user %s", at, id))
			continue
		}
		if ok {
			sh.Users = setLevel(sh.Users, u.Email, level)
		}
	}
	for i, e := range in.Groups {
		at := fmt.Sprintf("%s.groups[%d]", path, i)
		id, level, ok := entry(e, at, issues)
		g := s.groupByID(id)
		if ok && g == nil {
			*issues = append(*issues, fmt.Sprintf("%s.id: no group %s", at, id))
			continue
		}
		if ok {
			sh.Groups = setLevel(sh.Groups, g.Name, level)
		}
	}
}

// entry checks one user or group entry: an id and a level, both required.
func entry(e apiCollShare, at string, issues *[]string) (id, level string, ok bool) {
	if e.ID == nil || *e.ID == "" {
		*issues = append(*issues, at+".id is required")
		return "", "", false
	}
	if e.Access == nil {
		*issues = append(*issues, at+".access is required")
		return "", "", false
	}
	level, ok = levelIn(*e.Access, at+".access", issues)
	return *e.ID, level, ok
}

// levelIn reads a level as the API spells it into the schema's form.
func levelIn(access, path string, issues *[]string) (string, bool) {
	if !slices.Contains(collectionLevels, access) {
		*issues = append(*issues, fmt.Sprintf("%s must be one of %s, not %q", path, strings.Join(collectionLevels, ", "), access))
		return "", false
	}
	return strings.ToLower(access), true
}

// setLevel sets key's level in m, or removes it for none.
func setLevel(m map[string]string, key, level string) map[string]string {
	if level == schema.AccessNone {
		delete(m, key)
		return m
	}
	if m == nil {
		m = map[string]string{}
	}
	m[key] = level
	return m
}

func cloneCollSharing(sh reconcile.CollectionSharing) reconcile.CollectionSharing {
	sh.Users = maps.Clone(sh.Users)
	sh.Groups = maps.Clone(sh.Groups)
	return sh
}

// moveCollectionSharing follows a group rename (or deletion, to "") in
// collection sharing, which names groups. Nothing moves while another group
// still has the old name.
func (s *Server) moveCollectionSharing(old, name string) {
	if s.groupByName(old) != nil {
		return
	}
	for i := range s.state.Collections {
		sh := &s.state.Collections[i].Sharing
		level, ok := sh.Groups[old]
		if !ok {
			continue
		}
		delete(sh.Groups, old)
		if name != "" {
			sh.Groups[name] = level
		}
	}
}

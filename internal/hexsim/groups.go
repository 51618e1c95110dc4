package hexsim

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/hexform/hexform/reconcile"
)

// maxMembers is the most users one members list may hold.
const maxMembers = 100

// apiGroup is GroupApiResource.
type apiGroup struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	CreatedAt string `json:"createdAt"`
}

type idRef struct {
	ID string `json:"id"`
}

type userList struct {
	Users []idRef `json:"users"`
}

type createGroupReq struct {
	Name    *string   `json:"name"`
	Members *userList `json:"members"`
}

type editGroupReq struct {
	Name    *string `json:"name"`
	Members *struct {
		Add    *userList `json:"add"`
		Remove *userList `json:"remove"`
	} `json:"members"`
}

const timeFormat = "2006-01-02T15:04:05.000Z"

func (s *Server) toAPIGroup(g *reconcile.GroupState) apiGroup {
	return apiGroup{ID: g.ID, Name: g.Name, CreatedAt: s.created[g.ID].UTC().Format(timeFormat)}
}

func (s *Server) groupByID(id string) *reconcile.GroupState {
	for i := range s.state.Groups {
		if s.state.Groups[i].ID == id {
			return &s.state.Groups[i]
		}
	}
	return nil
}

// checkUsers checks a members list and returns the users' e-mails.
func (s *Server) checkUsers(l *userList, path string, issues *[]string) []string {
	if l == nil {
		return nil
	}
	if len(l.Users) > maxMembers {
		*issues = append(*issues, fmt.Sprintf("%s: at most %d items, got %d", path, maxMembers, len(l.Users)))
	}
	var emails []string
	for i, ref := range l.Users {
		u := s.userByID(ref.ID)
		switch {
		case ref.ID == "":
			*issues = append(*issues, fmt.Sprintf("%s[%d].id is required", path, i))
		case u == nil || !u.Active:
			*issues = append(*issues, fmt.Sprintf("%s[%d].id: no active user %s", path, i, ref.ID))
		default:
			emails = append(emails, u.Email)
		}
	}
	return emails
}

func handleListGroups(s *Server, c *call) (int, any, *apiError) {
	var issues []string
	p := parsePage(c.query, 500, []string{"NAME", "CREATED_AT"}, []string{"ASC", "DESC"}, &issues)
	if issues != nil {
		return 0, nil, invalid("query", issues)
	}
	list := make([]apiGroup, 0, len(s.state.Groups))
	for i := range s.state.Groups {
		list = append(list, s.toAPIGroup(&s.state.Groups[i]))
	}
	vals, pg := paginate(list, func(g apiGroup) string {
		if strings.HasPrefix(p.order, "NAME") {
			return strings.ToLower(g.Name) + "\x00" + g.ID
		}
		return sortTime(s.created[g.ID]) + "\x00" + g.ID
	}, p)
	return http.StatusOK, listBody{Values: vals, Pagination: pg}, nil
}

func handleGetGroup(s *Server, c *call) (int, any, *apiError) {
	g := s.groupByID(c.args[0])
	if g == nil {
		return 0, nil, errorf(http.StatusNotFound, "group %s not found", c.args[0])
	}
	return http.StatusOK, s.toAPIGroup(g), nil
}

func handleCreateGroup(s *Server, c *call) (int, any, *apiError) {
	var req createGroupReq
	if issues := decodeStrict(c.body, &req); issues != nil {
		return 0, nil, invalid("request body", issues)
	}
	var issues []string
	checkName(req.Name, "name", true, &issues)
	emails := s.checkUsers(req.Members, "members.users", &issues)
	if issues != nil {
		return 0, nil, invalid("request body", issues)
	}
	g := reconcile.GroupState{ID: s.newID("group"), Name: *req.Name, Members: normEmails(emails)}
	s.state.Groups = append(s.state.Groups, g)
	s.created[g.ID] = s.cfg.Now()
	users := []idRef{}
	for _, e := range g.Members {
		users = append(users, idRef{ID: s.userByEmail(e).ID})
	}
	return http.StatusCreated, map[string]any{"id": g.ID, "name": g.Name, "members": userList{Users: users}}, nil
}

func handleEditGroup(s *Server, c *call) (int, any, *apiError) {
	g := s.groupByID(c.args[0])
	if g == nil {
		return 0, nil, errorf(http.StatusNotFound, "group %s not found", c.args[0])
	}
	var req editGroupReq
	if issues := decodeStrict(c.body, &req); issues != nil {
		return 0, nil, invalid("request body", issues)
	}
	var issues []string
	checkName(req.Name, "name", false, &issues)
	var add, remove []string
	if req.Members != nil {
		add = s.checkUsers(req.Members.Add, "members.add.users", &issues)
		remove = s.checkUsers(req.Members.Remove, "members.remove.users", &issues)
	}
	for _, e := range add {
		if slices.Contains(remove, e) {
			issues = append(issues, fmt.Sprintf("user %s is both added and removed", s.userByEmail(e).ID))
		}
	}
	if issues != nil {
		return 0, nil, invalid("request body", issues)
	}
	if req.Name != nil && *req.Name != g.Name {
		old := g.Name
		g.Name = *req.Name
		s.moveSharing(old, g.Name)
	}
	members := slices.DeleteFunc(append(g.Members, add...), func(e string) bool { return slices.Contains(remove, e) })
	g.Members = normEmails(members)
	return http.StatusOK, s.toAPIGroup(g), nil
}

func handleDeleteGroup(s *Server, c *call) (int, any, *apiError) {
	g := s.groupByID(c.args[0])
	if g == nil {
		return 0, nil, errorf(http.StatusNotFound, "group %s not found", c.args[0])
	}
	name := g.Name
	s.state.Groups = slices.DeleteFunc(s.state.Groups, func(x reconcile.GroupState) bool { return x.ID == c.args[0] })
	s.moveSharing(name, "")
	return http.StatusNoContent, nil, nil
}

// moveSharing follows a group rename (or deletion, to "") in connection
// and collection sharing, which name groups. Nothing moves while another
// group still has the old name.
func (s *Server) moveSharing(old, name string) {
	s.moveCollectionSharing(old, name)
	if s.groupByName(old) != nil {
		return
	}
	for i := range s.state.Connections {
		sh := &s.state.Connections[i].Sharing
		access, ok := sh.Groups[old]
		if !ok {
			continue
		}
		delete(sh.Groups, old)
		if name != "" {
			sh.Groups[name] = access
		}
	}
}

func (s *Server) groupByName(name string) *reconcile.GroupState {
	for i := range s.state.Groups {
		if s.state.Groups[i].Name == name {
			return &s.state.Groups[i]
		}
	}
	return nil
}

package reconcile

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/hexform/hexform/schema"
)

// KindUser is the kind of workspace users.
const KindUser Kind = "user"

var userItems = items[UserState]{
	kind:    KindUser,
	of:      func(s *Snapshot) *[]UserState { return &s.Users },
	id:      func(u *UserState) *string { return &u.ID },
	name:    func(u *UserState) *string { return &u.Email },
	fold:    func(s string) string { return strings.ToLower(strings.TrimSpace(s)) },
	canon:   func(u *UserState) { u.Email = strings.ToLower(u.Email) },
	init:    initUser,
	set:     setUser,
	actions: []Action{ActionDeactivate},
}

var userSpec = &KindSpec{
	Kind:      KindUser,
	Title:     "Users",
	managed:   func(w *schema.Workspace) bool { return w.Users != nil },
	diff:      func(d *differ) { d.diffUsers() },
	alone:     true, // it reads the file's users and domains, and the state's users
	part:      userItems.part,
	normalize: userItems.normalize,
	clone:     userItems.clone,
	typed:     userItems,
	idents:    userItems.idents,
	count: func(s *Snapshot) int {
		n := 0
		for _, u := range s.Users {
			if u.Active {
				n++
			}
		}
		return n
	},
	export: func(s *Snapshot, w *schema.Workspace) { w.Users = exportUsers(s) },
	fromFile: func(w *schema.Workspace, s *Snapshot) bool {
		for _, u := range w.Users {
			us := UserState{ID: strings.ToLower(u.Email), Email: strings.ToLower(u.Email), Role: u.Role, Active: true}
			if u.Name != nil {
				us.Name = *u.Name
			}
			s.Users = append(s.Users, us)
		}
		return w.Users != nil
	},
	fieldRisk: func(f Field) Risk {
		if f.Path != "role" {
			return RiskLow
		}
		before, after := roleOf(f.Before), roleOf(f.After)
		if before == schema.RoleAdmin && after != schema.RoleAdmin {
			return RiskHigh
		}
		if f.Before != nil && after.Rank() < before.Rank() {
			return RiskMedium
		}
		return RiskLow
	},
	provides: func(c Change, _ *differ) string {
		if c.Action == ActionCreate {
			return "user/" + c.Name
		}
		return ""
	},
}

// initUser gives a new user what Hex gives an invited one: active, with the
// workspace's default role (viewer when it has none).
func initUser(u *UserState, s *Snapshot) {
	u.Active, u.Role = true, s.Domains.DefaultRole
	if u.Role == "" {
		u.Role = schema.RoleViewer
	}
}

// setUser is the user's field table.
func setUser(u *UserState, f Field, create bool) (err error) {
	switch f.Path {
	case "email":
		if !create {
			return errors.New("an email cannot change: deactivate the user and create one with the new email")
		}
		email, err := FieldString(f.After)
		if err == nil && !strings.EqualFold(strings.TrimSpace(email), u.Email) {
			err = fmt.Errorf("email %q differs from the change's name %q", email, u.Email)
		}
		return err
	case "name":
		u.Name, err = FieldString(f.After)
	case "role":
		u.Role, err = asRole(f.After)
	case "active":
		u.Active, err = FieldBool(f.After)
	default:
		return unknownField("email", "name", "role", "active")
	}
	return err
}

func exportUsers(s *Snapshot) []schema.User {
	users := []schema.User{}
	for _, u := range s.Users {
		if !u.Active {
			continue
		}
		su := schema.User{Email: u.Email, Role: u.Role}
		if u.Name != "" {
			name := u.Name
			su.Name = &name
		}
		users = append(users, su)
	}
	sort.Slice(users, func(i, j int) bool { return strings.ToLower(users[i].Email) < strings.ToLower(users[j].Email) })
	return users
}

// UserState is a workspace user. Deactivated users stay with Active false.
type UserState struct {
	ID     string      `json:"id"`
	Email  string      `json:"email"`
	Name   string      `json:"name,omitempty"`
	Role   schema.Role `json:"role"`
	Active bool        `json:"active"`
}

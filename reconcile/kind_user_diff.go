package reconcile

import (
	"sort"
	"strings"

	"github.com/hexform/hexform/schema"
)

// diffUsers applies the users rule: listed users get exactly
// their role (and name, when given), missing ones are invited, inactive ones
// reactivated; an unlisted active user in an allowed domain should hold the
// default role; any other unlisted active user is deactivated.
func (d *differ) diffUsers() {
	listed := make(map[string]schema.User, len(d.want.Users))
	emails := make([]string, 0, len(d.want.Users))
	for _, u := range d.want.Users {
		e := strings.ToLower(strings.TrimSpace(u.Email))
		if _, dup := listed[e]; dup || d.ignored(KindUser, e) {
			continue
		}
		listed[e] = u
		emails = append(emails, e)
	}
	sort.Strings(emails)
	have := make(map[string]UserState, len(d.have.Users))
	for _, u := range d.have.Users {
		if _, dup := have[u.Email]; !dup {
			have[u.Email] = u
		}
	}
	for _, e := range emails {
		d.listedUser(e, listed[e], have)
	}
	allowed, defRole := d.allowedDomains(), d.defaultRole()
	seen := map[string]bool{}
	for _, h := range d.have.Users {
		if _, ok := listed[h.Email]; ok || seen[h.Email] || !h.Active || d.ignored(KindUser, h.Email) {
			continue // listed, a duplicate of an earlier entry, inactive or ignored
		}
		seen[h.Email] = true
		if allowed[emailDomain(h.Email)] {
			if defRole != "" && h.Role != defRole {
				d.add(Change{Action: ActionUpdate, Kind: KindUser, Name: h.Email, ResourceID: h.ID,
					Fields: []Field{{Path: "role", Before: string(h.Role), After: string(defRole)}}})
			}
			continue
		}
		d.add(Change{Action: ActionDeactivate, Kind: KindUser, Name: h.Email, ResourceID: h.ID,
			Fields: []Field{{Path: "active", Before: true, After: false}}})
	}
}

func (d *differ) listedUser(email string, u schema.User, have map[string]UserState) {
	h, ok := have[email]
	if !ok {
		var fs fieldSet
		fs.put("email", nil, email)
		if u.Name != nil {
			fs.put("name", nil, *u.Name)
		}
		fs.put("role", nil, string(u.Role))
		d.add(Change{Action: ActionCreate, Kind: KindUser, Name: email, Fields: fs})
		return
	}
	var fs fieldSet
	fs.set("active", h.Active, true)
	if u.Role != "" {
		fs.set("role", string(h.Role), string(u.Role))
	}
	if u.Name != nil {
		fs.set("name", h.Name, *u.Name)
	}
	d.add(Change{Action: ActionUpdate, Kind: KindUser, Name: email, ResourceID: h.ID, Fields: fs})
}

// allowedDomains is the set of allowed domains after the plan: the YAML's
// when it manages them, the current ones otherwise.
func (d *differ) allowedDomains() map[string]bool {
	src := d.have.Domains.Allowed
	if d.want.Domains != nil && d.want.Domains.Allowed != nil {
		src = d.want.Domains.Allowed
	}
	out := map[string]bool{}
	for _, dom := range src {
		out[strings.ToLower(strings.TrimSpace(dom))] = true
	}
	return out
}

// defaultRole is the default role after the plan.
func (d *differ) defaultRole() schema.Role {
	if d.want.Domains != nil && d.want.Domains.DefaultRole != "" {
		return d.want.Domains.DefaultRole
	}
	return d.have.Domains.DefaultRole
}

func emailDomain(email string) string {
	if i := strings.LastIndexByte(email, '@'); i >= 0 {
		return email[i+1:]
	}
	return ""
}

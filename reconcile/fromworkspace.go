package reconcile

import (
	"sort"
	"strings"

	"github.com/hexform/hexform/schema"
)

// FromWorkspace is the state a workspace file describes, as if applied to an
// empty workspace: Diff(head, FromWorkspace(base)) is what a change to the
// file itself does, per resource. Kinds whose section is absent from base are
// listed as Unreadable, so their changes come out unverifiable rather than as
// creates. Ids are the resource names (there is no target to assign them).
func FromWorkspace(ws *schema.Workspace) *Snapshot {
	s := &Snapshot{}
	if ws.Domains != nil {
		s.Domains = DomainState{Allowed: lowerAll(ws.Domains.Allowed), DefaultRole: ws.Domains.DefaultRole}
	} else {
		s.Unreadable = append(s.Unreadable, KindDomain, KindSetting)
	}
	if ws.Users != nil {
		for _, u := range ws.Users {
			us := UserState{ID: strings.ToLower(u.Email), Email: strings.ToLower(u.Email), Role: u.Role, Active: true}
			if u.Name != nil {
				us.Name = *u.Name
			}
			s.Users = append(s.Users, us)
		}
	} else {
		s.Unreadable = append(s.Unreadable, KindUser)
	}
	fromGroups(s, ws)
	fromConnections(s, ws)
	fromPackages(s, ws)
	fromTags(s, ws)
	sort.Slice(s.Unreadable, func(i, j int) bool { return s.Unreadable[i] < s.Unreadable[j] })
	return s
}

func fromGroups(s *Snapshot, ws *schema.Workspace) {
	if ws.Groups == nil {
		s.Unreadable = append(s.Unreadable, KindGroup)
		return
	}
	for _, g := range ws.Groups {
		s.Groups = append(s.Groups, GroupState{ID: g.Name, Name: g.Name, Members: lowerAll(g.Members), Protected: schema.On(g.Protect)})
	}
}

func fromConnections(s *Snapshot, ws *schema.Workspace) {
	if ws.Connections == nil {
		s.Unreadable = append(s.Unreadable, KindConnection)
		return
	}
	for _, c := range ws.Connections {
		cs := ConnectionState{ID: c.Name, Name: c.Name, Type: c.Type, Config: c.Config, SchemaRefresh: c.SchemaRefresh, Protected: schema.On(c.Protect)}
		if c.Description != nil {
			cs.Description = *c.Description
		}
		if len(c.Secrets) > 0 {
			cs.Secrets, cs.SecretRefs = map[string]string{}, map[string]string{}
			for k, ref := range c.Secrets {
				cs.Secrets[k] = ref.String()
				cs.SecretRefs[k] = ref.String()
			}
		}
		if c.Sharing != nil {
			if w := c.Sharing.Workspace; w != nil {
				cs.Sharing.Members, cs.Sharing.Guests, cs.Sharing.Public = deref(w.Members), deref(w.Guests), deref(w.Public)
			}
			cs.Sharing.Groups = c.Sharing.Groups
		}
		if c.IncludeMagic != nil {
			cs.IncludeMagic = *c.IncludeMagic
		}
		if c.AllowWritebackCells != nil {
			cs.AllowWritebackCells = *c.AllowWritebackCells
		}
		s.Connections = append(s.Connections, cs)
	}
}

func fromPackages(s *Snapshot, ws *schema.Workspace) {
	if ws.Packages == nil {
		s.Unreadable = append(s.Unreadable, KindPackage)
		return
	}
	for _, p := range ws.Packages {
		s.Packages = append(s.Packages, PackageState{ID: p.Name, Name: p.Name, Repository: p.Repository, Ref: p.Ref, Install: p.Install, Protected: schema.On(p.Protect)})
	}
}

func fromTags(s *Snapshot, ws *schema.Workspace) {
	if ws.Tags == nil || ws.Tags.Statuses == nil {
		s.Unreadable = append(s.Unreadable, KindStatus)
	} else {
		for _, st := range ws.Tags.Statuses {
			s.Statuses = append(s.Statuses, StatusState{ID: st.Name, Name: st.Name, Endorsed: st.Endorsed != nil && *st.Endorsed, Protected: schema.On(st.Protect)})
		}
	}
	if ws.Tags == nil || ws.Tags.Categories == nil {
		s.Unreadable = append(s.Unreadable, KindCategory)
	} else {
		for _, c := range ws.Tags.Categories {
			s.Categories = append(s.Categories, CategoryState{ID: c.Name, Name: c.Name, Description: deref(c.Description), Protected: schema.On(c.Protect)})
		}
	}
}

func lowerAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strings.ToLower(x)
	}
	sort.Strings(out)
	return out
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// UseFileDiffFor replaces the plan's changes of the kinds the target cannot
// read with the changes the workspace file itself made to them (fileDiff is
// Diff(head, FromWorkspace(base))), marked unverifiable: the checklist of
// what to do by hand in Settings. It re-summarises the plan.
func UseFileDiffFor(p *Plan, unreadable []Kind, fileDiff *Plan) {
	skip := map[Kind]bool{}
	for _, k := range unreadable {
		skip[k] = true
	}
	kept := p.Changes[:0:0]
	for _, c := range p.Changes {
		if !skip[c.Kind] {
			kept = append(kept, c)
		}
	}
	for _, c := range fileDiff.Changes {
		if skip[c.Kind] {
			c.Mode = ModeUnverifiable
			c.ResourceID = ""
			kept = append(kept, c)
		}
	}
	p.Changes = kept
	p.Summarize()
}

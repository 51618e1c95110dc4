package reconcile

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hexform/hexform/schema"
)

// KindDomain is the kind of allowed domains.
const KindDomain Kind = "domain"

// The allowed domains (domains.allowed): each domain is an item named by
// itself, created or deleted, never updated.
var domainSpec = &KindSpec{
	Kind:      KindDomain,
	Section:   "domains.allowed",
	Title:     "Allowed domains",
	managed:   func(w *schema.Workspace) bool { return w.Domains != nil && w.Domains.Allowed != nil },
	diff:      diffDomains,
	part:      func(s *Snapshot) any { return s.Domains.Allowed },
	normalize: func(s *Snapshot) { s.Domains.Allowed = lowerSet(s.Domains.Allowed) },
	clone:     func(dst, src *Snapshot) { dst.Domains.Allowed = slices.Clone(src.Domains.Allowed) },
	count:     func(s *Snapshot) int { return len(s.Domains.Allowed) },
	export:    exportDomains,
	fromFile: func(w *schema.Workspace, s *Snapshot) bool {
		if w.Domains == nil {
			return false
		}
		s.Domains.Allowed = lowerAll(w.Domains.Allowed)
		return true
	},
	typed: domainTyped{},
}

// exportDomains writes the domains: section, allowed domains and default
// role together, when the target reads both.
func exportDomains(s *Snapshot, w *schema.Workspace) {
	if slices.Contains(s.Unreadable, KindSetting) {
		return
	}
	w.Domains = &schema.Domains{Allowed: append([]string{}, s.Domains.Allowed...), DefaultRole: s.Domains.DefaultRole}
	if len(w.Domains.Allowed) == 0 && w.Domains.DefaultRole == "" {
		w.Domains = nil
	}
}

// diffDomains handles the allowed domains, managed by `domains.allowed`.
func diffDomains(d *differ) {
	want := lowerSet(d.want.Domains.Allowed)
	have := map[string]bool{}
	for _, dom := range d.have.Domains.Allowed {
		have[dom] = true
	}
	wantSet := map[string]bool{}
	for _, dom := range want {
		wantSet[dom] = true
		if !have[dom] && !d.ignored(KindDomain, dom) {
			d.add(Change{Action: ActionCreate, Kind: KindDomain, Name: dom,
				Fields: []Field{{Path: "domain", Before: nil, After: dom}}})
		}
	}
	for _, dom := range d.have.Domains.Allowed {
		if !wantSet[dom] && !d.ignored(KindDomain, dom) {
			d.add(Change{Action: ActionDelete, Kind: KindDomain, Name: dom,
				Fields: []Field{{Path: "domain", Before: dom, After: nil}}})
		}
	}
}

// domainTyped types a domain's changes: Before and After are the domain.
type domainTyped struct{}

func (domainTyped) resolve(s *Snapshot, c Change) (before, after any, err error) {
	name := strings.ToLower(strings.TrimSpace(c.Name))
	for _, f := range c.Fields {
		if f.Path != "domain" {
			return nil, nil, &FieldError{Kind: c.Kind, Path: f.Path, Err: unknownField("domain")}
		}
	}
	held := slices.Contains(s.Domains.Allowed, name)
	switch c.Action {
	case ActionCreate:
		if name == "" {
			return nil, nil, fmt.Errorf("a domain needs a name")
		}
		if held {
			return nil, nil, &ExistsError{Kind: c.Kind, Name: name}
		}
		return nil, name, nil
	case ActionDelete:
		if !held {
			return nil, nil, &NotFoundError{Kind: c.Kind, Name: name}
		}
		return name, nil, nil
	}
	return nil, nil, fmt.Errorf("action %q does not apply to a domain (create or delete it)", c.Action)
}

func (t domainTyped) check(c Change) error {
	s := &Snapshot{}
	if c.Action == ActionDelete {
		s.Domains.Allowed = []string{strings.ToLower(strings.TrimSpace(c.Name))}
	}
	_, _, err := t.resolve(s, c)
	return err
}

func (domainTyped) put(s *Snapshot, _ Change, before, after any, _ string) error {
	if name, ok := after.(string); ok {
		s.Domains.Allowed = append(s.Domains.Allowed, name)
		return nil
	}
	name, _ := before.(string)
	if i := slices.Index(s.Domains.Allowed, name); i >= 0 {
		s.Domains.Allowed = slices.Delete(s.Domains.Allowed, i, i+1)
	}
	return nil
}

// DomainState is the allowed-domains setting.
type DomainState struct {
	Allowed     []string    `json:"allowed"`
	DefaultRole schema.Role `json:"default_role,omitempty"`
}

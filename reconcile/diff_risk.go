package reconcile

import (
	"slices"
	"strings"

	"github.com/hexform/hexform/schema"
)

// riskOf rates a change: deletes and deactivations are high; so are
// an admin's demotion and raising default_role above viewer. Removing a group
// member, lowering a sharing level, any other role downgrade, lifting
// protection and taking a secret from another reference are medium. Everything else is low.
func riskOf(c Change) Risk {
	if c.IsDestructive() {
		return RiskHigh
	}
	r := RiskLow
	for _, f := range c.Fields {
		if fr := fieldRisk(c.Kind, f); riskRank(fr) > riskRank(r) {
			r = fr
		}
	}
	return r
}

func fieldRisk(k Kind, f Field) Risk {
	switch {
	case k == KindUser && f.Path == "role":
		before, after := roleOf(f.Before), roleOf(f.After)
		if before == schema.RoleAdmin && after != schema.RoleAdmin {
			return RiskHigh
		}
		if f.Before != nil && after.Rank() < before.Rank() {
			return RiskMedium
		}
	case k == KindSetting && f.Path == "default_role":
		before, after := roleOf(f.Before), roleOf(f.After)
		if after.Rank() > schema.RoleViewer.Rank() && after.Rank() > before.Rank() {
			return RiskHigh
		}
		if f.Before != nil && after.Rank() < before.Rank() {
			return RiskMedium
		}
	case k == KindGroup && f.Path == "members":
		if len(setMinus(stringList(f.Before), stringList(f.After))) > 0 {
			return RiskMedium
		}
	case k == KindConnection && strings.HasPrefix(f.Path, "secrets."):
		if refChanged(f) {
			return RiskMedium
		}
	case k == KindConnection && strings.HasPrefix(f.Path, "sharing."):
		if f.Before != nil && levelRank(f.After) < levelRank(f.Before) {
			return RiskMedium
		}
	case f.Path == "protected":
		if f.Before == true && f.After != true {
			return RiskMedium
		}
	}
	return RiskLow
}

// refChanged reports whether a secret field is to come from another
// reference than the one it was set from: the value sent changes source,
// which a reviewer must see (a reference can name any variable or file).
func refChanged(f Field) bool {
	before, _ := f.Before.(string)
	if _, ok := schema.ParseSecretRef(before); !ok {
		return false
	}
	return before != f.After
}

func riskRank(r Risk) int {
	switch r {
	case RiskMedium:
		return 1
	case RiskHigh:
		return 2
	}
	return 0
}

func roleOf(v any) schema.Role {
	s, _ := v.(string)
	return schema.Role(s)
}

// levelRank orders sharing levels: none < view_results < query.
func levelRank(v any) int {
	switch v {
	case schema.AccessViewResults:
		return 1
	case schema.AccessQuery:
		return 2
	}
	return 0
}

// stringList reads a []string field value, also in the []any form a plan
// file read back holds; anything else reads as empty.
func stringList(v any) []string {
	l, _ := FieldStrings(v)
	return l
}

// setMinus returns the elements of a not in b, sorted.
func setMinus(a, b []string) []string {
	in := map[string]bool{}
	for _, s := range b {
		in[s] = true
	}
	var out []string
	for _, s := range a {
		if !in[s] {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// addDependencies links changes that need another change to succeed first:
// a group gaining members who are being invited needs those invitations; a
// connection shared with a group being created or renamed needs that change.
func (d *differ) addDependencies() {
	userCreates := map[string]string{}
	groupChanges := map[string]string{} // group name after the plan -> change id
	for _, c := range d.changes {
		switch {
		case c.Kind == KindUser && c.Action == ActionCreate:
			userCreates[c.Name] = c.ID
		case c.Kind == KindGroup && c.Action == ActionCreate:
			groupChanges[c.Name] = c.ID
		case c.Kind == KindGroup && c.Action == ActionRename:
			groupChanges[d.groupRenames[c.Name]] = c.ID
		}
	}
	for i := range d.changes {
		c := &d.changes[i]
		if c.IsDestructive() {
			continue
		}
		for _, f := range c.Fields {
			switch {
			case c.Kind == KindGroup && f.Path == "members":
				for _, m := range setMinus(stringList(f.After), stringList(f.Before)) {
					if id, ok := userCreates[m]; ok {
						c.DependsOn = append(c.DependsOn, id)
					}
				}
			case c.Kind == KindConnection && strings.HasPrefix(f.Path, "sharing.groups."):
				if id, ok := groupChanges[strings.TrimPrefix(f.Path, "sharing.groups.")]; ok {
					c.DependsOn = append(c.DependsOn, id)
				}
			}
		}
		slices.Sort(c.DependsOn)
		c.DependsOn = slices.Compact(c.DependsOn)
	}
}

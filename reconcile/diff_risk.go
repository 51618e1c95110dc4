package reconcile

import (
	"slices"

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

// fieldRisk rates one field: by the rule every kind shares (lifting
// protection is medium), then by the kind's own rules.
func fieldRisk(k Kind, f Field) Risk {
	if f.Path == "protected" {
		if f.Before == true && f.After != true {
			return RiskMedium
		}
		return RiskLow
	}
	if spec := SpecOf(k); spec != nil && spec.fieldRisk != nil {
		return spec.fieldRisk(f)
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

// StringList reads a list-of-strings field value, typed or in the []any
// form a plan file read back holds; anything else reads as empty.
func StringList(v any) []string {
	l, _ := FieldStrings(v)
	return l
}

// SetMinus returns the elements of a not in b, sorted, each once.
func SetMinus(a, b []string) []string {
	if slices.IsSorted(a) && slices.IsSorted(b) {
		return sortedMinus(a, b)
	}
	in := make(map[string]bool, len(b))
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

// sortedMinus is SetMinus of two sorted lists (what members and domains
// are), merged without a set.
func sortedMinus(a, b []string) []string {
	var out []string
	j := 0
	for _, s := range a {
		for j < len(b) && b[j] < s {
			j++
		}
		if (j == len(b) || b[j] != s) && (len(out) == 0 || out[len(out)-1] != s) {
			out = append(out, s)
		}
	}
	return out
}

// addDependencies links changes that need another change to succeed first:
// a group gaining members who are being invited needs those invitations; a
// connection shared with a group being created or renamed needs that change.
// Each kind says what its changes provide and need.
func (d *differ) addDependencies() {
	provided := map[string]string{} // "kind/name" after the plan -> change id
	for _, c := range d.changes {
		if spec := SpecOf(c.Kind); spec != nil && spec.provides != nil {
			if key := spec.provides(c, d); key != "" {
				provided[key] = c.ID
			}
		}
	}
	for i := range d.changes {
		c := &d.changes[i]
		spec := SpecOf(c.Kind)
		if c.IsDestructive() || spec == nil || spec.needs == nil {
			continue
		}
		for _, key := range spec.needs(*c) {
			if id, ok := provided[key]; ok {
				c.DependsOn = append(c.DependsOn, id)
			}
		}
		slices.Sort(c.DependsOn)
		c.DependsOn = slices.Compact(c.DependsOn)
	}
}

package reconcile

import (
	"fmt"

	"github.com/hexform/hexform/schema"
)

// KindSetting is the kind of workspace settings.
const KindSetting Kind = "setting" // workspace-wide settings: setting/default_role

// The workspace settings hexform manages: setting/default_role, the role a
// user of an allowed domain joins with (domains.default_role).
var settingSpec = &KindSpec{
	Kind:      KindSetting,
	Section:   "domains.default_role",
	Title:     "Settings",
	managed:   func(w *schema.Workspace) bool { return w.Domains != nil },
	diff:      diffSettings,
	part:      func(s *Snapshot) any { return s.Domains.DefaultRole },
	normalize: func(*Snapshot) {},
	clone:     func(_, _ *Snapshot) {},
	fromFile: func(w *schema.Workspace, s *Snapshot) bool {
		if w.Domains == nil {
			return false
		}
		s.Domains.DefaultRole = w.Domains.DefaultRole
		return true
	},
	fieldRisk: func(f Field) Risk {
		if f.Path != "default_role" {
			return RiskLow
		}
		before, after := roleOf(f.Before), roleOf(f.After)
		if after.Rank() > schema.RoleViewer.Rank() && after.Rank() > before.Rank() {
			return RiskHigh // everyone joining from an allowed domain gets more
		}
		if f.Before != nil && after.Rank() < before.Rank() {
			return RiskMedium
		}
		return RiskLow
	},
	typed: settingTyped{},
}

// diffSettings handles setting/default_role, managed by `domains.default_role`.
func diffSettings(d *differ) {
	want := d.want.Domains.DefaultRole
	if want == "" || want == d.have.Domains.DefaultRole {
		return
	}
	var before any
	if d.have.Domains.DefaultRole != "" {
		before = string(d.have.Domains.DefaultRole)
	}
	d.add(Change{Action: ActionUpdate, Kind: KindSetting, Name: "default_role",
		Fields: []Field{{Path: "default_role", Before: before, After: string(want)}}})
}

// settingTyped types a setting's changes: Before and After are the
// schema.Role the setting holds ("" when unset).
type settingTyped struct{}

func (settingTyped) resolve(s *Snapshot, c Change) (before, after any, err error) {
	if c.Name != "default_role" {
		return nil, nil, fmt.Errorf("unknown setting %q (the file target knows default_role)", c.Name)
	}
	before = s.Domains.DefaultRole
	switch c.Action {
	case ActionDelete:
		return before, nil, nil
	case ActionCreate, ActionUpdate:
	default:
		return nil, nil, fmt.Errorf("action %q does not apply to a setting", c.Action)
	}
	role := s.Domains.DefaultRole
	for _, f := range c.Fields {
		if f.Path != "default_role" {
			return nil, nil, &FieldError{Kind: c.Kind, Path: f.Path, Err: unknownField("default_role")}
		}
		if f.After == nil {
			role = ""
			continue
		}
		if role, err = asRole(f.After); err != nil {
			return nil, nil, &FieldError{Kind: c.Kind, Path: f.Path, Err: err}
		}
	}
	return before, role, nil
}

func (t settingTyped) check(c Change) error {
	_, _, err := t.resolve(&Snapshot{}, c)
	return err
}

func (settingTyped) put(s *Snapshot, _ Change, _, after any, _ string) error {
	role, _ := after.(schema.Role)
	s.Domains.DefaultRole = role
	return nil
}

package schema

import (
	"math"
	"strconv"

	"gopkg.in/yaml.v3"
)

// Settings are the safety knobs. Nil fields take the defaults below.
type Settings struct {
	MinAdmins      *int     `yaml:"min_admins,omitempty" json:"min_admins,omitempty"`
	MaxDeleteRatio *float64 `yaml:"max_delete_ratio,omitempty" json:"max_delete_ratio,omitempty"`
	MaxDeleteCount *int     `yaml:"max_delete_count,omitempty" json:"max_delete_count,omitempty"`
	// Secrets limits what secret references may read (check_secrets.go).
	Secrets *SecretSettings `yaml:"secrets,omitempty" json:"secrets,omitempty"`
}

// Defaults for Settings.
const (
	DefaultMinAdmins      = 1
	DefaultMaxDeleteRatio = 0.25
	DefaultMaxDeleteCount = 3
)

// MinAdminsOrDefault returns settings.min_admins or its default; s may be nil.
func (s *Settings) MinAdminsOrDefault() int {
	if s == nil || s.MinAdmins == nil {
		return DefaultMinAdmins
	}
	return *s.MinAdmins
}

// MaxDeleteRatioOrDefault returns settings.max_delete_ratio or its default; s may be nil.
func (s *Settings) MaxDeleteRatioOrDefault() float64 {
	if s == nil || s.MaxDeleteRatio == nil {
		return DefaultMaxDeleteRatio
	}
	return *s.MaxDeleteRatio
}

// MaxDeleteCountOrDefault returns settings.max_delete_count or its default; s may be nil.
func (s *Settings) MaxDeleteCountOrDefault() int {
	if s == nil || s.MaxDeleteCount == nil {
		return DefaultMaxDeleteCount
	}
	return *s.MaxDeleteCount
}

var (
	settingsKeys       = keysOf[Settings]()
	secretSettingsKeys = keysOf[SecretSettings]()
)

var settingSection = &Section{
	Kind: "setting", Plural: "settings", Path: "settings", positions: true,
	decode: func(d *decoder, _ *Section, ws *Workspace, n *yaml.Node) { ws.Settings = d.settings(n) },
	node: func(ws *Workspace) (*yaml.Node, error) {
		if ws.Settings == nil {
			return nil, nil
		}
		return settingsNode(ws.Settings), nil
	},
	shape: &shape{keys: settingsKeys, fields: map[string]*shape{
		"secrets": {keys: secretSettingsKeys},
	}},
	schema: func(defs obj) obj {
		defs["settings"] = settingsDef()
		return refDoc("settings", "Safety knobs: `min_admins`, the mass-deletion guards and what secret references may read.")
	},
}

func (d *decoder) settings(n *yaml.Node) *Settings {
	m, ok := d.mapping(n, "settings", "settings", settingsKeys, nil)
	if !ok {
		return &Settings{}
	}
	s := &Settings{
		MinAdmins:      d.optInt(m["min_admins"], "settings.min_admins", "min_admins", 0, math.MaxInt),
		MaxDeleteCount: d.optInt(m["max_delete_count"], "settings.max_delete_count", "max_delete_count", 0, math.MaxInt),
	}
	if r := m["max_delete_ratio"]; r != nil {
		var v float64
		rn := deref(r)
		tag := rn.ShortTag()
		switch {
		case rn.Kind != yaml.ScalarNode || (tag != "!!float" && tag != "!!int") || rn.Decode(&v) != nil:
			d.errorf(rn, "settings.max_delete_ratio", "", "max_delete_ratio must be a number, not %s", describe(rn))
		case !(v > 0 && v <= 1):
			d.errorf(rn, "settings.max_delete_ratio", "e.g. 0.25 allows deleting a quarter of the existing items at once", "max_delete_ratio must be above 0 and at most 1, not %s", rn.Value)
		default:
			s.MaxDeleteRatio = &v
		}
	}
	if n := m["secrets"]; n != nil {
		s.Secrets = d.secretSettings(n)
	}
	return s
}

func settingsNode(s *Settings) *yaml.Node {
	m := yamlMap()
	putInt(m, "min_admins", s.MinAdmins)
	if s.MaxDeleteRatio != nil {
		put(m, "max_delete_ratio", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(*s.MaxDeleteRatio, 'g', -1, 64)})
	}
	putInt(m, "max_delete_count", s.MaxDeleteCount)
	if s.Secrets != nil {
		put(m, "secrets", secretSettingsNode(s.Secrets))
	}
	return m
}

func settingsDef() obj {
	return object("Safety knobs.", obj{
		"min_admins": described(obj{"type": "integer", "minimum": 0}, "At least this many admins must remain (default `1`)."),
		"max_delete_ratio": described(obj{"type": "number", "exclusiveMinimum": 0, "maximum": 1},
			"Mass-deletion guard: `--allow-delete` without `--force` deletes no more than this share of a kind, unless within `max_delete_count` (default `0.25`)."),
		"max_delete_count": described(obj{"type": "integer", "minimum": 0},
			"Mass-deletion guard: up to this many items of a kind may go under `--allow-delete` whatever their share (default `3`)."),
		"secrets": described(object("What secret references may read, besides the variables and files hexform always refuses.", obj{
			"env": arrayOf(obj{"type": "string", "minLength": 1},
				"Patterns of the variables `{env: NAME}` may name, e.g. `PG_*`. Absent: any."),
			"files": arrayOf(obj{"type": "string", "minLength": 1},
				"Directories, relative to the workspace file, that `{file: PATH}` may read under. Absent: the whole directory tree."),
		}), "What secret references may read, besides the variables and files hexform always refuses."),
	})
}

package reconcile

// Action is what a change does.
type Action string

// Actions.
const (
	ActionCreate     Action = "create"
	ActionUpdate     Action = "update"
	ActionRename     Action = "rename" // Change.Name is the old name; the "name" field holds old -> new
	ActionDelete     Action = "delete"
	ActionDeactivate Action = "deactivate"
)

// Risk is how much harm a change can do if it is a mistake.
type Risk string

// Risks.
const (
	RiskLow    Risk = "low"
	RiskMedium Risk = "medium"
	RiskHigh   Risk = "high"
)

// Mode says whether the target can carry a change out.
type Mode string

// Modes.
const (
	ModeAuto         Mode = "auto"         // the target applies it
	ModeManual       Mode = "manual"       // the target can read but not write it: a checklist item for Settings
	ModeUnverifiable Mode = "unverifiable" // the target cannot even read the kind
)

// FormatVersion is the version of the plan's JSON form (docs/plan-format.md).
// Version 2 added the recorded policy inputs and the plan hash.
const FormatVersion = 2

// Plan is the data a plan consists of: what to change, and the state it was
// computed from. It holds no closures and no secret values, so it can be
// saved, rendered and checked again.
type Plan struct {
	FormatVersion int    `json:"format_version"`
	Workspace     string `json:"workspace"`
	Target        string `json:"target"`
	// Fingerprint identifies the snapshot the plan was computed from.
	Fingerprint string `json:"fingerprint"`
	// KindFingerprints fingerprints each kind's part of that snapshot, so a
	// stale saved plan can say what changed.
	KindFingerprints map[Kind]string `json:"kind_fingerprints,omitempty"`
	// Lineage is the identity of the state the plan was computed from, where
	// the target keeps one (the file target): apply refuses a saved plan
	// against another state, even one of the same content.
	Lineage string `json:"lineage,omitempty"`
	// Source names the workspace file the plan was computed from.
	Source string `json:"source,omitempty"`
	// Commit is the git commit the workspace file was read from, if any.
	Commit string `json:"commit,omitempty"`

	Changes []Change `json:"changes"`
	// Access lists, per user and resource, the access the changes give or
	// take away, and the roles they set (ReviewAccess); Seats counts the
	// active users of each role before and after when a role changes, and
	// AccessNotComputed says what the review could not compute and why.
	// They are derived from the changes and the state, so the plan hash
	// leaves them out (see Hash).
	Access            AccessGroups `json:"access,omitempty"`
	Seats             []SeatCount  `json:"seats,omitempty"`
	AccessNotComputed []string     `json:"access_not_computed,omitempty"`
	// Base is the git revision the workspace file was compared with (plan --base).
	Base string `json:"base,omitempty"`
	// FileChanges is what the edit to the workspace file itself does between
	// Base and the file planned, per resource, whatever the target's state.
	FileChanges []Change `json:"file_changes,omitempty"`
	// Unmanaged lists the kinds whose section is absent from the file.
	Unmanaged []Kind `json:"unmanaged,omitempty"`
	// Scope, when set, says the plan was computed from a scoped read: the
	// kinds the file manages that were not read, and how much of each kind
	// read in part was. Nothing is planned from what was not read.
	Scope *ScopeNote `json:"scope,omitempty"`
	// Reread, when set, fingerprints the part of the state the plan's
	// changes touch (ChangeScope), so apply can read again only that part
	// and compare like with like.
	Reread *Reread `json:"reread,omitempty"`
	// ApplyCost, when the target can say, is what applying the plan would
	// cost in requests and time at the target's rate limits; an estimate,
	// outside the plan hash.
	ApplyCost *ApplyCost `json:"apply_cost,omitempty"`
	// Warnings are notes about the plan (e.g. a confirm entry matching nothing).
	Warnings []string `json:"warnings,omitempty"`
	Summary  Summary  `json:"summary"`
	// Policy records the workspace file's inputs to the safety check, so a
	// saved plan is checked again from them at apply time (see Check).
	Policy *PolicyInputs `json:"policy"`
	// PlanHash is Hash() as written by RenderJSON; ReadPlanJSON refuses a
	// plan whose content no longer matches it.
	PlanHash string `json:"plan_hash,omitempty"`
}

// Summary counts the plan's changes.
type Summary struct {
	Create       int `json:"create"`
	Update       int `json:"update"` // updates and renames
	Delete       int `json:"delete"` // deletes and deactivations
	Blocked      int `json:"blocked"`
	Manual       int `json:"manual"`
	Unverifiable int `json:"unverifiable"`
}

// Change is one change to one resource.
type Change struct {
	// ID is "<action> <kind>/<name>", e.g. "delete connection/Legacy Redshift".
	ID     string `json:"id"`
	Action Action `json:"action"`
	Kind   Kind   `json:"kind"`
	Name   string `json:"name"`
	// ResourceID is the target's id for an existing resource ("" for a create).
	ResourceID string `json:"resource_id,omitempty"`
	Risk       Risk   `json:"risk"`
	Mode       Mode   `json:"mode"`
	// Blocked is nil, or why the change will not be applied (needs confirmation).
	Blocked *string `json:"blocked"`
	// Fields are the attribute-level changes. For a create, every managed
	// attribute with Before nil; for a delete, the item's attributes with After nil.
	Fields []Field `json:"fields,omitempty"`
	// DependsOn lists ids of changes that must succeed before this one.
	DependsOn []string `json:"depends_on,omitempty"`
}

// Field is one attribute's change. Values are JSON-friendly: string, bool,
// float64/int, []string, map[string]any. Secret fields carry the reference
// (schema.SecretRef.String(), e.g. "env:PGPASSWORD"), never the value, and
// are marked Sensitive so renderers print "(sensitive)".
type Field struct {
	Path      string `json:"path"`
	Before    any    `json:"before"`
	After     any    `json:"after"`
	Sensitive bool   `json:"sensitive,omitempty"`
}

// IsDestructive reports whether the change removes something.
func (c Change) IsDestructive() bool {
	return c.Action == ActionDelete || c.Action == ActionDeactivate
}

// ChangeID builds "<action> <kind>/<name>".
func ChangeID(a Action, k Kind, name string) string {
	return string(a) + " " + string(k) + "/" + name
}

// ShortCommit is the first 12 hex digits of a commit SHA (s itself when
// shorter), as plans and comments show a commit.
func ShortCommit(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

// ApplyCost is a target's estimate of what applying a plan costs: the
// requests by operation (the state read again, the lease, one or more per
// change it carries out), their total, and the wall time at the rate
// limits the run uses, named in Limits ("Hex's limits").
type ApplyCost struct {
	Requests    int            `json:"requests"`
	ByOperation map[string]int `json:"by_operation"`
	Seconds     int            `json:"seconds"`
	Limits      string         `json:"limits"`
}

// CostEstimator is a target that can estimate what applying a plan to it
// costs (the Hex target: requests are rate-limited).
type CostEstimator interface {
	ApplyCost(p *Plan) *ApplyCost
}

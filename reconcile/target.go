package reconcile

import (
	"context"

	"github.com/hexform/hexform/schema"
)

// Target is where a workspace's current state lives: the file target or the
// Hex API. Adapters implement it; the engine never does I/O itself.
type Target interface {
	// Name identifies the target in plans and messages, e.g. "file:.hexform/state.json".
	Name() string
	// Capabilities says what the target can read and write.
	Capabilities() Capabilities
	// Snapshot reads the current state.
	Snapshot(ctx context.Context) (*Snapshot, error)
	// Apply carries out one change whose Mode is ModeAuto. Secret fields are
	// resolved through secrets at this point and nowhere else.
	Apply(ctx context.Context, c Change, secrets SecretResolver) error
}

// Capabilities maps each kind to the actions a target can carry out on it.
// A kind missing from Read is unreadable: its changes are unverifiable.
type Capabilities struct {
	Read  map[Kind]bool
	Write map[Kind]map[Action]bool
	// WriteFields, when set for a kind, restricts ActionUpdate to these field
	// paths (path prefixes); an update touching any other field is manual.
	WriteFields map[Kind][]string
	// StoresProtect says the target keeps `protect:` flags in its state (the
	// file target does; Hex has nowhere to keep them). When false, Diff plans
	// no "protected" field changes, and protection comes from the YAML alone.
	StoresProtect bool
	// ManualIf, when set, marks further changes manual for reasons a table
	// cannot say (e.g. Hex cannot create a clickhouse connection).
	ManualIf func(c Change) bool
}

// AllCapabilities is what the file target can do: read and write everything.
func AllCapabilities() Capabilities {
	c := Capabilities{Read: map[Kind]bool{}, Write: map[Kind]map[Action]bool{}, StoresProtect: true}
	for _, k := range Kinds {
		c.Read[k] = true
		c.Write[k] = map[Action]bool{ActionCreate: true, ActionUpdate: true, ActionRename: true, ActionDelete: true, ActionDeactivate: true}
	}
	return c
}

// SecretResolver turns a secret reference into its value at apply time.
type SecretResolver interface {
	Resolve(ref schema.SecretRef) (string, error)
}

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

// BatchTarget is a target that can carry out many changes in memory and
// write them in one atomic step (the file target), so that a run of N
// changes costs one read and N/BatchSize writes of its state rather than N
// of each. Apply stages each change in a batch as it comes; a staged change
// counts as applied only once Commit has written its batch, and a batch
// whose Commit fails leaves the state as it was and fails every change in it.
type BatchTarget interface {
	Target
	// Begin reads the state a batch starts from.
	Begin(ctx context.Context, secrets SecretResolver) (Batch, error)
}

// Batch is the changes staged since Begin.
type Batch interface {
	// Stage carries out one change in memory; an error leaves the batch as
	// it was.
	Stage(c Change) error
	// Commit writes every staged change at once.
	Commit() error
}

package gen

import (
	"fmt"
	"math/rand/v2"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// Generated is one synthetic workspace: the file and the state it is
// planned against.
type Generated struct {
	// Desired is the workspace the file describes.
	Desired *schema.Workspace
	// YAML is Desired as canonical workspace.yaml (schema.Marshal).
	YAML []byte
	// Current is the workspace's state, drifted from Desired; normalised,
	// as the file target stores it.
	Current *reconcile.Snapshot
}

// Generate builds the workspace of the given size. The same size and seed
// always give the same result.
func Generate(size Size, seed uint64) (*Generated, error) {
	if err := size.validate(); err != nil {
		return nil, err
	}
	b := &builder{size: size, rng: rand.New(rand.NewPCG(seed, 1)), perm: make([]int, size.Users)}
	for i := range b.perm {
		b.perm[i] = i
	}
	ws := b.desired()
	data, err := schema.Marshal(ws)
	if err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}
	d := &drifter{rng: rand.New(rand.NewPCG(seed, 2))}
	return &Generated{Desired: ws, YAML: data, Current: d.current(ws)}, nil
}

package hextarget

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/reconcile"
)

// Target is a Hex workspace seen through its API.
type Target struct {
	c *hexapi.Client

	readMu sync.Mutex // held while Apply reads a first snapshot

	mu      sync.Mutex          // guards what follows: changes apply in parallel
	snap    *reconcile.Snapshot // as last read, with the changes applied since
	userIDs map[string]string   // lower-case email -> id, embedded users and members included
	// lastRead is the requests the last read made, by operation.
	lastRead map[string]int
	// groupIDs maps every group's name to its id as last read, also when
	// the snapshot holds only some groups (a scoped read).
	groupIDs map[string]string
	// now is the clock a schedule's offsets are taken at (nil: time.Now).
	now func() time.Time
	// fileZones maps a lower-case connection name to the timezone the
	// file's schedule for it names (UseFileZones).
	fileZones map[string]string
}

// New returns the target for c's workspace.
func New(c *hexapi.Client) *Target { return &Target{c: c} }

// Name is "hex:" and the workspace URL.
func (t *Target) Name() string { return "hex:" + t.c.BaseURL() }

// memberIDs maps emails to user ids, naming every email it cannot map.
func (t *Target) memberIDs(emails []string) ([]string, error) {
	t.mu.Lock()
	ids := t.userIDs
	t.mu.Unlock()
	var out, missing []string
	for _, e := range emails {
		if id, ok := ids[strings.ToLower(e)]; ok {
			out = append(out, id)
		} else {
			missing = append(missing, e)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("members: not users of the workspace: %s (the Hex API cannot invite users: invite them in Settings first)",
			strings.Join(missing, ", "))
	}
	return out, nil
}

// groupID finds a group's id by name in the kept snapshot; an unknown name
// lists the groups again (someone may have made it since the read).
func (t *Target) groupID(ctx context.Context, name string) (string, bool, error) {
	t.mu.Lock()
	id, ok := "", false
	if t.snap != nil {
		for _, g := range t.snap.Groups {
			if g.Name == name {
				id, ok = g.ID, true
			}
		}
	}
	if !ok {
		id, ok = t.listedGroupID(name)
	}
	t.mu.Unlock()
	if ok {
		return id, true, nil
	}
	groups, err := t.c.Groups.ListAll(ctx)
	if err != nil {
		return "", false, err
	}
	for _, g := range withoutLeases(groups) {
		if g.Name == name {
			return g.ID, true, nil
		}
	}
	return "", false, nil
}

// readWhole reports whether s holds every item of kind k the target had.
func readWhole(s *reconcile.Snapshot, k reconcile.Kind) bool {
	return s == nil || (s.Partial[k] == nil && !slices.Contains(s.Skipped, k))
}

package hextarget

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hexform/hexform/internal/hexapi"
)

// LeasePrefix starts the name of every lease group. Groups so named are
// hexform's own: they never appear in a snapshot, so no plan creates,
// changes or deletes them and export never writes them.
const LeasePrefix = "hexform-lease "

// DefaultLeaseTTL is how long a lease lives without renewal. Its holder
// renews it every third of that, so only a lease whose holder stopped
// (killed, lost its network) ever gets this old.
const DefaultLeaseTTL = 15 * time.Minute

// leaseRounds is how often Acquire tries again after a draw: two runs whose
// leases were made at the same instant both withdraw and retry.
const leaseRounds = 5

// LeaseOptions configure AcquireLease.
type LeaseOptions struct {
	// Holder says who takes the lease (user, host, process or CI run); it is
	// shown to every run the lease turns away.
	Holder string
	// TTL: a lease not renewed for this long is stale and broken by the next
	// run. 0 means DefaultLeaseTTL.
	TTL time.Duration
	// Now is the clock (stamps and ages); nil means time.Now.
	Now func() time.Time
	// Sleep waits between rounds after a draw; nil means a timer.
	Sleep func(ctx context.Context, d time.Duration) error
	// Warn, when set, is told about a broken stale lease or a failed renewal.
	Warn func(msg string)
}

func (o *LeaseOptions) fill() {
	if o.TTL <= 0 {
		o.TTL = DefaultLeaseTTL
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleepCtx
	}
	if o.Holder == "" {
		o.Holder = "unknown holder"
	}
}

func (o *LeaseOptions) warn(format string, args ...any) {
	if o.Warn != nil {
		o.Warn(fmt.Sprintf(format, args...))
	}
}

// Lease is one lease group as read from the workspace.
type Lease struct {
	ID     string
	Holder string
	// Stamp is when its holder last took or renewed it (the holder's clock).
	Stamp time.Time
	// Created is the server's creation time; zero when it was not given.
	Created time.Time
}

// since is when the lease was last known alive.
func (l Lease) since() time.Time {
	if l.Created.After(l.Stamp) {
		return l.Created
	}
	return l.Stamp
}

// order is the lease's place in line: the server's creation time when
// known, else the holder's stamp.
func (l Lease) order() time.Time {
	if !l.Created.IsZero() {
		return l.Created
	}
	return l.Stamp
}

// IsLeaseName reports whether a group name is a lease's.
func IsLeaseName(name string) bool { return strings.HasPrefix(name, LeasePrefix) }

// leaseName is "hexform-lease <stamp> <nonce> <holder>"; the nonce keeps
// two runs of one process apart.
func leaseName(stamp time.Time, nonce, holder string) string {
	return LeasePrefix + stamp.UTC().Format(time.RFC3339) + " " + nonce + " " + holder
}

// parseLease reads a lease group; ok is false for any other group. A lease
// group whose name does not parse keeps a zero stamp (so it is as old as
// its creation time says).
func parseLease(g *hexapi.Group) (Lease, bool) {
	if !IsLeaseName(g.Name) {
		return Lease{}, false
	}
	l := Lease{ID: g.ID, Holder: "an unknown holder"}
	if t, err := time.Parse(time.RFC3339Nano, g.CreatedAt); err == nil {
		l.Created = t
	}
	parts := strings.SplitN(strings.TrimPrefix(g.Name, LeasePrefix), " ", 3)
	if t, err := time.Parse(time.RFC3339, parts[0]); err == nil {
		l.Stamp = t
	}
	if len(parts) == 3 && parts[2] != "" {
		l.Holder = parts[2]
	}
	return l, true
}

// LeaseHeldError is AcquireLease's answer when another run holds the lease.
type LeaseHeldError struct {
	Lease Lease
	Age   time.Duration // since it was last taken or renewed
	TTL   time.Duration
}

func (e *LeaseHeldError) Error() string {
	return fmt.Sprintf("the workspace is leased by %s (lease %s, taken or renewed %s ago): another apply is running",
		e.Lease.Holder, e.Lease.ID, roundAge(e.Age))
}

func roundAge(d time.Duration) time.Duration {
	if d < 0 {
		return 0
	}
	return d.Round(time.Second)
}

// leases lists the lease groups, oldest first.
func (t *Target) leases(ctx context.Context) ([]Lease, error) {
	groups, err := t.c.Groups.ListAll(ctx)
	if err != nil {
		return nil, err
	}
	var out []Lease
	for _, g := range groups {
		if l, ok := parseLease(g); ok {
			out = append(out, l)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].order().Equal(out[j].order()) {
			return out[i].order().Before(out[j].order())
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

func newNonce() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-tm.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// isNotFound reports a 404 answer.
func isNotFound(err error) bool {
	var ae *hexapi.APIError
	return errors.As(err, &ae) && ae.StatusCode == 404
}

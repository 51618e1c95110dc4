package hextarget

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"github.com/hexform/hexform/internal/hexapi"
)

// ErrLeaseDraw is AcquireLease's answer when every round ended in a draw.
var ErrLeaseDraw = errors.New("another run kept trying to take the workspace lease at the same moment")

// HeldLease is a lease this run holds until Release.
type HeldLease struct {
	t     *Target
	o     LeaseOptions
	id    string
	nonce string
	stop  chan struct{}
	done  chan struct{}
	once  sync.Once
}

// ID is the lease group's id.
func (h *HeldLease) ID() string { return h.id }

// AcquireLease takes the workspace's lease, so that no other hexform run
// applies to it meanwhile:
//
//  1. list the lease groups; a stale one (not renewed for TTL) is deleted,
//     any other means another run holds the lease: *LeaseHeldError;
//  2. create this run's lease group;
//  3. list again: this run holds the lease when its group is strictly the
//     earliest (server creation time, else stamp). When another is earlier
//     this run deletes its own and returns *LeaseHeldError; when another was
//     made at the same instant both delete theirs and try again after a
//     random pause, up to five rounds, then ErrLeaseDraw.
//
// The lease is renewed every TTL/3 until Release.
func (t *Target) AcquireLease(ctx context.Context, o LeaseOptions) (*HeldLease, error) {
	o.fill()
	for round := 1; ; round++ {
		h, draw, err := t.tryLease(ctx, o)
		if err != nil || !draw {
			return h, err
		}
		if round == leaseRounds {
			return nil, ErrLeaseDraw
		}
		if err := o.Sleep(ctx, time.Duration(rand.Int64N(int64(time.Second)))); err != nil {
			return nil, err
		}
	}
}

// tryLease is one round of AcquireLease; draw reports a tie.
func (t *Target) tryLease(ctx context.Context, o LeaseOptions) (*HeldLease, bool, error) {
	if err := t.checkNoLease(ctx, o); err != nil {
		return nil, false, err
	}
	nonce := newNonce()
	g, err := t.c.Groups.Create(ctx, leaseName(o.Now(), nonce, o.Holder), nil)
	if err != nil {
		return nil, false, fmt.Errorf("creating the lease group: %w", err)
	}
	h := &HeldLease{t: t, o: o, id: g.ID, nonce: nonce}
	all, err := t.leases(ctx)
	if err != nil {
		return nil, false, errors.Join(fmt.Errorf("listing leases: %w", err), h.remove(ctx))
	}
	var mine Lease
	for _, l := range all {
		if l.ID == h.id {
			mine = l
		}
	}
	if mine.ID == "" {
		// The list does not show this run's own lease yet: no order to go by.
		return nil, true, h.remove(ctx)
	}
	for _, l := range all {
		if l.ID == h.id || o.Now().Sub(l.since()) > o.TTL {
			continue
		}
		switch {
		case l.order().Before(mine.order()):
			return nil, false, errors.Join(t.heldError(l, o), h.remove(ctx))
		case l.order().Equal(mine.order()):
			return nil, true, h.remove(ctx)
		}
	}
	h.stop, h.done = make(chan struct{}), make(chan struct{})
	go h.renew(ctx)
	return h, false, nil
}

// checkNoLease breaks stale leases and refuses when a live one exists.
func (t *Target) checkNoLease(ctx context.Context, o LeaseOptions) error {
	all, err := t.leases(ctx)
	if err != nil {
		return fmt.Errorf("listing leases: %w", err)
	}
	for _, l := range all {
		age := o.Now().Sub(l.since())
		if age <= o.TTL {
			return t.heldError(l, o)
		}
		if err := t.c.Groups.Delete(ctx, l.ID); err != nil && !isNotFound(err) {
			return fmt.Errorf("breaking the stale lease %s of %s: %w", l.ID, l.Holder, err)
		}
		o.warn("broke the stale lease %s of %s: not renewed for %s (more than %s)", l.ID, l.Holder, roundAge(age), o.TTL)
	}
	return nil
}

func (t *Target) heldError(l Lease, o LeaseOptions) error {
	return &LeaseHeldError{Lease: l, Age: o.Now().Sub(l.since()), TTL: o.TTL}
}

// renew stamps the lease anew every TTL/3 until Release.
func (h *HeldLease) renew(ctx context.Context) {
	defer close(h.done)
	tick := time.NewTicker(h.o.TTL / 3)
	defer tick.Stop()
	for {
		select {
		case <-h.stop:
			return
		case <-ctx.Done():
			return
		case <-tick.C:
			if err := h.Renew(ctx); err != nil {
				h.o.warn("renewing the workspace lease %s: %v", h.id, err)
			}
		}
	}
}

// Renew stamps the lease with the current time.
func (h *HeldLease) Renew(ctx context.Context) error {
	name := leaseName(h.o.Now(), h.nonce, h.o.Holder)
	_, err := h.t.c.Groups.Edit(ctx, h.id, &hexapi.GroupEdit{Name: &name})
	return err
}

// Release stops the renewal and deletes the lease group. It uses its own
// short deadline, not ctx's cancellation, so an interrupted run still
// gives the lease back.
func (h *HeldLease) Release(ctx context.Context) error {
	var err error
	h.once.Do(func() {
		if h.stop != nil {
			close(h.stop)
			<-h.done
		}
		err = h.remove(ctx)
	})
	return err
}

// remove deletes the lease group; a lease already gone was broken by
// another run, which the caller is told.
func (h *HeldLease) remove(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	err := h.t.c.Groups.Delete(ctx, h.id)
	switch {
	case err == nil:
		return nil
	case isNotFound(err):
		return fmt.Errorf("the workspace lease %s was broken by another run while this one held it", h.id)
	}
	return fmt.Errorf("releasing the workspace lease %s: %w", h.id, err)
}

// BreakLease deletes the lease group id, whoever holds it, and returns what
// it was. An id that is not a lease group's is refused: this never deletes
// any other group.
func (t *Target) BreakLease(ctx context.Context, id string) (Lease, error) {
	all, err := t.leases(ctx)
	if err != nil {
		return Lease{}, fmt.Errorf("listing leases: %w", err)
	}
	ids := make([]string, 0, len(all))
	for _, l := range all {
		if l.ID != id {
			ids = append(ids, l.ID)
			continue
		}
		if err := t.c.Groups.Delete(ctx, id); err != nil && !isNotFound(err) {
			return Lease{}, fmt.Errorf("deleting the lease group %s: %w", id, err)
		}
		return l, nil
	}
	if len(ids) == 0 {
		return Lease{}, fmt.Errorf("no lease %s: the workspace has no lease", id)
	}
	return Lease{}, fmt.Errorf("no lease %s: the workspace's lease is %s", id, strings.Join(ids, ", "))
}

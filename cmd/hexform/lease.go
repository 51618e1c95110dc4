package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/user"
	"strings"
	"unicode"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/internal/hextarget"
	"github.com/spf13/cobra"
)

func init() { register(newForceUnlockCmd) }

// leaseTestOptions, when set, adjusts the lease options (tests put the
// lease on the rig's virtual clock). It is nil in the command.
var leaseTestOptions func(*hextarget.LeaseOptions)

// leaseHolder names this run for the runs its lease turns away: the
// repository and run id in GitHub Actions, else user, host and process.
func leaseHolder(e *env) string {
	if repo, run := e.getenv("GITHUB_REPOSITORY"), e.getenv("GITHUB_RUN_ID"); run != "" {
		h := "github " + repo + " run " + run
		if a := e.getenv("GITHUB_RUN_ATTEMPT"); a != "" && a != "1" {
			h += " attempt " + a
		}
		return printable(h)
	}
	name := e.getenv("USER")
	if name == "" {
		if u, err := user.Current(); err == nil {
			name = u.Username
		}
	}
	host, _ := os.Hostname()
	return printable(fmt.Sprintf("%s@%s pid %d", name, host, os.Getpid()))
}

// printable keeps a holder to one short line of printable characters.
func printable(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) {
			return r
		}
		return '?'
	}, s)
	if r := []rune(s); len(r) > 120 {
		s = string(r[:120])
	}
	return s
}

// hexLock is the Hex target's lock hook: it takes the workspace lease and
// returns its release. Warnings (a stale lease broken, a failed renewal or
// release) go to stderr.
func hexLock(ctx context.Context, e *env, t *hextarget.Target, target string) func() (func() error, error) {
	warn := func(msg string) { fmt.Fprintf(e.stderr, "hexform: warning: %s\n", msg) }
	return func() (func() error, error) {
		o := hextarget.LeaseOptions{Holder: leaseHolder(e), Warn: warn}
		if leaseTestOptions != nil {
			leaseTestOptions(&o)
		}
		h, err := t.AcquireLease(ctx, o)
		if err != nil {
			return nil, leaseErr(err, target)
		}
		return func() error {
			err := h.Release(ctx)
			if err != nil {
				warn(err.Error())
			}
			return err
		}, nil
	}
}

// leaseErr explains a lease not taken.
func leaseErr(err error, target string) error {
	var he *hextarget.LeaseHeldError
	var ae *hexapi.APIError
	switch {
	case errors.As(err, &he):
		return withHint(fmt.Errorf("%w; nothing was applied", err),
			"wait for that apply to finish, then run apply again (plan works meanwhile)",
			fmt.Sprintf("if no hexform is running there any more, break the lease: hexform force-unlock %s --target %s", he.Lease.ID, target),
			fmt.Sprintf("a lease its holder has not renewed for %s is broken by the next apply", he.TTL))
	case errors.Is(err, hextarget.ErrLeaseDraw):
		return withHint(fmt.Errorf("taking the workspace lease: %w; nothing was applied", err), "run apply again")
	case errors.As(err, &ae) && ae.StatusCode == 403:
		return withHint(fmt.Errorf("taking the workspace lease: %w; nothing was applied", err),
			"apply keeps a lease (a group named \"hexform-lease ...\") while it runs, so the token needs the Groups scope with Write", hexScopes)
	}
	return tokenHints(fmt.Errorf("taking the workspace lease: %w; nothing was applied", err))
}

func newForceUnlockCmd(e *env) *cobra.Command {
	var tf targetFlags
	c := &cobra.Command{
		Use:   "force-unlock LEASE_ID",
		Short: "Break the lease another apply holds on a Hex workspace",
		Long: `While it runs, apply against a Hex workspace holds a lease: a group named
"hexform-lease <time> <nonce> <holder>", which hexform never plans or exports. A second
apply refuses while it exists, naming its holder and its id. force-unlock deletes that
lease group, for when its holder was killed and will not release it. Make sure no apply is
still running there: two applies at once can create every group and connection twice.
A lease its holder has not renewed for 15 minutes is broken by the next apply anyway.`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error { return forceUnlock(c.Context(), e, tf, args[0]) },
	}
	tf.register(c)
	return c
}

func forceUnlock(ctx context.Context, e *env, tf targetFlags, id string) error {
	t, err := openTarget(ctx, e, tf, "workspace.yaml")
	if err != nil {
		return err
	}
	ht, ok := t.Target.(hexTarget)
	if !ok {
		return withHint(fmt.Errorf("%s has no lease to break: the file target's lock ends with the process holding it", t.Name()),
			"give the Hex workspace with --target URL")
	}
	l, err := ht.BreakLease(ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Broke the lease %s of %s on %s.\n", l.ID, l.Holder, t.Name())
	return nil
}

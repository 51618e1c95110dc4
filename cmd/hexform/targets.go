package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"

	"github.com/hexform/hexform/internal/filetarget"
	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/internal/hextarget"
	"github.com/hexform/hexform/internal/operation"
	"github.com/hexform/hexform/internal/view"
	"github.com/hexform/hexform/reconcile"
	"github.com/spf13/cobra"
)

// targetFlags select and configure the target.
type targetFlags struct {
	spec      string // --target
	tokenFile string // --token-file
	rateLimit int    // --rate-limit (requests a minute, Hex only)
}

func (tf *targetFlags) register(c *cobra.Command) {
	fl := c.Flags()
	fl.StringVar(&tf.spec, "target", "", "where the workspace lives: file:PATH (default file:.hexform/state.json next to the workspace file, or $HEXFORM_TARGET) or a Hex URL such as https://app.hex.tech")
	fl.StringVar(&tf.tokenFile, "token-file", "", "file holding the Hex API token (default: $HEX_API_TOKEN)")
	fl.IntVar(&tf.rateLimit, "rate-limit", hexapi.DefaultRateLimit, "Hex API requests per minute for every endpoint but users and Me (fixed at 30 by Hex)")
}

// openedTarget is a target with the optional abilities some targets have.
type openedTarget = operation.Target

// named is the target the flags or $HEXFORM_TARGET name ("" for none).
func (tf *targetFlags) named(e *env) string {
	if tf.spec != "" {
		return tf.spec
	}
	return e.getenv("HEXFORM_TARGET")
}

// opener opens targets with these flags' token and rate limit.
func (tf *targetFlags) opener(e *env) operation.Opener {
	return func(ctx context.Context, spec, workspaceFile string) (*operation.Target, error) {
		named := *tf
		named.spec = spec
		return openTarget(ctx, e, named, workspaceFile)
	}
}

// defaultTargetSpec is $HEXFORM_TARGET, else file:.hexform/state.json next
// to the workspace file.
func defaultTargetSpec(e *env, workspaceFile string) string {
	if s := e.getenv("HEXFORM_TARGET"); s != "" {
		return s
	}
	return operation.DefaultTarget(workspaceFile)
}

// openTarget opens the target named by spec.
func openTarget(ctx context.Context, e *env, tf targetFlags, workspaceFile string) (*openedTarget, error) {
	spec := tf.spec
	if spec == "" {
		spec = defaultTargetSpec(e, workspaceFile)
	}
	resolver := newResolver(e, workspaceFile, tf.tokenFile, nil)
	switch {
	case strings.HasPrefix(spec, "file:"):
		path := strings.TrimPrefix(spec, "file:")
		if path == "" {
			return nil, withHint(errors.New("--target file: needs a path"), "e.g. --target file:.hexform/state.json")
		}
		ft := filetarget.New(path, resolver)
		return &openedTarget{Target: ft, Fingerprint: ft.SecretFingerprint, Lock: ft.Lock, Local: true,
			Notes: ft.Notes, Missing: ft.Missing, Lineage: ft.Lineage}, nil
	case strings.HasPrefix(spec, "https://") || strings.HasPrefix(spec, "http://"):
		return openHex(ctx, e, tf, spec)
	case strings.HasPrefix(spec, "hex:"):
		// The target's own name, as a saved plan records it.
		return openHex(ctx, e, tf, strings.TrimPrefix(spec, "hex:"))
	}
	return nil, withHint(fmt.Errorf("unknown target %q", spec),
		"use file:PATH for a local state file, or the workspace URL, e.g. https://app.hex.tech")
}

func openHex(ctx context.Context, e *env, tf targetFlags, spec string) (*openedTarget, error) {
	u, err := url.Parse(spec)
	if err != nil || u.Host == "" {
		// Not echoed: a token pasted into the URL must not be printed.
		return nil, withHint(errors.New("--target is not a valid URL"), "e.g. --target https://app.hex.tech")
	}
	if tf.rateLimit < 1 {
		return nil, withHint(fmt.Errorf("--rate-limit must be at least 1 request a minute, got %d", tf.rateLimit),
			"Hex allows 30 a minute unless it raised your workspace's limit; leave --rate-limit out for that")
	}
	token, err := hexToken(e, tf.tokenFile)
	if err != nil {
		return nil, err
	}
	e.token = token
	e.redact.Add(token)
	tty := isTerminal(e.stderr)
	opts := []hexapi.Option{hexapi.WithRateLimit(tf.rateLimit), hexapi.WithRetryNotice(view.RetryPrinter(e.stderr, tty)), hexapi.WithScrubber(e.redact.Scrub)}
	// The per-group member reads are ListUsers calls, in the fixed group.
	pr := view.NewReadProgress(e.stderr, tty, min(tf.rateLimit, hexapi.FixedRateLimit), nil)
	var prMu sync.Mutex // changes applied in parallel list names before creating
	opts = append(opts, hexapi.WithProgress(func(ev hexapi.ProgressEvent) {
		prMu.Lock()
		defer prMu.Unlock()
		pr.Show(ev)
	}))
	opts = append(opts, hexTestOptions...)
	c, err := hexapi.NewClient(spec, token, opts...)
	if err != nil {
		return nil, err
	}
	ht := hextarget.New(c)
	return &openedTarget{Target: hexTarget{ht}, ReadDone: pr.Done, Concurrent: true, Lock: hexLock(ctx, e, ht, spec)}, nil
}

// hexScopes is what a Hex token needs, for hints.
const hexScopes = "a workspace token (hxtw_...) needs the scopes Users, Groups and Data connections, each Read and Write; " +
	"a personal access token (hxtp_...) must belong to an Admin"

// hexTarget is the Hex target with hint lines on a refused read.
type hexTarget struct{ *hextarget.Target }

// Snapshot reads the workspace; a 401 or 403 gets hints on the token.
func (h hexTarget) Snapshot(ctx context.Context) (*reconcile.Snapshot, error) {
	return h.SnapshotScope(ctx, reconcile.Scope{})
}

// SnapshotScope reads what scope asks for, with Snapshot's hints.
func (h hexTarget) SnapshotScope(ctx context.Context, scope reconcile.Scope) (*reconcile.Snapshot, error) {
	s, err := h.Target.SnapshotScope(ctx, scope)
	var de *hextarget.DuplicateNameError
	if errors.As(err, &de) {
		return nil, withHint(err, de.Hint())
	}
	if err != nil {
		return nil, tokenHints(err)
	}
	return s, nil
}

// tokenHints adds hints on the token to a 401 or 403 answer.
func tokenHints(err error) error {
	var ae *hexapi.APIError
	if !errors.As(err, &ae) {
		return err
	}
	switch ae.StatusCode {
	case 401:
		return withHint(err, "the token comes from --token-file, else HEX_API_TOKEN: check it is whole, not expired and not revoked", hexScopes)
	case 403:
		return withHint(err, hexScopes)
	}
	return err
}

// hexTestOptions are appended to the Hex client's options. Only tests set
// it (to put the client on a virtual clock shared with the simulator, see
// hex_e2e_test.go); it is nil in the command.
var hexTestOptions []hexapi.Option

// hexToken reads the API token from --token-file or HEX_API_TOKEN; it is
// never accepted as a flag value.
func hexToken(e *env, file string) (string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", withHint(fmt.Errorf("cannot read --token-file %s: %v", file, errors.Unwrap(err)),
				"give the path of a file holding the Hex API token, or set HEX_API_TOKEN instead")
		}
		t := strings.TrimSpace(string(b))
		if t == "" {
			return "", fmt.Errorf("--token-file %s is empty", file)
		}
		return t, nil
	}
	if t := strings.TrimSpace(e.getenv("HEX_API_TOKEN")); t != "" {
		return t, nil
	}
	return "", withHint(errors.New("no Hex API token: HEX_API_TOKEN is not set"),
		"create a workspace token in Hex under Settings > API (scopes: Users, Groups, Data connections read+write)",
		"then export HEX_API_TOKEN=... or pass --token-file FILE")
}

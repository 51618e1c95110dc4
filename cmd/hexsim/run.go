package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/go-multierror"
	"github.com/hexform/hexform/internal/hexsim"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // could not start or serve
	exitUsage = 2 // bad flags
)

// defaultSaveEvery coalesces saves of --state: a burst of writes costs one
// save of the whole state, not one per write.
const defaultSaveEvery = 200 * time.Millisecond

// shutdownGrace bounds how long in-flight requests may take at shutdown.
const shutdownGrace = 5 * time.Second

// options are the command-line flags.
type options struct {
	addr, token, as, state string
	verbose                bool
	fixedRate              int  // --fixed-rate-limit
	fixedSet               bool // --fixed-rate-limit was given
	cfg                    hexsim.Config
}

// run runs hexsim until ctx is done and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	opts, code := parseFlags(args, stderr)
	if code >= 0 {
		return code
	}
	var state *reconcile.Snapshot // nil: an empty workspace
	if opts.state != "" {
		var err error
		if state, err = hexsim.Load(opts.state); err != nil {
			fmt.Fprintf(stderr, "hexsim: %v\n", err)
			return exitError
		}
		if _, err := os.Stat(opts.state); errors.Is(err, os.ErrNotExist) {
			// A typo in the path would otherwise look like an empty workspace.
			fmt.Fprintf(stderr, "hexsim: %s does not exist: starting from an empty workspace, saved there after the first write\n", opts.state)
		}
	}
	if err := checkActor(opts.as, state, stderr); err != nil {
		fmt.Fprintf(stderr, "hexsim: %v\nhint: add the user to the state file, or leave --as out to use the first admin\n", err)
		return exitUsage
	}
	ln, err := listenLoopback(opts.addr)
	if err != nil {
		fmt.Fprintf(stderr, "hexsim: %v\nhint: use a loopback address such as 127.0.0.1:0 or [::1]:8080\n", err)
		return exitUsage
	}
	sim := hexsim.New(opts.cfg, state)
	srv := &http.Server{Handler: sim, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "hexsim listening on http://%s\n", ln.Addr())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	code = exitOK
	select {
	case err = <-served:
		fmt.Fprintf(stderr, "hexsim: %v\n", err)
		code = exitError
	case <-ctx.Done():
		code = shutdown(srv, stderr)
	}
	// The last save: every write answered before the shutdown is on disk.
	if err := sim.Close(); err != nil {
		fmt.Fprintf(stderr, "hexsim: saving the state: %v\n", err)
		code = exitError
	}
	return code
}

// shutdown stops srv, letting requests in flight finish for shutdownGrace.
func shutdown(srv *http.Server, stderr io.Writer) int {
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		fmt.Fprintf(stderr, "hexsim: shutdown: %v\n", err)
		return exitError
	}
	return exitOK
}

// parseFlags reads the flags; code is -1 to go on, else the exit code.
func parseFlags(args []string, stderr io.Writer) (o options, code int) {
	fs := flag.NewFlagSet("hexsim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:0", "loopback `address` to listen on (port 0 picks a free port)")
	fs.StringVar(&o.token, "token", "", "bearer `token` clients must send (default $HEXSIM_TOKEN)")
	fs.StringVar(&o.as, "as", "", "`email` of the user the token belongs to (default the first admin)")
	fs.StringVar(&o.state, "state", "", "workspace state `file` (file-target JSON), saved after writes and at shutdown; empty keeps it in memory")
	fs.DurationVar(&o.cfg.SaveEvery, "save-every", defaultSaveEvery, "save the state at most once every `D` after writes, and at shutdown (0: after every write, before answering it)")
	fs.IntVar(&o.cfg.RateLimitPerMinute, "rate-limit", 0, "accept at most `N` requests per minute in the default rate-limit group, hex-api (all but ListUsers, DeactivateUser and Me), then 429 with Retry-After (0: no limit)")
	fs.IntVar(&o.fixedRate, "fixed-rate-limit", 0, "accept at most `N` requests per minute in the fixed group, hex-api-30rpm (ListUsers, DeactivateUser, Me), counted apart (default 30 while --rate-limit is set; 0: no limit)")
	fs.Func("basic-in-list", "list the connection `NAME` in ListDataConnections in the basic form {id, name, type, description}, as Hex does for a caller who may not see its details (repeatable)", func(v string) error {
		o.cfg.BasicInList = append(o.cfg.BasicInList, v)
		return nil
	})
	fs.Float64Var(&o.cfg.FailRate, "fail-rate", 0, "probability `P` (0..1) of a random 500 before doing anything")
	fs.DurationVar(&o.cfg.Latency, "latency", 0, "delay every request by `D`")
	fs.Float64Var(&o.cfg.FailAfterWrite, "fail-after-write", 0, "probability `P` (0..1) that a write is done and saved, then answered 500")
	fs.Int64Var(&o.cfg.Seed, "seed", 0, "seed `N` of the faults' random source")
	fs.StringVar(&o.cfg.BadAnswer.Kind, "bad-answer", "", "spoil answers as `KIND` says: "+strings.Join(hexsim.BadAnswerKinds, ", "))
	fs.StringVar(&o.cfg.BadAnswer.Op, "bad-answer-op", "", "spoil only the answers of `OPERATION` (an operationId such as ListGroups)")
	fs.StringVar(&o.cfg.BadAnswer.Field, "bad-answer-field", "", "the dotted `FIELD` that missing-field removes or unknown-enum spoils")
	fs.StringVar(&o.cfg.BadAnswer.RedirectTo, "redirect-to", "", "the base `URL` that --bad-answer redirect sends clients to")
	fs.BoolVar(&o.cfg.WorkspaceToken, "workspace-token", false, "act as a workspace token: no user behind it (Me returns no email)")
	fs.BoolVar(&o.verbose, "v", false, "log every request (method, path, status) to stderr")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return o, exitOK
		}
		return o, exitUsage
	}
	if o.token == "" {
		o.token = os.Getenv("HEXSIM_TOKEN")
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "fixed-rate-limit" {
			o.fixedSet = true
		}
	})
	if err := o.check(fs.Args()); err != nil {
		fmt.Fprintf(stderr, "hexsim: %v\n", err)
		return o, exitUsage
	}
	o.cfg.Token, o.cfg.As, o.cfg.StatePath = o.token, o.as, o.state
	switch {
	case o.fixedSet && o.fixedRate == 0:
		o.cfg.FixedRateLimitPerMinute = -1 // asked for no limit
	case o.fixedSet:
		o.cfg.FixedRateLimitPerMinute = o.fixedRate
	}
	if o.verbose {
		o.cfg.Log = stderr
	}
	return o, -1
}

// check reports every problem with the flags at once.
func (o *options) check(rest []string) error {
	var errs *multierror.Error
	if len(rest) > 0 {
		errs = multierror.Append(errs, fmt.Errorf("unexpected argument %q", rest[0]))
	}
	if o.token == "" {
		errs = multierror.Append(errs, errors.New("no token: pass --token or set HEXSIM_TOKEN"))
	}
	if o.cfg.RateLimitPerMinute < 0 {
		errs = multierror.Append(errs, errors.New("--rate-limit must be 0 or more"))
	}
	if o.fixedRate < 0 {
		errs = multierror.Append(errs, errors.New("--fixed-rate-limit must be 0 or more"))
	}
	if o.cfg.FailRate < 0 || o.cfg.FailRate > 1 {
		errs = multierror.Append(errs, errors.New("--fail-rate must be from 0 to 1"))
	}
	if o.cfg.FailAfterWrite < 0 || o.cfg.FailAfterWrite > 1 {
		errs = multierror.Append(errs, errors.New("--fail-after-write must be from 0 to 1"))
	}
	if o.cfg.SaveEvery < 0 {
		errs = multierror.Append(errs, errors.New("--save-every must not be negative"))
	}
	if o.cfg.Latency < 0 {
		errs = multierror.Append(errs, errors.New("--latency must not be negative"))
	}
	if err := hexsim.CheckBadAnswer(o.cfg.BadAnswer); err != nil {
		errs = multierror.Append(errs, fmt.Errorf("--bad-answer: %v", err))
	}
	if errs == nil {
		return nil
	}
	errs.ErrorFormat = func(list []error) string {
		msg := list[0].Error()
		for _, e := range list[1:] {
			msg += "\nhexsim: " + e.Error()
		}
		return msg
	}
	return errs
}

// listenLoopback listens on addr, refusing any address that is not loopback.
func listenLoopback(addr string) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("--addr %q: %v", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, fmt.Errorf("--addr %q is not a loopback address: hexsim never listens on the network", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	if ta, ok := ln.Addr().(*net.TCPAddr); !ok || !ta.IP.IsLoopback() {
		_ = ln.Close()
		return nil, fmt.Errorf("--addr %q resolved to %v, which is not loopback", addr, ln.Addr())
	}
	return ln, nil
}

// checkActor refuses an --as that names no active user (every request would
// get 401), and says when the token will act as a workspace token.
func checkActor(as string, state *reconcile.Snapshot, stderr io.Writer) error {
	if state == nil {
		state = &reconcile.Snapshot{}
	}
	for _, u := range state.Users {
		if u.Active && (strings.EqualFold(u.Email, as) || as == "" && u.Role == schema.RoleAdmin) {
			return nil
		}
	}
	if as != "" {
		return fmt.Errorf("--as %s is not an active user of the workspace", as)
	}
	fmt.Fprintln(stderr, "hexsim: no active admin in the workspace: the token acts as a workspace token (Me returns only org and token)")
	return nil
}

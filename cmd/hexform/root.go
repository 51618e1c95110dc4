package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/hexform/hexform/internal/operation"
	"github.com/hexform/hexform/internal/redact"
	"github.com/spf13/cobra"
)

// Exit codes, as the README documents them.
const (
	exitOK      = 0
	exitError   = 1
	exitChanges = 2 // plan --detailed-exitcode: changes present
	exitBlocked = 3 // apply: done except blocked changes
)

// exitCode is an error that carries a specific exit code. A nil Err means the
// command already printed what it had to say.
type exitCode struct {
	Code int
	Err  error
}

func (e *exitCode) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit %d", e.Code)
	}
	return e.Err.Error()
}

func (e *exitCode) Unwrap() error { return e.Err }

// hintError is an error with "hint:" lines printed under it; the
// operations return the same type.
type hintError = operation.HintError

// withHint wraps err with hint lines.
func withHint(err error, hints ...string) error { return operation.WithHint(err, hints...) }

// env is what every subcommand may use: the streams and the environment.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// redact holds the secret values no output may show (guardOutput).
	redact *redact.Set
	// token is the Hex API token, once read.
	token string
}

// Run runs hexform with args (without the program name) and returns the exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runWithEnv(ctx, args, &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: osGetenv})
}

func runWithEnv(ctx context.Context, args []string, e *env) (code int) {
	guarded := *e
	e = &guarded
	defer guardOutput(e)()
	defer func() {
		// A bug must never exit 2 or 3, which CI reads as "changes" or
		// "blocked": it is an error, said in one line.
		if v := recover(); v != nil {
			fmt.Fprintf(e.stderr, "hexform: internal error: %s\nhint: this is a bug in hexform; nothing more was changed after it; please report it with the command you ran\n", operation.OneLine(fmt.Sprint(v)))
			code = exitError
		}
	}()
	root := newRootCmd(e)
	root.SetArgs(args)
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	err := commandError(root, root.ExecuteContext(ctx))
	if err == nil {
		return exitOK
	}
	var ec *exitCode
	if errors.As(err, &ec) {
		if ec.Err != nil {
			printError(e.stderr, ec.Err)
		}
		return ec.Code
	}
	printError(e.stderr, err)
	return exitError
}

// printError prints "hexform: message" and any hint lines.
func printError(w io.Writer, err error) {
	msg := strings.TrimPrefix(err.Error(), "hexform: ")
	fmt.Fprintf(w, "hexform: %s\n", msg)
	var he *hintError
	if errors.As(err, &he) {
		for _, h := range he.Hints {
			fmt.Fprintf(w, "hint: %s\n", h)
		}
	}
}

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:           "hexform",
		Short:         "Hex workspace administration as code",
		Long:          "hexform validates workspace.yaml, plans the changes that make a Hex workspace match it, and applies them.\nDestructive changes are applied only when confirmed by id.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(flagError)
	addVersionFlag(root)
	for _, add := range subcommands {
		root.AddCommand(add(e))
	}
	completeValues(root, e)
	return root
}

// subcommands are registered by each subcommand's file in its init.
var subcommands []func(*env) *cobra.Command

func register(f func(*env) *cobra.Command) { subcommands = append(subcommands, f) }

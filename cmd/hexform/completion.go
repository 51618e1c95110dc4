package main

import (
	"context"
	"io"
	"strings"
	"time"

	"github.com/hexform/hexform/reconcile"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// formatValues are the values of each command's format flag, keyed
// "command flag".
var formatValues = map[string][]string{
	"plan output":     {"text", "json", "markdown"},
	"apply output":    {"text", "json"},
	"show output":     {"text", "json", "markdown"},
	"validate output": {formatText, formatJSON, formatGitHub},
	"validate format": {formatText, formatJSON, formatGitHub},
	"export output":   {"yaml"},
}

// fileFlags are the flags that name a file, keyed "command flag" or just
// "flag", with the extensions that fit (none: any file).
var fileFlags = map[string][]string{
	"file":       {"yaml", "yml"},
	"out":        {"json"},
	"journal":    {"jsonl"},
	"token-file": nil,
	"write":      {"json"},
	"export out": {"yaml", "yml"},
}

// planFileArgs are the commands whose argument is a saved plan.
var planFileArgs = map[string]bool{"show": true, "apply": true}

// noFileArgs are the commands whose arguments are not file names.
var noFileArgs = map[string]bool{"force-unlock": true}

// targetValues are the kinds of target --target takes.
var targetValues = []string{"file:", "https://app.hex.tech"}

// confirmTimeout bounds the plan computed to complete --confirm.
const confirmTimeout = 5 * time.Second

// completeValues registers value completion on every command under root:
// formats, targets, change ids, file names only where a flag names a file.
// A flag or argument that already has a completion keeps it.
func completeValues(root *cobra.Command, e *env) {
	for _, c := range root.Commands() {
		completeValues(c, e)
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if f.NoOptDefVal != "" || hasCompletion(c, f.Name) {
				return
			}
			_ = c.RegisterFlagCompletionFunc(f.Name, flagCompletion(c, f.Name, e))
		})
		if c.ValidArgsFunction == nil && len(c.ValidArgs) == 0 && !c.HasSubCommands() {
			c.ValidArgsFunction = argCompletion(c)
		}
	}
}

func hasCompletion(c *cobra.Command, name string) bool {
	_, ok := c.GetFlagCompletionFunc(name)
	return ok
}

type completionFunc = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective)

// flagCompletion is what flag name of c completes.
func flagCompletion(c *cobra.Command, name string, e *env) completionFunc {
	key := c.Name() + " " + name
	if values, ok := formatValues[key]; ok {
		return fixed(values, cobra.ShellCompDirectiveNoFileComp)
	}
	exts, ok := fileFlags[key]
	if !ok {
		exts, ok = fileFlags[name]
	}
	switch {
	case ok:
		return files(exts)
	case name == "target":
		return fixed(targetValues, cobra.ShellCompDirectiveNoFileComp|cobra.ShellCompDirectiveNoSpace)
	case name == "confirm":
		return func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			return withPrefix(blockedIDs(c, e, args), toComplete), cobra.ShellCompDirectiveNoFileComp
		}
	}
	return fixed(nil, cobra.ShellCompDirectiveNoFileComp)
}

// argCompletion completes a saved plan for the commands that take one, and
// nothing (not even file names) for those whose arguments are no files or
// that take none. Any other command keeps the shell's file names (nil).
func argCompletion(c *cobra.Command) completionFunc {
	planFile := planFileArgs[c.Name()]
	takesNone := c.Args != nil && c.Args(c, []string{"x"}) != nil
	if !planFile && !takesNone && !noFileArgs[c.Name()] {
		return nil
	}
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if planFile && len(args) == 0 {
			return []string{"json"}, cobra.ShellCompDirectiveFilterFileExt
		}
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
}

func fixed(values []string, d cobra.ShellCompDirective) completionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return withPrefix(values, toComplete), d
	}
}

func files(exts []string) completionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		if len(exts) == 0 {
			return nil, cobra.ShellCompDirectiveDefault
		}
		return exts, cobra.ShellCompDirectiveFilterFileExt
	}
}

func withPrefix(values []string, prefix string) []string {
	var out []string
	for _, v := range values {
		if strings.HasPrefix(v, prefix) {
			out = append(out, v)
		}
	}
	return out
}

// blockedIDs are the high-risk changes blocked for want of confirmation in
// the plan c would make now (or in the saved plan it was given), each with
// a description. Only a file target is read: completing never spends a
// remote target's rate-limited requests. Any error completes nothing.
func blockedIDs(c *cobra.Command, e *env, args []string) []string {
	var p *reconcile.Plan
	if len(args) == 1 && planFileArgs[c.Name()] {
		p, _ = readSavedPlan(args[0])
	} else {
		p = localPlan(c, e)
	}
	if p == nil {
		return nil
	}
	var ids []string
	for _, ch := range p.Changes {
		if ch.Risk == reconcile.RiskHigh && ch.Blocked != nil {
			ids = append(ids, ch.ID+"\thigh risk, blocked until confirmed")
		}
	}
	return ids
}

// localPlan computes the plan as plan does, from c's flags, when the
// target is a file; nil otherwise or on any error.
func localPlan(c *cobra.Command, e *env) *reconcile.Plan {
	fl := c.Flags()
	var f planFlags
	f.file, _ = fl.GetString("file")
	f.ref, _ = fl.GetString("ref")
	f.base, _ = fl.GetString("base")
	f.confirm, _ = fl.GetStringArray("confirm")
	f.allowDelete, _ = fl.GetBool("allow-delete")
	f.force, _ = fl.GetBool("force")
	f.as, _ = fl.GetString("as")
	f.target.spec, _ = fl.GetString("target")
	f.target.tokenFile, _ = fl.GetString("token-file")
	f.target.rateLimit, _ = fl.GetInt("rate-limit")
	spec := f.target.spec
	if spec == "" {
		spec = defaultTargetSpec(e, f.file)
	}
	if f.file == "" || !strings.HasPrefix(spec, "file:") {
		return nil
	}
	quiet := *e
	quiet.stderr = io.Discard
	ctx := c.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, cancel := context.WithTimeout(ctx, confirmTimeout)
	defer cancel()
	res, err := compute(ctx, &quiet, &f)
	if err != nil {
		return nil
	}
	return res.Plan
}

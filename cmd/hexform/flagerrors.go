package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/hexform/hexform/schema"
)

// flagError is the flag error function of every command: a flag it does
// not know gets the nearest one it does as a suggestion, and every error
// says where the command's usage is.
func flagError(c *cobra.Command, err error) error {
	if strings.Contains(err.Error(), "--token") && !strings.Contains(err.Error(), "--token-file") {
		// A token in a flag would land in shell history and process lists.
		return withHint(err, "hexform never takes the API token as a flag: export HEX_API_TOKEN=... or pass --token-file FILE")
	}
	usage := fmt.Sprintf("run '%s --help' for usage", c.CommandPath())
	if s := suggestFlag(c, err); s != "" {
		return withHint(err, fmt.Sprintf("did you mean --%s?", s), usage)
	}
	return withHint(err, usage)
}

// suggestFlag returns the long name of c's flag nearest to the unknown one
// err reports, or "". A long name given with one dash (-alow-delete) is
// matched as if it had two.
func suggestFlag(c *cobra.Command, err error) string {
	var ne *pflag.NotExistError
	if !errors.As(err, &ne) {
		return ""
	}
	typed := ne.GetSpecifiedName()
	if group := ne.GetSpecifiedShortnames(); group != "" {
		typed, _, _ = strings.Cut(group, "=")
		if len(typed) < 2 {
			return ""
		}
	}
	var names []string
	exact := ""
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
			if f.Name == typed {
				exact = f.Name
			}
		}
	})
	if exact != "" {
		return exact
	}
	return schema.Closest(typed, names)
}

// commandError rewrites cobra's error for an unknown subcommand or an
// argument a command does not take, which spreads its suggestions over
// several lines, into one line with hints:
//
//	hexform: unknown command "plna" for "hexform"
//	hint: did you mean plan?
//	hint: run 'hexform --help' for usage
//
// Other errors are returned as they are.
func commandError(root *cobra.Command, err error) error {
	if err == nil || !strings.HasPrefix(err.Error(), "unknown command ") {
		return err
	}
	line, _, _ := strings.Cut(err.Error(), "\n")
	name, rest, ok := unquotePrefix(strings.TrimPrefix(line, "unknown command "))
	if !ok {
		return err
	}
	path, _, ok := unquotePrefix(strings.TrimPrefix(rest, " for "))
	if !ok {
		return err
	}
	c := root
	if sub, _, ferr := root.Find(strings.Fields(path)[1:]); ferr == nil {
		c = sub
	}
	var hints []string
	if s := c.SuggestionsFor(name); len(s) > 0 {
		hints = append(hints, fmt.Sprintf("did you mean %s?", strings.Join(s, " or ")))
	}
	hints = append(hints, fmt.Sprintf("run '%s --help' for usage", c.CommandPath()))
	return withHint(errors.New(line), hints...)
}

// unquotePrefix reads the Go-quoted string s starts with, and returns it
// unquoted and what follows it.
func unquotePrefix(s string) (value, rest string, ok bool) {
	quoted, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", s, false
	}
	value, err = strconv.Unquote(quoted)
	return value, s[len(quoted):], err == nil
}

package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/hexform/hexform/internal/atomicfile"
	"github.com/hexform/hexform/internal/view"
	"github.com/hexform/hexform/schema"
)

func init() { register(newFmtCmd) }

func newFmtCmd(e *env) *cobra.Command {
	var file string
	var check bool
	c := &cobra.Command{
		Use:   "fmt [-f FILE] [--check]",
		Short: "Rewrite a workspace file in canonical order and style, keeping its comments",
		Long: `fmt rewrites the workspace file in canonical form: keys in the order hexform export
writes them, users and group members sorted by email, named items (groups, connections,
packages, statuses, categories) by name, previously:, domains, ignore patterns and
confirm ids by value, two-space indentation and a blank line between top-level sections.
Lists whose order matters (install commands, config lists) keep their order. Comments
move with the key or item they are written on. Formatting twice changes nothing, and the
formatted file means exactly what the original meant.

The file is replaced atomically, keeping its permissions, and its name is printed when
it changed; nothing is printed when it was already formatted. A file with errors is not
formatted: the errors are printed as validate prints them. -f - reads standard input and
writes the formatted file to standard output.

--check changes nothing: it prints a unified diff of what fmt would change, for CI.
Exit status: 0 when formatted (or, with --check, already formatted); 1 on errors, or
with --check when the file is not formatted.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return runFmt(e, file, check)
		},
	}
	c.Flags().StringVarP(&file, "file", "f", "workspace.yaml", "workspace file to format (- for standard input)")
	c.Flags().BoolVar(&check, "check", false, "change nothing; print a diff and exit 1 when the file is not formatted")
	return c
}

func runFmt(e *env, file string, check bool) error {
	opts, err := loadOptions(e)
	if err != nil {
		return err
	}
	name, data, err := readFmtInput(e, file, opts)
	if err != nil {
		return err
	}
	out, diags := schema.Format(name, data, opts)
	if diags.HasErrors() {
		for _, d := range diags.Errors() {
			fmt.Fprintln(e.stderr, d.String())
		}
		hint := "fix them and run 'hexform validate -f " + file + "' to check"
		if file == "-" {
			hint = "fix them, then format again"
		}
		return &exitCode{Code: exitError, Err: withHint(
			fmt.Errorf("%s has %s; it was not formatted", name, plural(len(diags.Errors()), "error")), hint)}
	}
	switch {
	case check && !bytes.Equal(out, data):
		fmt.Fprint(e.stdout, view.UnifiedDiff(string(data), string(out), name, name+" (formatted)"))
		return &exitCode{Code: exitError, Err: withHint(fmt.Errorf("%s is not formatted", name),
			"run 'hexform fmt -f "+file+"' to format it")}
	case check:
		return nil
	case file == "-":
		_, err := e.stdout.Write(out)
		return err
	case bytes.Equal(out, data):
		return nil
	}
	if err := writeFormatted(file, out); err != nil {
		return err
	}
	_, err = fmt.Fprintln(e.stdout, file)
	return err
}

// readFmtInput reads the file to format, or standard input for "-". A file
// that cannot be read gets the loader's diagnostic (not found, a directory,
// too large).
func readFmtInput(e *env, file string, opts schema.Options) (string, []byte, error) {
	if file == "-" {
		data, err := io.ReadAll(e.stdin)
		if err != nil {
			return "", nil, fmt.Errorf("reading standard input: %w", err)
		}
		return "<stdin>", data, nil
	}
	fi, err := os.Stat(file)
	if err == nil && fi.Mode().IsRegular() {
		var data []byte
		if data, err = os.ReadFile(file); err == nil {
			return file, data, nil
		}
	}
	_, diags := schema.LoadWith(file, opts)
	if d := diags.Errors(); len(d) > 0 {
		msg := fmt.Errorf("%s: %s", d[0].Pos.File, d[0].Message)
		if d[0].Hint == "" {
			return "", nil, msg
		}
		return "", nil, withHint(msg, d[0].Hint)
	}
	return "", nil, fmt.Errorf("cannot read %s: %v", file, err)
}

// writeFormatted replaces file atomically, through a symbolic link to the
// file it names, keeping its permissions.
func writeFormatted(file string, data []byte) error {
	target, err := filepath.EvalSymlinks(file)
	if err != nil {
		return fmt.Errorf("writing %s: %w", file, err)
	}
	if err := atomicfile.Write(target, data, 0o644, nil); err != nil {
		return fmt.Errorf("writing %s: %w", file, err)
	}
	return nil
}

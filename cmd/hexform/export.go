package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hexform/hexform/internal/atomicfile"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

func init() { register(newExportCmd) }

type exportCmd struct {
	target    targetFlags
	output    string // -o: the format
	out       string // --out: the file
	workspace string
}

func newExportCmd(e *env) *cobra.Command {
	ec := &exportCmd{}
	c := &cobra.Command{
		Use:   "export",
		Short: "Write the workspace's current state as a workspace file",
		Long: `export reads the target and prints a canonical workspace.yaml describing it, a starting
point for managing an existing workspace: planning the exported file against the same
target plans nothing. Secret values are never read back; each secret becomes an {env: ...}
reference to set before applying.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error { return ec.run(c, e) },
	}
	fl := c.Flags()
	ec.target.register(c)
	fl.StringVar(&ec.out, "out", "", "write to this file (atomically) instead of standard output")
	fl.StringVarP(&ec.output, "output", "o", "yaml", "output format: yaml (the workspace file); -o FILE, its former meaning, still writes FILE but is deprecated")
	fl.StringVar(&ec.workspace, "workspace", "workspace", "the workspace name to write")
	return c
}

func (ec *exportCmd) run(c *cobra.Command, e *env) error {
	if err := ec.checkOutput(e); err != nil {
		return err
	}
	t, err := openTarget(c.Context(), e, ec.target, "workspace.yaml")
	if err != nil {
		return err
	}
	s, err := t.ReadState(c.Context())
	if err != nil {
		return fmt.Errorf("reading %s: %w", t.Name(), err)
	}
	if t.Missing != nil && t.Missing() {
		// An export of nothing would read as "delete everything".
		return withHint(fmt.Errorf("no state at %s: nothing to export", strings.TrimPrefix(t.Name(), "file:")),
			"check --target (the default is file:.hexform/state.json next to the workspace file, or $HEXFORM_TARGET)",
			"a new workspace needs no export: write workspace.yaml and run hexform apply")
	}
	data, err := schema.Marshal(reconcile.Export(s, ec.workspace))
	if err != nil {
		return err
	}
	// In fmt's style, so 'hexform fmt --check' passes on an export. A state
	// holding what validate refuses (a hostile name in Hex) cannot be
	// formatted: it is written as it is, and validate says what to fix.
	if formatted, diags := schema.Format("export", data, schema.Options{MaxFileSize: 2*int64(len(data)) + 1<<20}); !diags.HasErrors() {
		data = formatted
	}
	if ec.out == "" {
		_, err = e.stdout.Write(data)
		return err
	}
	return writeFileAtomic(ec.out, data)
}

// checkOutput takes -o as a format, as on every command. A value that is
// no format but names a YAML file is export's former -o FILE: it still
// writes that file, with a warning, until the old spelling goes.
func (ec *exportCmd) checkOutput(e *env) error {
	switch {
	case ec.output == "yaml":
		return nil
	case ec.out == "" && (strings.HasSuffix(ec.output, ".yaml") || strings.HasSuffix(ec.output, ".yml")):
		fmt.Fprintf(e.stderr, "hexform: warning: export -o FILE is deprecated: write --out %s (-o is the output format on every command)\n", ec.output)
		ec.out, ec.output = ec.output, "yaml"
		return nil
	}
	return withHint(fmt.Errorf("unknown output format %q", ec.output), "export writes yaml; name the file with --out FILE")
}

// writeFileAtomic writes via a temporary file and a rename, so a reader
// never sees half a file.
func writeFileAtomic(path string, data []byte) error {
	return atomicfile.Write(path, data, 0o644, nil)
}

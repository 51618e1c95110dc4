package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/hexform/hexform/internal/buildinfo"
	"github.com/hexform/hexform/internal/view"
)

func init() { register(newVersionCmd) }

func newVersionCmd(e *env) *cobra.Command {
	var output string
	c := &cobra.Command{
		Use:   "version [-o json]",
		Short: "Print hexform's version, commit, Go version and platform",
		Long: `version prints the version this binary was built as: the tag make build or a release
stamped, else the module version go install recorded, else (devel); then the commit,
when it was built or committed, the Go version and the platform. 'hexform --version'
prints the same line.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return writeVersion(e.stdout, output, buildinfo.Get())
		},
	}
	c.Flags().StringVarP(&output, "output", "o", formatText, "output format: text, or json (one object)")
	return c
}

// writeVersion prints info in format (view.Version).
func writeVersion(w io.Writer, format string, info buildinfo.Info) error {
	if format != formatText && format != formatJSON {
		return withHint(fmt.Errorf("unknown output format %q", format), "use -o text or -o json")
	}
	return view.Version(w, format, info)
}

// addVersionFlag gives root a --version flag printing what 'hexform
// version' prints. It has no shorthand: -v is left free.
func addVersionFlag(root *cobra.Command) {
	root.Version = buildinfo.Get().String()
	root.SetVersionTemplate("{{.Version}}\n")
	root.Flags().Bool("version", false, "print the version (as 'hexform version' does)")
}

package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/hexform/hexform/internal/atomicfile"
	"github.com/hexform/hexform/schema"
)

func init() { register(newSchemaCmd) }

func newSchemaCmd(e *env) *cobra.Command {
	var write string
	c := &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of workspace.yaml, for editors",
		Long: `schema prints the JSON Schema (draft 2020-12) of the workspace file: completion, hover
help and checks in editors that use yaml-language-server (VS Code's YAML extension, and
others). --write PATH writes it to PATH instead, atomically (a reader never sees half a
file), creating missing directories and replacing an existing file.

Write it next to workspace.yaml and point the editor at it with a relative path, so
nothing is fetched: either a first line in workspace.yaml (the path is relative to it)
  # yaml-language-server: $schema=./workspace.schema.json
or, in .vscode/settings.json (the path is relative to the folder VS Code opened)
  "yaml.schemas": {"./workspace.schema.json": "**/workspace.yaml"}

The schema checks the shape of the file; hexform validate checks more (duplicates,
references between sections, timezones, min_admins).`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if write == "" {
				_, err := e.stdout.Write(schema.JSONSchema())
				return err
			}
			return writeSchema(write)
		},
	}
	c.Flags().StringVar(&write, "write", "", "write the schema to `PATH` (atomically, creating directories) instead of standard output")
	return c
}

func writeSchema(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return withHint(fmt.Errorf("%s is a directory", path),
			"name the file to write, e.g. --write "+filepath.Join(path, "workspace.schema.json"))
	}
	if err := atomicfile.Write(path, schema.JSONSchema(), 0o644, nil); err != nil {
		return fmt.Errorf("writing the schema: %w", err)
	}
	return nil
}

package main

import (
	"github.com/spf13/cobra"

	"github.com/hexform/hexform/schema"
)

func init() { register(newSchemaCmd) }

func newSchemaCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of workspace.yaml, for editors",
		Long: "schema prints the JSON Schema (draft 2020-12) of the workspace file. Save it and point\n" +
			"yaml-language-server at it with a first line like:\n" +
			"  # yaml-language-server: $schema=workspace.schema.json",
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := e.stdout.Write(schema.JSONSchema())
			return err
		},
	}
}

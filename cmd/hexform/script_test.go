package main

import (
	"context"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary run as the hexform command inside scripts.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"hexform": func() {
			os.Exit(Run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// TestScript runs every testdata/script/*.txtar file. Set
// HEXFORM_UPDATE_SCRIPTS=1 to rewrite their cmp golden sections.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: os.Getenv("HEXFORM_UPDATE_SCRIPTS") != "",
	})
}

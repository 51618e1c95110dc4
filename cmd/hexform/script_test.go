package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/hexform/hexform/internal/hexsim"
	"github.com/hexform/hexform/reconcile"

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
		Setup:         startScriptHexsim,
	})
}

// scriptHexsimToken is the token the scripts' simulator accepts.
const scriptHexsimToken = "hxtw_script-token"

// startScriptHexsim serves a Hex simulator on loopback for a script that
// ships a hexsim.json (a state in the file target's format), and sets
// $HEXSIM_URL and $HEX_API_TOKEN for it; the simulator stops with the script.
func startScriptHexsim(env *testscript.Env) error {
	data, err := os.ReadFile(filepath.Join(env.WorkDir, "hexsim.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var state reconcile.Snapshot
	if err := json.Unmarshal(data, &state); err != nil {
		return fmt.Errorf("hexsim.json: %w", err)
	}
	srv := httptest.NewServer(hexsim.New(hexsim.Config{Token: scriptHexsimToken}, &state))
	env.Defer(srv.Close)
	env.Setenv("HEXSIM_URL", srv.URL)
	env.Setenv("HEX_API_TOKEN", scriptHexsimToken)
	return nil
}

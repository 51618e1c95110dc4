package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/spf13/cobra"
)

// TestCompleteConfirmNeverCallsRemote: completing --confirm against a Hex
// target, named by the flag or by HEXFORM_TARGET, sends no request and
// completes nothing, even with a token at hand.
func TestCompleteConfirmNeverCallsRemote(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		http.Error(w, "no", http.StatusTeapot)
	}))
	defer srv.Close()
	ws := filepath.Join(t.TempDir(), "workspace.yaml")
	mustWrite(t, ws, "version: 1\nworkspace: demo\ngroups:\n  - {name: Analysts}\n")
	cases := map[string]struct {
		environ map[string]string
		args    []string
	}{
		"flag": {map[string]string{"HEX_API_TOKEN": "tok"}, []string{"--target", srv.URL}},
		"env":  {map[string]string{"HEX_API_TOKEN": "tok", "HEXFORM_TARGET": srv.URL}, nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			for _, cmd := range []string{"plan", "apply"} {
				args := append([]string{"__complete", cmd, "-f", ws}, tc.args...)
				code, stdout, _ := runCLI(t, tc.environ, append(args, "--confirm", "")...)
				if code != 0 || stdout != ":4\n" {
					t.Errorf("%s: exit %d, stdout %q; want 0 and only the no-files directive", cmd, code, stdout)
				}
			}
			if n := calls.Load(); n != 0 {
				t.Errorf("completion sent %d request(s) to the remote target", n)
			}
		})
	}
}

// TestCompleteKeepsFileArgs: a command that takes arguments other than a
// plan keeps the shell's file completion for them; one that takes none
// completes nothing; a completion a command registered itself is kept.
func TestCompleteKeepsFileArgs(t *testing.T) {
	root := &cobra.Command{Use: "hexform"}
	files := &cobra.Command{Use: "files", Args: cobra.ArbitraryArgs, Run: func(*cobra.Command, []string) {}}
	none := &cobra.Command{Use: "none", Args: cobra.NoArgs, Run: func(*cobra.Command, []string) {}}
	own := &cobra.Command{Use: "own", Args: cobra.NoArgs, Run: func(*cobra.Command, []string) {}}
	own.Flags().String("output", "", "")
	ownValues := func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"mine"}, cobra.ShellCompDirectiveNoFileComp
	}
	if err := own.RegisterFlagCompletionFunc("output", ownValues); err != nil {
		t.Fatal(err)
	}
	root.AddCommand(files, none, own)
	completeValues(root, &env{})
	if files.ValidArgsFunction != nil {
		t.Error("files: its arguments lost the file completion")
	}
	if got, d := none.ValidArgsFunction(none, nil, ""); len(got) != 0 || d != cobra.ShellCompDirectiveNoFileComp {
		t.Errorf("none: completes %v, %v; want nothing and no files", got, d)
	}
	f, _ := own.GetFlagCompletionFunc("output")
	if got, _ := f(own, nil, ""); len(got) != 1 || got[0] != "mine" {
		t.Errorf("own: --output completes %v, want its own [mine]", got)
	}
}

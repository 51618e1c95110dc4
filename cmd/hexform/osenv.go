package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/hexform/hexform/internal/redact"
	"github.com/hexform/hexform/internal/secrets"
	"github.com/hexform/hexform/schema"
)

func osGetenv(k string) string { return os.Getenv(k) }

// credentialVars hold credentials hexform itself may use: their values are
// hidden from every output from the start of a run, whether or not the run
// reads them.
var credentialVars = []string{"HEX_API_TOKEN", "GITHUB_TOKEN"}

// guardOutput makes e's output hide every secret value: the credentials in
// the environment now, the API token and each connection secret as they are
// read. The streams are wrapped (the function returned flushes them) so
// that nothing printed, errors and retry notices included, shows a value.
func guardOutput(e *env) (flush func()) {
	if e.redact == nil {
		e.redact = &redact.Set{}
	}
	for _, k := range credentialVars {
		e.redact.Add(strings.TrimSpace(e.getenv(k)))
	}
	out, errw := redact.NewWriter(e.stdout, e.redact), redact.NewWriter(e.stderr, e.redact)
	e.stdout, e.stderr = out, errw
	return func() {
		_ = out.Flush()
		_ = errw.Flush()
	}
}

// newResolver is the secret resolver of a run: references are read relative
// to the workspace file and within settings.secrets (nil: the defaults);
// the API token (its value, and the --token-file) is refused, and every
// value resolved is hidden from the output.
func newResolver(e *env, workspaceFile, tokenFile string, settings *schema.SecretSettings) *secrets.Resolver {
	r := &secrets.Resolver{Getenv: e.getenv, ReadFile: os.ReadFile, Dir: filepath.Dir(workspaceFile),
		Settings: settings, Token: e.token, Redact: e.redact}
	if r.Token == "" {
		r.Token = strings.TrimSpace(e.getenv("HEX_API_TOKEN"))
	}
	if tokenFile != "" {
		r.DenyFiles = []string{tokenFile}
	}
	return r
}

package schema

import (
	"path"
	"path/filepath"
	"strings"
)

// SecretSettings limit what the secret references of a workspace file may
// read (settings.secrets). They are set in the reviewed file itself, so
// widening them is a visible change to it.
//
// A nil list takes the default: Env nil allows every variable the hard rules
// allow, Files nil every file inside the workspace file's directory tree. An
// empty list allows none. The hard rules (RefuseSecretEnv, RefuseSecretFile)
// apply whatever the lists say.
type SecretSettings struct {
	// Env lists patterns of the variables {env: NAME} may name, with * ? and
	// [a-z] as in path.Match, e.g. "PG_*".
	Env []string `yaml:"env,omitempty" json:"env,omitempty"`
	// Files lists directories (or files), relative to the workspace file's
	// directory, under which {file: PATH} may be, e.g. "secrets/".
	Files []string `yaml:"files,omitempty" json:"files,omitempty"`
}

// SecretRefusal says why a secret reference may not be resolved. Reason
// completes "secret env:NAME is refused: ...".
type SecretRefusal struct {
	Reason string
	Hint   string
}

// deniedEnv is a variable (or a pattern of them) no reference may read,
// whatever settings.secrets says: the credentials of hexform and of the CI
// job running it.
type deniedEnv struct{ pattern, reason string }

var deniedEnvs = []deniedEnv{
	{"HEX_API_TOKEN", "it is hexform's own API token"},
	{"GITHUB_TOKEN", "it is the CI job's GitHub token"},
	{"GH_TOKEN", "it is a GitHub token"},
	{"GITHUB_*", "GITHUB_* variables belong to the CI job"},
	{"ACTIONS_*", "ACTIONS_* variables hold the CI runner's credentials"},
	{"RUNNER_*", "RUNNER_* variables belong to the CI runner"},
}

const envRefusedHint = "name a variable of your own, e.g. {env: PG_PASSWORD}, and pass the secret to the step that runs hexform under that name"

// RefuseSecretEnv returns why {env: name} may not be read, or nil. Denied
// names are compared ignoring case (Windows reads variables so).
func RefuseSecretEnv(name string, s *SecretSettings) *SecretRefusal {
	upper := strings.ToUpper(name)
	for _, d := range deniedEnvs {
		if ok, _ := path.Match(d.pattern, upper); ok {
			return &SecretRefusal{Reason: d.reason, Hint: envRefusedHint}
		}
	}
	if s == nil || s.Env == nil {
		return nil
	}
	for _, p := range s.Env {
		if ok, _ := path.Match(p, name); ok {
			return nil
		}
	}
	if len(s.Env) == 0 {
		return &SecretRefusal{Reason: "settings.secrets.env is empty, so no secret may come from the environment",
			Hint: "add a pattern for the variable to settings.secrets.env, e.g. env: [\"PG_*\"]"}
	}
	return &SecretRefusal{Reason: "it matches none of settings.secrets.env (" + strings.Join(s.Env, ", ") + ")",
		Hint: "rename the variable to match one of them, or add a pattern for it to settings.secrets.env"}
}

// RefuseSecretFile returns why {file: p} may not be read, or nil, from the
// path alone: it must be relative to the workspace file's directory and stay
// inside it, outside .git and .hexform, and under settings.secrets.files
// when that is set. The resolver checks again where symbolic links lead.
func RefuseSecretFile(p string, s *SecretSettings) *SecretRefusal {
	if r := refuseFileLocation(p); r != nil {
		return r
	}
	if s == nil || s.Files == nil {
		return nil
	}
	clean := CleanSecretPath(p)
	for _, dir := range s.Files {
		d := CleanSecretPath(dir)
		if d == "." || clean == d || strings.HasPrefix(clean, d+"/") {
			return nil
		}
	}
	if len(s.Files) == 0 {
		return &SecretRefusal{Reason: "settings.secrets.files is empty, so no secret may come from a file",
			Hint: "add the file's directory to settings.secrets.files, e.g. files: [\"secrets/\"]"}
	}
	return &SecretRefusal{Reason: "it is under none of settings.secrets.files (" + strings.Join(s.Files, ", ") + ")",
		Hint: "move the file under one of them, or add its directory to settings.secrets.files"}
}

// CleanSecretPath is a relative secret file path in slash form, cleaned.
func CleanSecretPath(p string) string {
	return path.Clean(strings.ReplaceAll(p, `\`, "/"))
}

const fileRefusedHint = "keep the secret in a file inside the workspace file's directory, e.g. {file: secrets/pg.pass}, outside .git and .hexform; or use {env: NAME}"

// refuseFileLocation holds the rules settings.secrets.files cannot lift.
func refuseFileLocation(p string) *SecretRefusal {
	clean := CleanSecretPath(p)
	switch {
	case filepath.IsAbs(p) || filepath.VolumeName(p) != "" || strings.HasPrefix(clean, "/"):
		return &SecretRefusal{Reason: "it is an absolute path; a secret file is named relative to the workspace file and must be inside its directory", Hint: fileRefusedHint}
	case clean == ".." || strings.HasPrefix(clean, "../"):
		return &SecretRefusal{Reason: "it is outside the workspace file's directory", Hint: fileRefusedHint}
	}
	for _, part := range strings.Split(clean, "/") {
		switch strings.ToLower(part) {
		case ".git":
			return &SecretRefusal{Reason: "it is inside .git, which holds the repository's configuration and credentials", Hint: fileRefusedHint}
		case ".hexform":
			return &SecretRefusal{Reason: "it is inside .hexform, which holds hexform's state and secret-fingerprint key", Hint: fileRefusedHint}
		}
	}
	return nil
}

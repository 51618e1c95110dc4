package schema

import (
	"strings"
	"testing"
)

// pgWith is a postgres connection whose password is ref (a flow mapping), so
// the reference's value starts at a known column of line 4.
func pgWith(ref string) string {
	return "connections:\n  - name: PG\n    type: postgres\n    config: {hostname: h, port: 5432, database: d, username: u}\n    secrets: {password: " + ref + "}\n"
}

func TestSecretRefsRefused(t *testing.T) {
	// Line 7 is the secrets line; the reference's value starts at column 31 (env) or 32 (file).
	runChecks(t, []checkCase{
		{"hexform's token", pgWith("{env: HEX_API_TOKEN}"), []string{"7:31: error: secret env:HEX_API_TOKEN is refused: it is hexform's own API token | name a variable of your own"}},
		{"token in lower case", pgWith("{env: hex_api_token}"), []string{"7:31: error: secret env:hex_api_token is refused: it is hexform's own API token"}},
		{"GitHub token", pgWith("{env: GITHUB_TOKEN}"), []string{"7:31: error: secret env:GITHUB_TOKEN is refused: it is the CI job's GitHub token"}},
		{"gh token", pgWith("{env: GH_TOKEN}"), []string{"7:31: error: secret env:GH_TOKEN is refused"}},
		{"GITHUB_*", pgWith("{env: GITHUB_EVENT_PATH}"), []string{"7:31: error: secret env:GITHUB_EVENT_PATH is refused: GITHUB_* variables"}},
		{"ACTIONS_*", pgWith("{env: ACTIONS_RUNTIME_TOKEN}"), []string{"7:31: error: secret env:ACTIONS_RUNTIME_TOKEN is refused: ACTIONS_* variables hold the CI runner's credentials"}},
		{"RUNNER_*", pgWith("{env: RUNNER_TEMP}"), []string{"7:31: error: secret env:RUNNER_TEMP is refused"}},
		{"absolute file", pgWith("{file: /proc/self/environ}"), []string{"7:32: error: secret file:/proc/self/environ is refused: it is an absolute path | inside the workspace file's directory"}},
		{"parent dir", pgWith("{file: ../token}"), []string{"7:32: error: secret file:../token is refused: it is outside the workspace file's directory"}},
		{"escape via clean", pgWith("{file: a/../../token}"), []string{"7:32: error: secret file:a/../../token is refused: it is outside"}},
		{".git", pgWith("{file: .git/config}"), []string{"7:32: error: secret file:.git/config is refused: it is inside .git"}},
		{".git deeper", pgWith("{file: sub/.GIT/config}"), []string{"7:32: error: secret file:sub/.GIT/config is refused: it is inside .git"}},
		{".hexform key", pgWith("{file: .hexform/state.json.key}"), []string{"7:32: error: secret file:.hexform/state.json.key is refused: it is inside .hexform"}},
		{"own variable", pgWith("{env: PG_PASSWORD}"), nil},
		{"file inside", pgWith("{file: secrets/pg.pass}"), nil},
		{"file with dot segments inside", pgWith("{file: ./secrets/../pg.pass}"), nil},
	})
}

func TestSecretSettingsAllowlist(t *testing.T) {
	settings := func(s string) string { return "settings:\n  secrets: " + s + "\n" }
	runChecks(t, []checkCase{
		{"env allowed", settings("{env: ['PG_*', HEXFORM_*]}") + pgWith("{env: PG_PASSWORD}"), nil},
		{"env not allowed", settings("{env: ['PG_*', HEXFORM_*]}") + pgWith("{env: AWS_SECRET}"),
			[]string{"9:31: error: secret env:AWS_SECRET is refused: it matches none of settings.secrets.env (PG_*, HEXFORM_*) | add a pattern"}},
		{"env empty list", settings("{env: []}") + pgWith("{env: PG_PASSWORD}"),
			[]string{"9:31: error: secret env:PG_PASSWORD is refused: settings.secrets.env is empty"}},
		{"pattern cannot lift the denylist", settings("{env: ['*']}") + pgWith("{env: HEX_API_TOKEN}"),
			[]string{"9:31: error: secret env:HEX_API_TOKEN is refused: it is hexform's own API token"}},
		{"files allowed", settings("{files: [secrets/]}") + pgWith("{file: secrets/pg.pass}"), nil},
		{"files allowed nested", settings("{files: [secrets]}") + pgWith("{file: ./secrets/db/pg.pass}"), nil},
		{"files prefix is a directory", settings("{files: [secrets]}") + pgWith("{file: secrets-other/pg.pass}"),
			[]string{"9:32: error: secret file:secrets-other/pg.pass is refused: it is under none of settings.secrets.files (secrets) | move the file"}},
		{"files do not limit env", settings("{files: [secrets/]}") + pgWith("{env: PG_PASSWORD}"), nil},
		{"files cannot lift .git", settings("{files: [.]}") + pgWith("{file: .git/config}"),
			[]string{"9:32: error: secret file:.git/config is refused: it is inside .git"}},
		{"bad env pattern", settings("{env: ['PG_[']}"), []string{`4:19: error: "PG_[" is not a pattern of environment variable names`}},
		{"env pattern with a slash", settings("{env: ['a/b']}"), []string{`4:19: error: "a/b" is not a pattern`}},
		{"files entry outside", settings("{files: [../up]}"), []string{`4:21: error: "../up" cannot hold secret files: it is outside the workspace file's directory`}},
		{"files entry absolute", settings("{files: [/run/secrets]}"), []string{`4:21: error: "/run/secrets" cannot hold secret files: it is an absolute path`}},
		{"files entry .git", settings("{files: [.git]}"), []string{`4:21: error: ".git" cannot hold secret files: it is inside .git`}},
		{"unknown key", settings("{vars: [A]}"), []string{`4:13: error: unknown key "vars" in settings.secrets`}},
	})
}

func TestSecretSettingsRoundTrip(t *testing.T) {
	src := base + "settings:\n  secrets: {env: ['PG_*'], files: [secrets/]}\n"
	ws, ds := Parse("w.yaml", []byte(src))
	if ds.HasErrors() {
		t.Fatal(ds.Err())
	}
	s := ws.Settings.Secrets
	if s == nil || strings.Join(s.Env, ",") != "PG_*" || strings.Join(s.Files, ",") != "secrets/" {
		t.Fatalf("settings.secrets = %+v", s)
	}
	out, err := Marshal(ws)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "secrets:\n    env: [PG_*]\n    files: [secrets/]\n") {
		t.Errorf("Marshal:\n%s", out)
	}
	back, ds := Parse("w.yaml", out)
	if ds.HasErrors() || strings.Join(back.Settings.Secrets.Env, ",") != "PG_*" {
		t.Errorf("Parse(Marshal) = %+v, %v", back.Settings, ds.Err())
	}
}

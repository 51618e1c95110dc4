package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// runActionStep runs the run: script of action.yml's step with that id as
// GitHub runs a composite step with shell: bash, with env added to a small
// environment, and returns what it wrote to GITHUB_OUTPUT and its output.
func runActionStep(t *testing.T, id string, env map[string]string) (map[string]string, string, error) {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil || runtime.GOOS == "windows" {
		t.Skip("no bash")
	}
	var script string
	declared := map[string]string{}
	for _, st := range actionDoc(t).Runs.Steps {
		if st.ID == id {
			script = st.Run
			for k := range st.Env {
				declared[k] = "" // set, as GitHub sets a step's env:, even when empty
			}
		}
	}
	if script == "" {
		t.Fatalf("action.yml has no run: step with id %s", id)
	}
	dir := t.TempDir()
	files := map[string]string{"GITHUB_OUTPUT": "output", "GITHUB_PATH": "path", "GITHUB_STEP_SUMMARY": "summary"}
	cmd := exec.Command(bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "RUNNER_TEMP=" + dir, "RUNNER_OS=Linux", "RUNNER_ARCH=X64"}
	for k, f := range files {
		cmd.Env = append(cmd.Env, k+"="+filepath.Join(dir, f))
	}
	for k, v := range merged(declared, env) {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	outputs := map[string]string{}
	data, _ := os.ReadFile(filepath.Join(dir, "output"))
	for _, l := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(l, "="); ok {
			outputs[k] = v
		}
	}
	summary, _ := os.ReadFile(filepath.Join(dir, "summary"))
	outputs["(summary)"] = string(summary)
	return outputs, string(out), err
}

func actionDoc(t *testing.T) hardenedDoc {
	t.Helper()
	var doc hardenedDoc
	data, err := os.ReadFile(actionFile)
	if err == nil {
		err = yaml.Unmarshal(data, &doc)
	}
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// fakeHexform puts a hexform on PATH that prints its arguments one a line,
// then a plan hash, and exits with code.
func fakeHexform(t *testing.T, code string) string {
	t.Helper()
	dir := t.TempDir()
	script := "#!/bin/sh\nfor a in \"$@\"; do echo \"arg:$a\"; done\necho 'Plan hash: sha256:" + strings.Repeat("ab", 32) + "'\nexit " + code + "\n"
	if err := os.WriteFile(filepath.Join(dir, "hexform"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir + string(os.PathListSeparator) + os.Getenv("PATH")
}

// TestActionRunPassesInputsAsWords: the inputs reach hexform as words,
// never as shell code; the exit code and plan hash come out as outputs.
func TestActionRunPassesInputsAsWords(t *testing.T) {
	env := map[string]string{
		"PATH": fakeHexform(t, "2"), "COMMAND": "plan", "FILE": "ws one.yaml", "TARGET": "https://app.hex.tech",
		"ARGS": "--base origin/main\n-o markdown $(touch pwned) `touch pwned2` * ;echo", "OK_EXIT_CODES": "0 2", "STEP_SUMMARY": "true",
	}
	outs, log, err := runActionStep(t, "run", env)
	if err != nil {
		t.Fatalf("exit code 2 is allowed by ok-exit-codes, yet the step failed: %v\n%s", err, log)
	}
	want := []string{"plan", "-f", "ws one.yaml", "--target", "https://app.hex.tech", "--base", "origin/main", "-o", "markdown",
		"$(touch", "pwned)", "`touch", "pwned2`", "*", ";echo"}
	var got []string
	for _, l := range strings.Split(log, "\n") {
		if a, ok := strings.CutPrefix(l, "arg:"); ok {
			got = append(got, a)
		}
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("hexform got\n%q\nwant\n%q", got, want)
	}
	if outs["exit-code"] != "2" || outs["plan-hash"] != "sha256:"+strings.Repeat("ab", 32) {
		t.Errorf("outputs %q", outs)
	}
	if !strings.Contains(outs["(summary)"], "Plan hash:") {
		t.Errorf("step-summary: true left the job summary %q", outs["(summary)"])
	}

	env["OK_EXIT_CODES"], env["STEP_SUMMARY"], env["ARGS"] = "0", "false", ""
	outs, log, err = runActionStep(t, "run", env)
	if err == nil || outs["exit-code"] != "2" || outs["(summary)"] != "" {
		t.Errorf("exit code 2 not in ok-exit-codes: step error %v, outputs %q\n%s", err, outs, log)
	}
}

// releaseArchive is the name .goreleaser.yaml gives a release archive.
func releaseArchive(t *testing.T, version, goos, goarch string) string {
	t.Helper()
	data, err := os.ReadFile("../../.goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		ProjectName string `yaml:"project_name"`
		Archives    []struct {
			Formats      []string
			NameTemplate string `yaml:"name_template"`
		}
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil || len(cfg.Archives) != 1 || len(cfg.Archives[0].Formats) != 1 {
		t.Fatalf(".goreleaser.yaml: want one archive with one format (%v)", err)
	}
	name := strings.NewReplacer("{{ .ProjectName }}", cfg.ProjectName, "{{ .Version }}", version,
		"{{ .Os }}", goos, "{{ .Arch }}", goarch).Replace(cfg.Archives[0].NameTemplate)
	if strings.Contains(name, "{{") {
		t.Fatalf(".goreleaser.yaml: archive name %q has a template the action does not follow", name)
	}
	return name + "." + cfg.Archives[0].Formats[0]
}

// releaseServer serves one hexform release the way GitHub does, with the
// archive names .goreleaser.yaml gives them.
func releaseServer(t *testing.T, tag string, corrupt bool) string {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	body := []byte("#!/bin/sh\necho released\n")
	_ = tw.WriteHeader(&tar.Header{Name: "hexform", Mode: 0o755, Size: int64(len(body))})
	_, _ = tw.Write(body)
	_ = tw.Close()
	_ = gz.Close()
	archive := releaseArchive(t, strings.TrimPrefix(tag, "v"), "linux", "amd64")
	sum := sha256.Sum256(buf.Bytes())
	if corrupt {
		sum[0] ^= 1
	}
	checksums := hex.EncodeToString(sum[:]) + "  " + archive + "\n"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/hexform/hexform/releases/download/" + tag + "/" + archive:
			_, _ = w.Write(buf.Bytes())
		case "/hexform/hexform/releases/download/" + tag + "/checksums.txt":
			_, _ = w.Write([]byte(checksums))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestActionInstallsTheRelease(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("no curl")
	}
	env := map[string]string{"GITHUB_SERVER_URL": releaseServer(t, "v1.2.3", false), "ACTION_REPO": "hexform/hexform", "ACTION_REF": "v1.2.3",
		"GITHUB_ACTION_PATH": "../.."}
	outs, log, err := runActionStep(t, "resolve", env)
	if err != nil || outs["installed"] != "true" || outs["version"] != "v1.2.3" {
		t.Fatalf("err %v, outputs %q\n%s", err, outs, log)
	}
	if b, err := os.ReadFile(filepath.Join(outs["bin"], "hexform")); err != nil || !strings.Contains(string(b), "released") {
		t.Errorf("no released hexform in %s: %v", outs["bin"], err)
	}

	// With github.action_ref empty, the ref is the last part of the path
	// the runner keeps the action under.
	env["ACTION_REF"], env["ACTION_REPO"] = "", ""
	env["GITHUB_ACTION_PATH"] = filepath.Join(t.TempDir(), "_actions", "hexform", "hexform", "v1.2.3")
	outs, log, err = runActionStep(t, "resolve", env)
	if err != nil || outs["installed"] != "true" || outs["version"] != "v1.2.3" {
		t.Errorf("ref from the action's path: err %v, outputs %q\n%s", err, outs, log)
	}

	// Pinned by commit: the release tag pointing at it, as GitHub's API
	// lists tags (gh api prints the names the --jq filter selects).
	gh := t.TempDir()
	const sha = "3d3c42e5aac5ba805825da76410c181273ba90b1"
	fake := "#!/bin/sh\ncase \"$*\" in *'" + sha + "'*) printf 'v1.2\\nv1.2.3\\n' ;; esac\n"
	if err := os.WriteFile(filepath.Join(gh, "gh"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	env["ACTION_REF"], env["PATH"] = sha, gh+string(os.PathListSeparator)+os.Getenv("PATH")
	outs, log, err = runActionStep(t, "resolve", env)
	if err != nil || outs["installed"] != "true" || outs["version"] != "v1.2.3" {
		t.Errorf("ref pinned by commit: err %v, outputs %q\n%s", err, outs, log)
	}
	delete(env, "PATH")
	env["ACTION_REF"] = "v1.2.3"

	env["GITHUB_SERVER_URL"] = releaseServer(t, "v1.2.3", true)
	outs, log, err = runActionStep(t, "resolve", env)
	if err == nil || !strings.Contains(log, "does not match the release's checksums.txt") {
		t.Errorf("a corrupt archive was installed: err %v, outputs %q\n%s", err, outs, log)
	}
}

// TestActionBuildsWithoutRelease: a ref with no release (a branch, an
// untagged commit, a missing archive) falls back to building from the
// action's source, with a cache key naming the ref and go.sum.
func TestActionBuildsWithoutRelease(t *testing.T) {
	wd, _ := os.Getwd()
	for _, ref := range []string{"main", "v9.9.9"} {
		env := map[string]string{"GITHUB_SERVER_URL": releaseServer(t, "v1.2.3", false), "ACTION_REPO": "hexform/hexform",
			"ACTION_REF": ref, "GITHUB_ACTION_PATH": filepath.Join(wd, "../..")}
		outs, log, err := runActionStep(t, "resolve", env)
		if err != nil || outs["installed"] != "false" || !strings.HasPrefix(outs["cache-key"], "hexform-linux-amd64-"+ref+"-") ||
			outs["go-mod"] != filepath.Join(wd, "../..")+"/go.mod" {
			t.Errorf("ref %s: err %v, outputs %q\n%s", ref, err, outs, log)
		}
	}

	// The same branch ref at another commit gets another cache key.
	src := t.TempDir()
	key := func(body string) string {
		if err := os.WriteFile(filepath.Join(src, "main.go"), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		outs, log, err := runActionStep(t, "resolve", map[string]string{"ACTION_REF": "main", "GITHUB_ACTION_PATH": src})
		if err != nil {
			t.Fatalf("%v\n%s", err, log)
		}
		return outs["cache-key"]
	}
	if a, b := key("package main\n"), key("package main // changed\n"); a == b {
		t.Errorf("cache key %s for two different sources", a)
	}
}

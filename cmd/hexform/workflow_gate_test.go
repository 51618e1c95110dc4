package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// planGate is the run: script of plan.yml's step that decides what to run.
func planGate(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(workflowsDir, "plan.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc hardenedDoc
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, st := range doc.Jobs["plan"].Steps {
		if st.ID == "gate" {
			return st.Run
		}
	}
	t.Fatal("plan.yml: job plan has no step with id gate")
	return ""
}

// gateRepo is a git repository whose origin/main has a workspace file,
// and whose HEAD adds the commit changing path.
func gateRepo(t *testing.T, path string) string {
	t.Helper()
	dir := t.TempDir()
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %q: %v\n%s", args, err, out)
		}
	}
	write := func(name, body string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q", "-b", "main")
	write("workspace.yaml", "version: 1\n")
	write("README.md", "x\n")
	git("add", ".")
	git("commit", "-q", "-m", "base")
	git("update-ref", "refs/remotes/origin/main", "HEAD")
	write(path, "changed\n")
	git("add", ".")
	git("commit", "-q", "-m", "change")
	return dir
}

// TestPlanGate: plan.yml always reports; it plans only when the workspace
// file or a hexform workflow changed and the pull request has the secrets,
// and says why when it does not.
func TestPlanGate(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil || runtime.GOOS == "windows" {
		t.Skip("needs git and bash")
	}
	script := planGate(t)
	own := map[string]string{"HEAD_REPO": "acme/hex-admin", "PR_AUTHOR": "alice", "HAS_HEX_TOKEN": "true"}
	tests := []struct {
		name, path string
		env        map[string]string
		changed    string
		plan       string
		why        string
	}{
		{"plan", "workspace.yaml", own, "true", "true", ""},
		{"workflow changed", ".github/workflows/hexform-plan.yml", own, "true", "true", ""},
		{"nothing to plan", "README.md", own, "false", "", "nothing to plan"},
		{"fork", "workspace.yaml", merged(own, map[string]string{"HEAD_REPO": "mallory/hex-admin"}), "true", "false", "from a fork (mallory/hex-admin)"},
		{"dependabot", "workspace.yaml", merged(own, map[string]string{"PR_AUTHOR": "dependabot[bot]"}), "true", "false", "Dependabot"},
		{"no token", "workspace.yaml", merged(own, map[string]string{"HAS_HEX_TOKEN": "false"}), "true", "false", "HEX_API_TOKEN secret is not set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := gateRepo(t, tt.path)
			tmp := t.TempDir()
			cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
			cmd.Dir = dir
			cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + tmp, "BASE_REF=main", "GITHUB_REPOSITORY=acme/hex-admin",
				"GITHUB_OUTPUT=" + filepath.Join(tmp, "out"), "GITHUB_STEP_SUMMARY=" + filepath.Join(tmp, "summary")}
			for k, v := range tt.env {
				cmd.Env = append(cmd.Env, k+"="+v)
			}
			log, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("the gate failed (the check would be red): %v\n%s", err, log)
			}
			out, _ := os.ReadFile(filepath.Join(tmp, "out"))
			summary, _ := os.ReadFile(filepath.Join(tmp, "summary"))
			if !strings.Contains(string(out), "changed="+tt.changed+"\n") || tt.plan != "" && !strings.Contains(string(out), "plan="+tt.plan+"\n") {
				t.Errorf("outputs %q, want changed=%s plan=%s", out, tt.changed, tt.plan)
			}
			if tt.why == "" && (len(summary) > 0 || strings.Contains(string(log), "::notice")) {
				t.Errorf("a plan that runs got a skip notice: %s%s", log, summary)
			}
			if tt.why != "" && (!strings.Contains(string(summary), tt.why) || !strings.Contains(string(log), "::notice title=hexform plan skipped::")) {
				t.Errorf("skip without the reason %q: log %s, summary %s", tt.why, log, summary)
			}
		})
	}
}

package buildinfo

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// releaseConfig is the part of .goreleaser.yaml the test reads.
type releaseConfig struct {
	Version int `yaml:"version"`
	Builds  []struct {
		Main    string   `yaml:"main"`
		Binary  string   `yaml:"binary"`
		Env     []string `yaml:"env"`
		GOOS    []string `yaml:"goos"`
		GOARCH  []string `yaml:"goarch"`
		LDFlags []string `yaml:"ldflags"`
	} `yaml:"builds"`
	Archives []struct {
		Formats         []string `yaml:"formats"`
		FormatOverrides []struct {
			GOOS    string   `yaml:"goos"`
			Formats []string `yaml:"formats"`
		} `yaml:"format_overrides"`
		Files []string `yaml:"files"`
	} `yaml:"archives"`
	Checksum struct {
		NameTemplate string `yaml:"name_template"`
		Algorithm    string `yaml:"algorithm"`
	} `yaml:"checksum"`
}

// TestReleaseConfig checks that the release builds hexform for Linux, macOS
// and Windows with the version stamped into this package's variables, in
// archives (zip on Windows) with the licence, and a checksum file. When a
// goreleaser binary is on PATH, goreleaser check must accept the file too.
func TestReleaseConfig(t *testing.T) {
	data, err := os.ReadFile("../../.goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg releaseConfig
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	if err := dec.Decode(&cfg); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	if cfg.Version != 2 {
		t.Errorf("version: %d, want 2 (GoReleaser v2)", cfg.Version)
	}
	if len(cfg.Builds) != 1 {
		t.Fatalf("%d builds, want 1", len(cfg.Builds))
	}
	b := cfg.Builds[0]
	if b.Main != "./cmd/hexform" || b.Binary != "hexform" || !slices.Contains(b.Env, "CGO_ENABLED=0") {
		t.Errorf("build: main %q, binary %q, env %v; want ./cmd/hexform, hexform, CGO_ENABLED=0", b.Main, b.Binary, b.Env)
	}
	for _, goos := range []string{"linux", "darwin", "windows"} {
		if !slices.Contains(b.GOOS, goos) {
			t.Errorf("goos %v lacks %s", b.GOOS, goos)
		}
	}
	for _, goarch := range []string{"amd64", "arm64"} {
		if !slices.Contains(b.GOARCH, goarch) {
			t.Errorf("goarch %v lacks %s", b.GOARCH, goarch)
		}
	}
	ldflags := strings.Join(b.LDFlags, " ")
	const pkg = "github.com/hexform/hexform/internal/buildinfo"
	for _, v := range []string{"version=v{{ .Version }}", "commit={{ .FullCommit }}", "date="} {
		if !strings.Contains(ldflags, "-X "+pkg+"."+v) {
			t.Errorf("ldflags %q do not stamp -X %s.%s", ldflags, pkg, v)
		}
	}
	checkArchives(t, cfg)
	if cfg.Checksum.NameTemplate == "" || cfg.Checksum.Algorithm != "sha256" {
		t.Errorf("checksum: %+v, want a sha256 checksum file", cfg.Checksum)
	}
	if path, err := exec.LookPath("goreleaser"); err == nil {
		cmd := exec.Command(path, "check", "--config", ".goreleaser.yaml")
		cmd.Dir = "../.."
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("goreleaser check: %v\n%s", err, out)
		}
	}
}

func checkArchives(t *testing.T, cfg releaseConfig) {
	t.Helper()
	if len(cfg.Archives) != 1 {
		t.Fatalf("%d archives, want 1", len(cfg.Archives))
	}
	a := cfg.Archives[0]
	if !slices.Equal(a.Formats, []string{"tar.gz"}) {
		t.Errorf("archive formats %v, want [tar.gz]", a.Formats)
	}
	windowsZip := false
	for _, o := range a.FormatOverrides {
		windowsZip = windowsZip || o.GOOS == "windows" && slices.Equal(o.Formats, []string{"zip"})
	}
	if !windowsZip {
		t.Error("no format override gives Windows a zip")
	}
	for _, f := range []string{"LICENSE", "README.md", "CHANGELOG.md"} {
		if !slices.Contains(a.Files, f) {
			t.Errorf("archive files %v lack %s", a.Files, f)
		}
		if _, err := os.Stat("../../" + f); err != nil {
			t.Errorf("archive file %s: %v", f, err)
		}
	}
}

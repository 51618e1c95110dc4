package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// repoRoot is the repository's top directory, seen from this package.
const repoRoot = "../.."

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, name))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(data)
}

// TestLicenseIsApache2 pins LICENSE to the Apache License 2.0 as the
// Apache Software Foundation publishes it (LICENSE-2.0.txt), so licence
// scanners recognise it.
func TestLicenseIsApache2(t *testing.T) {
	const want = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30"
	sum := sha256.Sum256([]byte(readRepoFile(t, "LICENSE")))
	if got := hex.EncodeToString(sum[:]); got != want {
		t.Errorf("LICENSE has sha256 %s, want %s (the unmodified Apache-2.0 text)", got, want)
	}
}

// TestChangelogFormat holds CHANGELOG.md to Keep a Changelog: an
// Unreleased section first, versions as "## [X]" headings with a link
// reference each, and only the change types the format names.
func TestChangelogFormat(t *testing.T) {
	text := readRepoFile(t, "CHANGELOG.md")
	if !strings.HasPrefix(text, "# Changelog\n") {
		t.Error("CHANGELOG.md does not start with '# Changelog'")
	}
	versions := regexp.MustCompile(`(?m)^## \[([^\]]+)\]`).FindAllStringSubmatch(text, -1)
	if len(versions) == 0 || versions[0][1] != "Unreleased" {
		t.Fatalf("CHANGELOG.md's first section is %v, want ## [Unreleased]", versions)
	}
	for _, v := range versions {
		if !strings.Contains(text, "\n["+v[1]+"]: https://") {
			t.Errorf("CHANGELOG.md: no link reference [%s]: https://...", v[1])
		}
	}
	types := map[string]bool{"Added": true, "Changed": true, "Deprecated": true, "Removed": true, "Fixed": true, "Security": true}
	for _, h := range regexp.MustCompile(`(?m)^### (.*)$`).FindAllStringSubmatch(text, -1) {
		if !types[h[1]] {
			t.Errorf("CHANGELOG.md: ### %s is not a Keep a Changelog change type", h[1])
		}
	}
	for _, breaking := range []string{"`format_version` 2", "absolute `{file: PATH}`", "`lineage`"} {
		if !regexp.MustCompile(`(?m)^- \*\*Breaking:\*\*.*` + regexp.QuoteMeta(breaking)).MatchString(text) {
			t.Errorf("CHANGELOG.md: no Breaking entry mentions %s", breaking)
		}
	}
}

// TestSecurityPolicy checks that SECURITY.md says how to report privately
// and what it covers, and that the README points at the project documents.
func TestSecurityPolicy(t *testing.T) {
	text := readRepoFile(t, "SECURITY.md")
	for _, want := range []string{
		"## Reporting a vulnerability", "/security/advisories/new",
		"## In scope", "## Out of scope", "## Supported versions",
		"Secret leakage", "Plan tampering", "Applying unreviewed changes", "PR-comment forgery",
		"Secret references reaching CI credentials",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("SECURITY.md does not contain %q", want)
		}
	}
	readme := readRepoFile(t, "README.md")
	for _, link := range []string{"(LICENSE)", "(CHANGELOG.md)", "(SECURITY.md)"} {
		if !strings.Contains(readme, link) {
			t.Errorf("README.md does not link %s", link)
		}
	}
}

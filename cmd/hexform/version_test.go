package main

import (
	"bytes"
	"context"
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hexform/hexform/internal/buildinfo"
)

func runArgs(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestVersion(t *testing.T) {
	out, errOut, code := runArgs(t, "version")
	if code != 0 || errOut != "" {
		t.Fatalf("version: exit %d, stderr %q", code, errOut)
	}
	want := buildinfo.Get().String() + "\n"
	if out != want {
		t.Errorf("version printed %q, want %q", out, want)
	}
	suffix := runtime.Version() + ", " + runtime.GOOS + "/" + runtime.GOARCH + ")\n"
	if !strings.HasPrefix(out, "hexform ") || !strings.HasSuffix(out, suffix) {
		t.Errorf("version printed %q, want hexform VERSION (...%s", out, suffix)
	}
	flagOut, errOut, code := runArgs(t, "--version")
	if code != 0 || errOut != "" || flagOut != out {
		t.Errorf("--version: exit %d, stdout %q, stderr %q; want exit 0 and %q", code, flagOut, errOut, out)
	}
}

func TestVersionJSON(t *testing.T) {
	out, errOut, code := runArgs(t, "version", "-o", "json")
	if code != 0 || errOut != "" {
		t.Fatalf("version -o json: exit %d, stderr %q", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("version -o json printed %q: %v", out, err)
	}
	info := buildinfo.Get()
	for key, want := range map[string]string{"version": info.Version, "go_version": runtime.Version(), "platform": runtime.GOOS + "/" + runtime.GOARCH} {
		if got[key] != want {
			t.Errorf("%s = %v, want %q", key, got[key], want)
		}
	}
	var decoded buildinfo.Info
	if err := json.Unmarshal([]byte(out), &decoded); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(info, decoded); diff != "" {
		t.Errorf("version -o json (-want +got):\n%s", diff)
	}
}

func TestVersionRefusesUnknownFormat(t *testing.T) {
	_, errOut, code := runArgs(t, "version", "-o", "yaml")
	want := "hexform: unknown output format \"yaml\"\nhint: use -o text or -o json\n"
	if code != 1 || errOut != want {
		t.Errorf("exit %d, stderr %q; want exit 1 and %q", code, errOut, want)
	}
}

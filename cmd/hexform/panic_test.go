package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

func init() {
	register(func(*env) *cobra.Command {
		return &cobra.Command{Use: "test-panic", Hidden: true, RunE: func(*cobra.Command, []string) error {
			panic("bad state hxtp_not-a-real-token\n\tgoroutine 1 [running]")
		}}
	})
}

// TestPanicExitsOne: a panic anywhere in a command exits 1 (never 2 or 3,
// which CI reads as "changes" or "blocked"), with one line saying so.
func TestPanicExitsOne(t *testing.T) {
	var out, errs bytes.Buffer
	code := runWithEnv(context.Background(), []string{"test-panic"}, &env{
		stdin: strings.NewReader(""), stdout: &out, stderr: &errs, getenv: func(string) string { return "" },
	})
	if code != exitError {
		t.Fatalf("exit %d, want 1", code)
	}
	if !strings.HasPrefix(errs.String(), "hexform: internal error: bad state") || strings.Contains(errs.String(), "goroutine") {
		t.Errorf("stderr is not one line saying it is an internal error:\n%s", errs.String())
	}
}

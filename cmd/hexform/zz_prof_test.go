package main

import (
	"context"
	"io"
	"os"
	"testing"
)

func TestZZProf(t *testing.T) {
	dir := os.Getenv("PROFDIR")
	if dir == "" {
		t.Skip()
	}
	for range 5 {
		Run(context.Background(), []string{"plan", "-f", dir + "/workspace.yaml", "--target", "file:" + dir + "/state.json", "--no-color"}, nil, io.Discard, io.Discard)
	}
}

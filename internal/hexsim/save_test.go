package hexsim

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestCoalescedSaves: with SaveEvery, many writes cost one save, and Close
// saves the writes no coalesced save has saved yet.
func TestCoalescedSaves(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s, c := newSim(t, Config{StatePath: path, SaveEvery: time.Hour}, fixture())
	for i := range 50 {
		c.do("POST", "/api/v1/groups", map[string]any{"name": "G" + string(rune('A'+i%26))}).want(t, 201)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) || s.Stats().Saves != 0 {
		t.Fatalf("50 writes within SaveEvery: saved %d times (%v), want none yet", s.Stats().Saves, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(s.Snapshot(), loaded); d != "" || loaded.Revision != 50 || s.Stats().Saves != 1 {
		t.Errorf("after Close: revision %d, %d saves; (-server +file):\n%s", loaded.Revision, s.Stats().Saves, d)
	}
	// After Close every write is saved at once.
	c.do("POST", "/api/v1/groups", map[string]any{"name": "Late"}).want(t, 201)
	if loaded, err := Load(path); err != nil || loaded.Revision != 51 {
		t.Errorf("a write after Close: revision %d, %v; want 51", loaded.Revision, err)
	}
	if err := s.Close(); err != nil || s.Stats().Saves != 2 {
		t.Errorf("Close again: %v, %d saves; want nil and no new save", err, s.Stats().Saves)
	}
}

// TestCoalescedSaveInTime: a coalesced save comes SaveEvery after a write,
// without Close.
func TestCoalescedSaveInTime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s, c := newSim(t, Config{StatePath: path, SaveEvery: 5 * time.Millisecond}, fixture())
	c.do("POST", "/api/v1/groups", map[string]any{"name": "Soon"}).want(t, 201)
	deadline := time.Now().Add(10 * time.Second)
	for s.Stats().Saves == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	loaded, err := Load(path)
	if err != nil || loaded.Revision != 1 || s.Stats().Saves != 1 {
		t.Fatalf("saved %d times, revision %d, %v", s.Stats().Saves, loaded.Revision, err)
	}
	if err := s.Close(); err != nil || s.Stats().Saves != 1 {
		t.Errorf("Close with nothing to save: %v, %d saves", err, s.Stats().Saves)
	}
}

// TestCoalescedSaveFailure: a coalesced save that fails refuses the next
// writes (500, naming the problem) and is the error of Close.
func TestCoalescedSaveFailure(t *testing.T) {
	notDir := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, c := newSim(t, Config{StatePath: filepath.Join(notDir, "state.json"), SaveEvery: time.Millisecond}, fixture())
	c.do("POST", "/api/v1/groups", map[string]any{"name": "A"}).want(t, 201)
	deadline := time.Now().Add(10 * time.Second)
	for {
		r := c.do("POST", "/api/v1/groups", map[string]any{"name": "B"})
		if r.status == 500 {
			wantTsoa(t, r, 500, "cannot save the state")
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("writes still accepted 10s after a save failed")
		}
		time.Sleep(time.Millisecond)
	}
	c.do("GET", "/api/v1/groups", nil).want(t, 200) // reads still work
	if err := s.Close(); err == nil {
		t.Error("Close after failed saves: nil error")
	}
}

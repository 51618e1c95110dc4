package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/hexsim"
)

// get sends an authorised GET and returns the status and body.
func get(t *testing.T, url, token string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// TestRunFixedRateLimit: --fixed-rate-limit limits ListUsers, DeactivateUser
// and Me in a window of their own; given as 0 it lifts the 30 a minute that
// --rate-limit otherwise implies for them.
func TestRunFixedRateLimit(t *testing.T) {
	s := start(t, "--token", "T", "--fixed-rate-limit", "1")
	for i, want := range []int{200, 429} {
		if code, _ := get(t, s.url+"/api/v1/users/me", "T"); code != want {
			t.Errorf("Me %d with --fixed-rate-limit 1: %d, want %d", i+1, code, want)
		}
	}
	for i := range 3 {
		if code, _ := get(t, s.url+"/api/v1/groups", "T"); code != 200 {
			t.Errorf("ListGroups %d: %d (the default group is not limited)", i+1, code)
		}
	}
	_, stats := get(t, s.url+"/_sim/stats", "T")
	if !strings.Contains(stats, `"rate_limited_by_group":{"hex-api-30rpm":1}`) {
		t.Errorf("stats: %s", stats)
	}
	s.stop(t)

	s = start(t, "--token", "T", "--rate-limit", "1", "--fixed-rate-limit", "0")
	defer s.stop(t)
	for i := range 35 {
		if code, _ := get(t, s.url+"/api/v1/users", "T"); code != 200 {
			t.Fatalf("ListUsers %d with --fixed-rate-limit 0: %d", i+1, code)
		}
	}
}

// TestRunBasicInList: --basic-in-list lists a connection in the basic form,
// without its details; GetDataConnection still gives them.
func TestRunBasicInList(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	doc := `{"connections": [{"id": "c1", "name": "Warehouse", "type": "postgres",
	  "config": {"host": "db.internal", "port": 5432, "database": "w", "username": "u"}},
	  {"id": "c2", "name": "Other", "type": "postgres",
	  "config": {"host": "db2.internal", "port": 5432, "database": "w", "username": "u"}}]}`
	if err := os.WriteFile(state, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	s := start(t, "--token", "T", "--state", state, "--basic-in-list", "Warehouse")
	defer s.stop(t)
	code, body := get(t, s.url+"/api/v1/data-connections", "T")
	if code != 200 || strings.Count(body, "connectionDetails") != 1 || !strings.Contains(body, `{"id":"c1","name":"Warehouse","type":"postgres"}`) {
		t.Errorf("ListDataConnections with --basic-in-list Warehouse: %d %s", code, body)
	}
	if code, body := get(t, s.url+"/api/v1/data-connections/c1", "T"); code != 200 || !strings.Contains(body, "connectionDetails") {
		t.Errorf("GetDataConnection: %d %s", code, body)
	}
}

// TestRunSavesAtShutdown: with saves coalesced, a burst of writes is not
// saved one by one, and the shutdown saves every write answered before it.
func TestRunSavesAtShutdown(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	s := start(t, "--token", "T", "--state", state, "--save-every", "1h")
	for i := range 20 {
		if code := request(t, "POST", s.url+"/api/v1/groups", "T", `{"name":"G`+strconv.Itoa(i)+`"}`); code != 201 {
			t.Fatalf("CreateGroup %d: %d", i, code)
		}
	}
	if _, stats := get(t, s.url+"/_sim/stats", "T"); strings.Contains(stats, `"saves"`) {
		t.Errorf("saved within --save-every: %s", stats)
	}
	s.stop(t)
	st, err := hexsim.Load(state)
	if err != nil || len(st.Groups) != 20 || st.Revision != 20 {
		t.Fatalf("state after shutdown: %d groups, revision %d, %v; want 20 and 20", len(st.Groups), st.Revision, err)
	}
}

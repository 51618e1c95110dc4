package hexsim

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

const testToken = "hxtw_test-token"

// pgSecret is a secret value that must never come back from the simulator.
const pgSecret = "s3cr3t-PASSWORD-value"

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// fixture is a small workspace: four active users, one inactive, a group and a connection.
func fixture() *reconcile.Snapshot {
	return &reconcile.Snapshot{
		Users: []reconcile.UserState{
			{ID: "u-ann", Email: "Ann@Acme.com", Name: "Ann Admin", Role: schema.RoleAdmin, Active: true},
			{ID: "u-bob", Email: "bob@acme.com", Name: "Bob", Role: schema.RoleEditor, Active: true},
			{ID: "u-carol", Email: "carol@acme.com", Name: "Carol", Role: schema.RoleViewer, Active: true},
			{ID: "u-dave", Email: "dave@acme.com", Role: schema.RoleGuest, Active: true},
			{ID: "u-eve", Email: "eve@acme.com", Name: "Eve", Role: schema.RoleManager, Active: false},
		},
		Groups: []reconcile.GroupState{{ID: "g-analysts", Name: "Analysts", Members: []string{"bob@acme.com", "carol@acme.com"}}},
		Connections: []reconcile.ConnectionState{{
			ID: "c-wh", Name: "Warehouse", Type: "postgres",
			Config:  map[string]any{"hostname": "db.acme.com", "port": 5432, "database": "dw", "username": "hex"},
			Secrets: map[string]string{"password": fingerprint(pgSecret)},
			Sharing: reconcile.SharingState{Members: "query", Guests: "none", Public: "none", Groups: map[string]string{"Analysts": "view_results"}},
		}},
	}
}

// client speaks plain net/http to a simulator.
type client struct {
	t     *testing.T
	url   string
	token string
}

func newSim(t *testing.T, cfg Config, state *reconcile.Snapshot) (*Server, *client) {
	t.Helper()
	if cfg.Token == "" {
		cfg.Token = testToken
	}
	s := New(cfg, state)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, &client{t: t, url: ts.URL, token: cfg.Token}
}

type resp struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request; a non-nil body is sent as JSON (a string is sent as is).
func (c *client) do(method, path string, body any) resp {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, c.url+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp{status: res.StatusCode, header: res.Header, body: data}
}

// ok fails the test unless the response has the wanted status; it returns the body decoded.
func (r resp) want(t *testing.T, status int) map[string]any {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body: %s", r.status, status, r.body)
	}
	if len(r.body) == 0 {
		return nil
	}
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body is not a JSON object: %v: %s", err, r.body)
	}
	return m
}

// values returns a list response's values and cursors ("" for null).
func values(t *testing.T, m map[string]any) (vals []map[string]any, after, before string) {
	t.Helper()
	for _, v := range m["values"].([]any) {
		vals = append(vals, v.(map[string]any))
	}
	pg, ok := m["pagination"].(map[string]any)
	if !ok {
		t.Fatalf("no pagination in %v", m)
	}
	for _, k := range []string{"after", "before"} {
		if _, ok := pg[k]; !ok {
			t.Fatalf("pagination.%s missing (must be present, null at the ends)", k)
		}
	}
	after, _ = pg["after"].(string)
	before, _ = pg["before"].(string)
	return vals, after, before
}

// pluck collects one field of every value.
func pluck(vals []map[string]any, name string) []string {
	var out []string
	for _, v := range vals {
		s, _ := v[name].(string)
		out = append(out, s)
	}
	return out
}

// wantTsoa checks a {reason, details, traceId} error whose traceId is the header's.
func wantTsoa(t *testing.T, r resp, status int, detail string) {
	t.Helper()
	m := r.want(t, status)
	if _, ok := m["code"]; ok {
		t.Errorf("TSOA error has a code field: %s", r.body)
	}
	if m["reason"] == nil || m["reason"] == "" {
		t.Errorf("no reason: %s", r.body)
	}
	if m["traceId"] != r.header.Get("X-Trace-Id") || m["traceId"] == "" {
		t.Errorf("traceId %v, header %q", m["traceId"], r.header.Get("X-Trace-Id"))
	}
	if got, _ := m["details"].(string); !strings.Contains(got+" "+m["reason"].(string), detail) {
		t.Errorf("error %s does not mention %q", r.body, detail)
	}
}

// wantCode checks a {code, message, issues} error.
func wantCode(t *testing.T, r resp, status int, code, issue string) {
	t.Helper()
	m := r.want(t, status)
	if m["code"] != code || m["message"] == nil {
		t.Errorf("code %v, want %s: %s", m["code"], code, r.body)
	}
	if _, ok := m["reason"]; ok {
		t.Errorf("code-style error has a reason: %s", r.body)
	}
	if !strings.Contains(string(r.body), issue) {
		t.Errorf("error %s does not mention %q", r.body, issue)
	}
}

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

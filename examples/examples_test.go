package examples_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/hexform/hexform/schema"
)

// workspaceFiles returns every workspace.yaml under this directory; other
// YAML (CI workflows) is not a workspace file and is skipped.
func workspaceFiles(t *testing.T) []string {
	t.Helper()
	var paths []string
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "workspace.yaml" {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 2 {
		t.Fatalf("found %d example workspace files, want acme and minimal at least", len(paths))
	}
	return paths
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.JSONSchema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("workspace.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("workspace.schema.json")
	if err != nil {
		t.Fatalf("compile JSON Schema: %v", err)
	}
	return sch
}

func TestExamplesAreValid(t *testing.T) {
	sch := compileSchema(t)
	for _, p := range workspaceFiles(t) {
		t.Run(p, func(t *testing.T) {
			ws, ds := schema.Load(p)
			if len(ds) > 0 || ws == nil {
				t.Fatalf("examples must load without errors or warnings:\n%v", ds)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(data), "# yaml-language-server: $schema=") {
				t.Error("the first line should be the yaml-language-server $schema comment")
			}
			var v any
			if err := yaml.Unmarshal(data, &v); err != nil {
				t.Fatal(err)
			}
			js, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("fails the JSON Schema: %v", err)
			}
		})
	}
}

// The examples are what users copy: they are in the form hexform fmt
// writes, so that `hexform fmt --check` passes on a copied file.
func TestExamplesAreFormatted(t *testing.T) {
	for _, p := range workspaceFiles(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out, ds := schema.Format(p, data, schema.Options{})
		if ds.HasErrors() {
			t.Fatalf("%s: %v", p, ds)
		}
		if !bytes.Equal(out, data) {
			t.Errorf("%s is not formatted: run hexform fmt -f %s", p, p)
		}
	}
}

// TestAcmeMatchesTheDemo pins what the demo and the other tests rely on.
func TestAcmeMatchesTheDemo(t *testing.T) {
	ws, ds := schema.Load(filepath.Join("acme", "workspace.yaml"))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	roles := map[string]schema.Role{}
	for _, u := range ws.Users {
		roles[u.Email] = u.Role
	}
	for email, want := range map[string]schema.Role{"alice@acme.com": schema.RoleAdmin, "bob@acme.com": schema.RoleAdmin,
		"carol@acme.com": schema.RoleEditor, "dan@acme.io": schema.RoleManager} {
		if roles[email] != want {
			t.Errorf("user %s has role %q, want %q", email, roles[email], want)
		}
	}
	if ws.Domains.DefaultRole != schema.RoleViewer || strings.Join(ws.Domains.Allowed, ",") != "acme.com,acme.io" {
		t.Errorf("domains = %+v", ws.Domains)
	}
	if ws.Settings.MinAdminsOrDefault() != 2 {
		t.Errorf("min_admins = %d, want 2", ws.Settings.MinAdminsOrDefault())
	}
	conns := map[string]schema.Connection{}
	for _, c := range ws.Connections {
		conns[c.Name] = c
	}
	if wh := conns["Warehouse"]; wh.Type != "snowflake" || !schema.On(wh.Protect) ||
		wh.Secrets["private_key"].Env != "HEXFORM_DEMO_SF_KEY" || wh.Secrets["passphrase"].Env != "HEXFORM_DEMO_SF_PASS" {
		t.Errorf("Warehouse = %+v", wh)
	}
	if pg := conns["Product Postgres"]; pg.Type != "postgres" || pg.Secrets["password"].Env != "HEXFORM_DEMO_PG_PASSWORD" {
		t.Errorf("Product Postgres = %+v", pg)
	}
	var groups []string
	for _, g := range ws.Groups {
		groups = append(groups, g.Name+"<"+strings.Join(g.Previously, ",")+">")
	}
	if got := strings.Join(groups, " "); !strings.Contains(got, "Data Science<DS Team>") || !strings.Contains(got, "Analytics Engineering<") {
		t.Errorf("groups = %s", got)
	}
	pkgs := map[string]schema.Package{}
	for _, p := range ws.Packages {
		pkgs[p.Name] = p
	}
	if p, ok := pkgs["analytics-utils"]; !ok || p.Ref.Tag != "v1.4.2" {
		t.Errorf("packages = %+v", ws.Packages)
	}
	var statuses, categories []string
	for _, s := range ws.Tags.Statuses {
		statuses = append(statuses, s.Name+strings.Join(s.Previously, ""))
	}
	for _, c := range ws.Tags.Categories {
		categories = append(categories, c.Name)
	}
	sort.Strings(statuses)
	sort.Strings(categories)
	if got := strings.Join(statuses, ","); got != "Approved,Archive,Exploratory,In ProgressWIP,Production" {
		t.Errorf("statuses = %s", got)
	}
	if got := strings.Join(categories, ","); got != "External,Internal,Template" {
		t.Errorf("categories = %s", got)
	}
	if got := ws.Ignore["users"][0] + " " + ws.Ignore["groups"][0]; got != "*@contractor.example scim-*" {
		t.Errorf("ignore = %v", ws.Ignore)
	}
}

package reconcile

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/hexform/hexform/schema"
)

// randomSnapshot builds a valid, random workspace state.
func randomSnapshot(r *rand.Rand) *Snapshot {
	s := &Snapshot{Domains: DomainState{Allowed: []string{"acme.com"}, DefaultRole: schema.RoleViewer}}
	if r.Intn(4) == 0 {
		s.Domains = DomainState{}
	}
	var active []string
	for i := 0; i < r.Intn(12); i++ {
		dom := []string{"acme.com", "partner.example", "Acme.COM"}[r.Intn(3)]
		u := UserState{ID: fmt.Sprintf("u%d", i), Email: fmt.Sprintf("user%d@%s", i, dom),
			Role: schema.Roles[r.Intn(len(schema.Roles))], Active: r.Intn(5) != 0}
		if r.Intn(2) == 0 {
			u.Name = fmt.Sprintf("User %d", i)
		}
		if u.Active {
			active = append(active, u.Email)
		}
		s.Users = append(s.Users, u)
	}
	// Keep at least one admin, as a real workspace has.
	s.Users = append(s.Users, UserState{ID: "root", Email: "root@acme.com", Role: schema.RoleAdmin, Active: true})
	active = append(active, "root@acme.com")
	for i := 0; i < r.Intn(5); i++ {
		g := GroupState{ID: fmt.Sprintf("g%d", i), Name: fmt.Sprintf("Group %d", i), Protected: r.Intn(3) == 0}
		for _, e := range active {
			if r.Intn(2) == 0 {
				g.Members = append(g.Members, e)
			}
		}
		s.Groups = append(s.Groups, g)
	}
	for i := 0; i < r.Intn(4); i++ {
		c := ConnectionState{ID: fmt.Sprintf("c%d", i), Name: fmt.Sprintf("Conn %d", i), Type: "postgres",
			Config:  map[string]any{"hostname": "db.example", "port": 5432 + i, "database": "d", "username": "u"},
			Secrets: map[string]string{"password": "hmac-sha256:00"},
			Sharing: SharingState{Members: []string{"none", "query", "view_results"}[r.Intn(3)], Guests: "none", Public: "none"},
		}
		if len(s.Groups) > 0 && r.Intn(2) == 0 {
			c.Sharing.Groups = map[string]string{s.Groups[0].Name: "query"}
		}
		if r.Intn(2) == 0 {
			c.Description = "described"
		}
		s.Connections = append(s.Connections, c)
	}
	for i := 0; i < r.Intn(3); i++ {
		s.Packages = append(s.Packages, PackageState{ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("pkg-%d", i),
			Repository: "acme/pkg", Ref: schema.Ref{Tag: fmt.Sprintf("v1.%d", i)}})
	}
	for i := 0; i < r.Intn(4); i++ {
		s.Statuses = append(s.Statuses, StatusState{ID: fmt.Sprintf("s%d", i), Name: fmt.Sprintf("Status %d", i), Endorsed: r.Intn(2) == 0})
		s.Categories = append(s.Categories, CategoryState{ID: fmt.Sprintf("k%d", i), Name: fmt.Sprintf("Cat %d", i)})
	}
	return s
}

// TestExportPlansNothing: exporting a state and planning the exported file
// against the same state plans nothing, over many random states.
func TestExportPlansNothing(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 300; i++ {
		s := randomSnapshot(r)
		data, err := schema.Marshal(Export(s, "acme"))
		if err != nil {
			t.Fatalf("state %d: marshal: %v", i, err)
		}
		ws, ds := schema.Parse("exported.yaml", data)
		if ds.HasErrors() {
			t.Fatalf("state %d: the exported file does not load: %v\n%s", i, ds.Err(), data)
		}
		if p := Diff(ws, s, Options{}); p.HasChanges() {
			t.Fatalf("state %d: planning the exported file plans %d changes, first %s\n%s", i, len(p.Changes), p.Changes[0].ID, data)
		}
	}
}

func TestExportLeavesUnreadableKindsOut(t *testing.T) {
	s := &Snapshot{Users: []UserState{{ID: "u", Email: "a@acme.com", Role: schema.RoleAdmin, Active: true}},
		Unreadable: []Kind{KindDomain, KindSetting, KindPackage, KindStatus, KindCategory}}
	ws := Export(s, "acme")
	if ws.Domains != nil || ws.Packages != nil || ws.Tags != nil {
		t.Fatalf("unreadable kinds exported: %+v", ws)
	}
	if ws.Users == nil || ws.Groups == nil || ws.Connections == nil {
		t.Fatal("readable kinds left out")
	}
}

func TestEnvName(t *testing.T) {
	if got := EnvName("Prod DB (EU)", "password"); got != "HEX_PROD_DB__EU__PASSWORD" {
		t.Errorf("EnvName = %q", got)
	}
}

func TestExportUnknownSecretsOnlyRequired(t *testing.T) {
	s := &Snapshot{Connections: []ConnectionState{{ID: "c", Name: "R", Type: "redshift",
		Secrets: map[string]string{"password": "", "ssl_root_cert": ""}}}}
	got := Export(s, "acme").Connections[0].Secrets
	if _, ok := got["password"]; !ok || len(got) != 1 {
		t.Fatalf("secrets = %v, want only the required password", got)
	}
	s.Connections[0].Secrets["ssl_root_cert"] = "hmac-sha256:ab"
	if got := Export(s, "acme").Connections[0].Secrets; len(got) != 2 {
		t.Fatalf("a secret known to be set was left out: %v", got)
	}
}

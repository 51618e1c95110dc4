package reconcile

import (
	"math/rand"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/schema"
)

func TestDiffSecretsNoPerpetualDiff(t *testing.T) {
	ref := schema.SecretRef{Env: "PG_PASS"}
	fpSame := func(schema.SecretRef) (string, bool) { return "fp1", true }
	fpNew := func(schema.SecretRef) (string, bool) { return "fp2", true }
	fpUnknown := func(schema.SecretRef) (string, bool) { return "", false }
	set := Field{Path: "secrets.password", Before: "(set)", After: "env:PG_PASS", Sensitive: true}
	tests := []struct {
		name   string
		have   map[string]string
		opts   Options
		want   *Field
		create bool
	}{
		{name: "missing in state: set", have: nil, want: &Field{Path: "secrets.password", After: "env:PG_PASS", Sensitive: true}},
		{name: "set, no fingerprint function", have: map[string]string{"password": "fp1"}},
		{name: "set, same fingerprint", have: map[string]string{"password": "fp1"}, opts: Options{SecretFingerprint: fpSame}},
		{name: "set, value unknown at plan time", have: map[string]string{"password": "fp1"}, opts: Options{SecretFingerprint: fpUnknown}},
		{name: "set, fingerprint changed", have: map[string]string{"password": "fp1"}, opts: Options{SecretFingerprint: fpNew}, want: &set},
		{name: "target only says it is set", have: map[string]string{"password": ""}, opts: Options{SecretFingerprint: fpNew}},
		{name: "rotate", have: map[string]string{"password": "fp1"}, opts: Options{RotateSecrets: true}, want: &set},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			have := &Snapshot{Connections: []ConnectionState{{ID: "c", Name: "W", Type: "postgres", Secrets: tt.have}}}
			w := &schema.Workspace{Connections: []schema.Connection{{Name: "W", Type: "postgres", Secrets: map[string]schema.SecretRef{"password": ref}}}}
			p := Diff(w, have, tt.opts)
			if tt.want == nil {
				if len(p.Changes) != 0 {
					t.Fatalf("changes %q, want none", ids(p))
				}
				return
			}
			c := change(t, p, "update connection/W")
			if diff := cmp.Diff([]Field{*tt.want}, c.Fields); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDiffConnectionFields(t *testing.T) {
	p := Diff(richWant(), richHave(), Options{})
	c := change(t, p, "update connection/Warehouse")
	want := []Field{
		{Path: "config.host", Before: "old.acme.com", After: "db.acme.com"},
		{Path: "sharing.groups.Old team", Before: "view_results", After: "none"},
		{Path: "sharing.members", Before: "query", After: "view_results"},
	}
	if diff := cmp.Diff(want, c.Fields); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	if c.Risk != RiskMedium || c.ResourceID != "c1" {
		t.Errorf("risk %s id %q, want medium c1", c.Risk, c.ResourceID)
	}
	cr := Diff(richWant(), &Snapshot{}, Options{})
	got := change(t, cr, "create connection/Warehouse").Fields
	wantCreate := []Field{
		{Path: "config.host", After: "db.acme.com"},
		{Path: "config.port", After: 5432},
		{Path: "description", After: "Main DB"},
		{Path: "name", After: "Warehouse"},
		{Path: "secrets.password", After: "env:PG_PASS", Sensitive: true},
		{Path: "sharing.groups.Data Science", After: "query"},
		{Path: "sharing.members", After: "view_results"},
		{Path: "type", After: "postgres"},
	}
	if diff := cmp.Diff(wantCreate, got); diff != "" {
		t.Errorf("create fields (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"create group/Data Science"}, change(t, cr, "create connection/Warehouse").DependsOn); diff != "" {
		t.Errorf("depends on (-want +got):\n%s", diff)
	}
}

func TestDiffSharingFollowsGroupRename(t *testing.T) {
	have := &Snapshot{
		Groups:      []GroupState{{ID: "g", Name: "Old"}},
		Connections: []ConnectionState{{ID: "c", Name: "W", Type: "postgres", Sharing: SharingState{Groups: map[string]string{"Old": "view_results"}}}},
	}
	w := &schema.Workspace{
		Groups:      []schema.Group{{Name: "New", Previously: []string{"Old"}}},
		Connections: []schema.Connection{{Name: "W", Sharing: &schema.Sharing{Groups: map[string]string{"New": "query"}}}},
	}
	p := Diff(w, have, Options{})
	c := change(t, p, "update connection/W")
	if diff := cmp.Diff([]Field{{Path: "sharing.groups.New", Before: "view_results", After: "query"}}, c.Fields); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"rename group/Old"}, c.DependsOn); diff != "" {
		t.Errorf("depends on (-want +got):\n%s", diff)
	}
	if c.Risk != RiskLow {
		t.Errorf("raising a level: risk %s, want low", c.Risk)
	}
}

func TestDiffCapabilities(t *testing.T) {
	caps := &Capabilities{
		Read: map[Kind]bool{KindUser: true, KindGroup: true, KindConnection: true},
		Write: map[Kind]map[Action]bool{
			KindUser:       {ActionDeactivate: true},
			KindGroup:      {ActionCreate: true, ActionUpdate: true, ActionRename: true, ActionDelete: true},
			KindConnection: {ActionCreate: true, ActionUpdate: true},
		},
		WriteFields: map[Kind][]string{KindConnection: {"config", "secrets", "description"}, KindGroup: {"members"}},
	}
	have := richHave()
	have.Unreadable = []Kind{KindPackage, KindStatus}
	p := Diff(richWant(), have, Options{Capabilities: caps})
	want := map[string]Mode{
		"create user/dan@partner.example":   ModeManual,
		"update user/bob@acme.com":          ModeManual,
		"deactivate user/eve@gone.example":  ModeAuto,
		"update setting/default_role":       ModeUnverifiable, // not in Read
		"delete domain/gone.example":        ModeUnverifiable,
		"create group/Analysts":             ModeAuto,
		"rename group/Data":                 ModeAuto, // name covered by the rename, members by WriteFields
		"update connection/Warehouse":       ModeManual,
		"delete connection/Legacy Redshift": ModeManual,
		"update package/utils":              ModeUnverifiable,
		"rename status/WIP":                 ModeUnverifiable,
		"update category/Finance":           ModeUnverifiable,
	}
	for id, m := range want {
		if c := change(t, p, id); c.Mode != m {
			t.Errorf("%s: mode %s, want %s", id, c.Mode, m)
		}
	}
	if p.Summary.Manual != 5 || p.Summary.Unverifiable != 8 {
		t.Errorf("summary = %+v", p.Summary)
	}
	// The same plan under AllCapabilities, except the snapshot's unreadable kinds.
	p = Diff(richWant(), have, Options{})
	for _, c := range p.Changes {
		unverifiable := c.Kind == KindPackage || c.Kind == KindStatus
		if (c.Mode == ModeUnverifiable) != unverifiable || (!unverifiable && c.Mode != ModeAuto) {
			t.Errorf("%s: mode %s", c.ID, c.Mode)
		}
	}
}

func TestDiffDeterministicUnderShuffle(t *testing.T) {
	base := Diff(richWant(), richHave(), Options{Target: "t"})
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 50; i++ {
		w, h := richWant(), richHave()
		shuffle(rng, w.Users)
		shuffle(rng, w.Groups)
		shuffle(rng, w.Groups[0].Members)
		shuffle(rng, w.Tags.Statuses)
		shuffle(rng, w.Domains.Allowed)
		shuffle(rng, h.Users)
		shuffle(rng, h.Groups)
		shuffle(rng, h.Groups[0].Members)
		shuffle(rng, h.Connections)
		shuffle(rng, h.Packages)
		shuffle(rng, h.Statuses)
		shuffle(rng, h.Domains.Allowed)
		got := Diff(w, h, Options{Target: "t"})
		if diff := cmp.Diff(base, got); diff != "" {
			t.Fatalf("shuffle %d changed the plan (-want +got):\n%s", i, diff)
		}
	}
}

func shuffle[T any](rng *rand.Rand, s []T) {
	rng.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
}

func TestDiffDoesNotModifyInputs(t *testing.T) {
	w, h := richWant(), richHave()
	Diff(w, h, Options{})
	if diff := cmp.Diff(richWant(), w); diff != "" {
		t.Errorf("want modified (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(richHave(), h); diff != "" {
		t.Errorf("have modified (-before +after):\n%s", diff)
	}
}

func TestDiffNilInputs(t *testing.T) {
	p := Diff(nil, nil, Options{})
	if p.HasChanges() || p.Changes == nil || len(p.Unmanaged) != len(Kinds) {
		t.Errorf("plan = %+v", p)
	}
}

func TestDiffSchemaRefreshDefaults(t *testing.T) {
	zero, on := 0, true
	have := &Snapshot{Connections: []ConnectionState{{ID: "c", Name: "W", Type: "postgres",
		SchemaRefresh: &schema.SchemaRefresh{Cadence: "daily", Hour: &zero, Minute: &zero, Timezone: "UTC", Enabled: &on}}}}
	want := &schema.Workspace{Connections: []schema.Connection{{Name: "W", Type: "postgres",
		SchemaRefresh: &schema.SchemaRefresh{Cadence: "daily"}}}}
	if p := Diff(want, have, Options{}); len(p.Changes) != 0 {
		t.Fatalf("defaults made a diff: %+v", p.Changes)
	}
	six := 6
	want.Connections[0].SchemaRefresh.Hour = &six
	if p := Diff(want, have, Options{}); len(p.Changes) != 1 {
		t.Fatalf("an hour change made no diff")
	}
}

// TestDiffSecretReferenceChange: a secret to come from another reference
// than the one it was set from is sent again, shows both references and is
// medium risk, whatever the fingerprint says.
func TestDiffSecretReferenceChange(t *testing.T) {
	fpSame := func(schema.SecretRef) (string, bool) { return "fp1", true }
	have := &Snapshot{Connections: []ConnectionState{{ID: "c", Name: "W", Type: "postgres",
		Secrets: map[string]string{"password": "fp1"}, SecretRefs: map[string]string{"password": "env:PG_PASS"}}}}
	for _, tt := range []struct {
		ref      schema.SecretRef
		wantRisk Risk
		changes  int
	}{
		{schema.SecretRef{Env: "PG_PASS"}, "", 0},
		{schema.SecretRef{Env: "HEXFORM_OTHER"}, RiskMedium, 1},
		{schema.SecretRef{File: "pw.txt"}, RiskMedium, 1},
	} {
		w := &schema.Workspace{Connections: []schema.Connection{{Name: "W", Type: "postgres", Secrets: map[string]schema.SecretRef{"password": tt.ref}}}}
		p := Diff(w, have, Options{SecretFingerprint: fpSame})
		if len(p.Changes) != tt.changes {
			t.Fatalf("%s: changes %q, want %d", tt.ref, ids(p), tt.changes)
		}
		if tt.changes == 0 {
			continue
		}
		c := p.Changes[0]
		want := []Field{{Path: "secrets.password", Before: "env:PG_PASS", After: tt.ref.String(), Sensitive: true}}
		if diff := cmp.Diff(want, c.Fields); diff != "" || c.Risk != tt.wantRisk {
			t.Errorf("%s: risk %s (want %s), fields (-want +got):\n%s", tt.ref, c.Risk, tt.wantRisk, diff)
		}
	}
}

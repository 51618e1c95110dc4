package filetarget

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

func TestApplyErrorsLeaveTheStateUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	base := &reconcile.Snapshot{
		Revision: 4,
		Users:    []reconcile.UserState{{ID: "usr_1", Email: "ann@acme.com", Role: schema.RoleAdmin, Active: true}},
		Groups:   []reconcile.GroupState{{ID: "grp_1", Name: "A"}, {ID: "grp_2", Name: "B"}},
		Domains:  reconcile.DomainState{Allowed: []string{"acme.com"}},
	}
	if err := WriteSnapshot(path, base); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	tg := New(path, nil)
	notFound, exists, field := new(*NotFoundError), new(*ExistsError), new(*FieldError)
	for _, tc := range []struct {
		c    reconcile.Change
		as   any
		want string
	}{
		{chg(U, reconcile.KindGroup, "Nope", fld("name", nil, "x")), notFound, "group/Nope not found in the state (it changed since the plan was made; run plan again)"},
		{chg(D, reconcile.KindUser, "bob@acme.com"), notFound, "user/bob@acme.com not found"},
		{chg(C, reconcile.KindGroup, "A"), exists, "group/A already exists"},
		{chg(C, reconcile.KindUser, "ANN@acme.com"), exists, "user/ann@acme.com already exists"},
		{chg(R, reconcile.KindGroup, "A", fld("name", "A", "B")), exists, "group/B already exists"},
		{chg(C, reconcile.KindDomain, "ACME.com"), exists, "domain/acme.com already exists"},
		{chg(D, reconcile.KindDomain, "else.io"), notFound, "domain/else.io not found"},
		{chg(U, reconcile.KindGroup, "A", fld("colour", nil, "red")), field, `group field "colour": unknown field (the file target knows name, members, protected)`},
		{chg(U, reconcile.KindGroup, "A", fld("members", nil, "ann@acme.com")), field, `group field "members": want a list of strings, got string`},
		{chg(U, reconcile.KindGroup, "A", fld("members", nil, []any{"a", 3.0})), field, `item 2: want a string, got float64`},
		{chg(U, reconcile.KindUser, "ann@acme.com", fld("email", nil, "ann@x.io")), field, "an email cannot change"},
		{chg(C, reconcile.KindUser, "bob@acme.com", fld("email", nil, "rob@acme.com")), field, `email "rob@acme.com" differs from the change's name "bob@acme.com"`},
		{chg(U, reconcile.KindUser, "ann@acme.com", fld("role", nil, "wizard")), field, `unknown role "wizard"`},
		{chg(U, reconcile.KindUser, "ann@acme.com", fld("active", nil, "yes")), field, "want true or false, got string"},
		{chg(C, reconcile.KindConnection, "C", fld("type", nil, "oracle")), field, `unknown connection type "oracle"`},
		{chg(C, reconcile.KindConnection, "C", fld("sharing.public", nil, "query")), field, "public access is none or view_results"},
		{chg(C, reconcile.KindConnection, "C", fld("sharing.everyone", nil, "query")), field, "unknown field"},
		{chg(C, reconcile.KindConnection, "C", fld("sharing.members", nil, "all")), field, `unknown access "all"`},
		{chg(C, reconcile.KindConnection, "C", fld("schema_refresh", nil, map[string]any{"cadense": "daily"})), field, `unknown field "cadense"`},
		{chg(C, reconcile.KindConnection, "C", fld("secrets.password", nil, "vault:x")), field, "want a secret reference like env:NAME or file:PATH"},
		{chg(C, reconcile.KindConnection, "C", fld("secrets.password", nil, "env:X")), field, "no secret resolver to read env:X"},
		{chg(C, reconcile.KindConnection, "C", fld("config.", nil, "x")), field, "unknown field"},
		{chg(C, reconcile.KindPackage, "P", fld("ref", nil, "latest")), field, `want a ref like tag:v1, branch:main or commit:<sha>, got "latest"`},
		{chg(C, reconcile.KindPackage, "P", fld("name", nil, "")), field, "a package needs a name"},
		{chg(U, reconcile.KindStatus, "S"), notFound, "status/S not found"},
		{chg(U, reconcile.KindSetting, "default_role", fld("default_role", nil, "boss")), field, `unknown role "boss"`},
		{chg(U, reconcile.KindSetting, "theme"), nil, `unknown setting "theme"`},
		{chg(U, reconcile.KindDomain, "acme.com"), nil, `action "update" does not apply to a domain`},
		{chg(X, reconcile.KindGroup, "A"), nil, `action "deactivate" does not apply to a group`},
		{chg(C, reconcile.Kind("robot"), "R2"), nil, `unknown kind "robot"`},
	} {
		err := tg.Apply(context.Background(), tc.c, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v\nwant it to contain %q", tc.c.ID, err, tc.want)
			continue
		}
		if tc.as != nil && !errors.As(err, tc.as) {
			t.Errorf("%s: err %T is not %T", tc.c.ID, err, tc.as)
		}
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Errorf("a failing change modified the state:\n%s", after)
	}
}

func TestApplyHonoursCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	path := filepath.Join(t.TempDir(), "state.json")
	tg := New(path, nil)
	if err := tg.Apply(ctx, chg(C, reconcile.KindGroup, "A"), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("Apply: err = %v", err)
	}
	if _, err := tg.Snapshot(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Snapshot: err = %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Error("a cancelled Apply wrote the state")
	}
}

package hextarget

import (
	"context"
	"strings"
	"testing"

	"github.com/hexform/hexform/reconcile"
)

// TestPreflightBuildsWithoutSending: Preflight finds what a connection
// change's request cannot hold, and sends no write.
func TestPreflightBuildsWithoutSending(t *testing.T) {
	tg, f := snapTarget(t)
	pg := func(id string, fields ...reconcile.Field) reconcile.Change {
		return reconcile.Change{ID: id, Action: reconcile.ActionCreate, Kind: reconcile.KindConnection, Name: "New", Mode: reconcile.ModeAuto, Fields: fields}
	}
	typ := func(s string) reconcile.Field { return reconcile.Field{Path: "type", After: s} }
	for _, tc := range []struct {
		c    reconcile.Change
		want string
	}{
		{pg("ok", typ("postgres"), reconcile.Field{Path: "config.hostname", After: "db"},
			reconcile.Field{Path: "secrets.password", After: "env:PGPW", Sensitive: true}), ""},
		{pg("clickhouse", typ("clickhouse")), "cannot create clickhouse connections"},
		{pg("unknown setting", typ("postgres"), reconcile.Field{Path: "config.warp_drive", After: "on"}), "no such setting"},
		{pg("secret unset", typ("postgres"), reconcile.Field{Path: "secrets.password", After: "env:NOPE", Sensitive: true}), "not set"},
		{reconcile.Change{ID: "update", Action: reconcile.ActionUpdate, Kind: reconcile.KindConnection, Name: "Warehouse", ResourceID: "c1",
			Fields: []reconcile.Field{typ("snowflake")}}, "cannot change a connection's type"},
	} {
		err := tg.Preflight(context.Background(), tc.c, secrets)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v, want no error", tc.c.ID, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want one saying %q", tc.c.ID, err, tc.want)
		}
	}
	if w := f.writes(); len(w) != 0 {
		t.Errorf("Preflight wrote: %+v", w)
	}
}

package hextarget

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestSnapshotHidesLeaseGroups(t *testing.T) {
	f := newFake()
	f.groups = append(f.groups, map[string]any{"id": "g9", "name": LeasePrefix + "2025-03-01T09:00:00Z ab12 ci", "createdAt": "t"})
	tg := newTarget(t, f)
	snap, err := tg.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range snap.Groups {
		if IsLeaseName(g.Name) {
			t.Fatalf("the snapshot shows the lease group %q", g.Name)
		}
	}
	for _, c := range f.calls {
		if c.Query == "groupId=g9&limit=500" {
			t.Errorf("the lease group's members were read")
		}
	}
	// Nor does a lookup by name after the snapshot find it.
	if _, ok, _ := tg.groupID(context.Background(), LeasePrefix+"2025-03-01T09:00:00Z ab12 ci"); ok {
		t.Error("groupID finds the lease group")
	}
}

func TestSnapshotRefusesDuplicateGroupNames(t *testing.T) {
	f := newFake()
	f.groups = append(f.groups, map[string]any{"id": "g7", "name": "Analysts", "createdAt": "t"})
	_, err := newTarget(t, f).Snapshot(context.Background())
	var de *DuplicateNameError
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want a DuplicateNameError", err)
	}
	want := `the workspace has 2 groups named "Analysts" (ids g1, g7): hexform matches groups by name and cannot tell them apart`
	if err.Error() != want {
		t.Errorf("err = %q\nwant  %q", err, want)
	}
	if !strings.Contains(de.Hint(), "Settings > Groups") {
		t.Errorf("hint = %q", de.Hint())
	}
}

func TestSnapshotRefusesDuplicateConnectionNames(t *testing.T) {
	f := newFake()
	twin := fullSnowflake()
	twin["id"], twin["name"] = "c3", "Warehouse"
	f.list = append(f.list, twin)
	f.full["c3"] = twin
	_, err := newTarget(t, f).Snapshot(context.Background())
	var de *DuplicateNameError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), `2 data connections named "Warehouse" (ids c1, c3)`) {
		t.Fatalf("err = %v, want both ids named", err)
	}
	if !strings.Contains(de.Hint(), "Settings > Data connections") {
		t.Errorf("hint = %q", de.Hint())
	}
	// Refused before reading any connection in full.
	for _, c := range f.calls {
		if strings.HasPrefix(c.Path, "/v1/data-connections/") {
			t.Errorf("read %s before refusing", c.Path)
		}
	}
}

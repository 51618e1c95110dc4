package reconcile

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/schema"
)

func TestDiffWarnsAboutMembersWhoAreNotUsers(t *testing.T) {
	have := &Snapshot{
		Users:  []UserState{{ID: "u1", Email: "alice@acme.com", Role: schema.RoleAdmin, Active: true}},
		Groups: []GroupState{{ID: "g1", Name: "Old", Members: []string{"ghost@acme.com"}}},
	}
	want := &schema.Workspace{
		Users: []schema.User{{Email: "alice@acme.com", Role: schema.RoleAdmin}, {Email: "New@acme.com", Role: schema.RoleViewer}},
		Groups: []schema.Group{
			// ghost is already a member: nothing is added, nothing to warn about.
			{Name: "Team", Previously: []string{"Old"}, Members: []string{"ghost@acme.com", "Frank@Partner.example"}},
			{Name: "Fresh", Members: []string{"alice@acme.com", "new@acme.com", "zed@acme.com"}},
		},
	}
	got := Diff(want, have, Options{}).Warnings
	wantW := []string{
		`member "frank@partner.example" added to group "Team" is not a user of the workspace and this plan does not invite them, so the change will fail; list them under users:`,
		`member "zed@acme.com" added to group "Fresh" is not a user of the workspace and this plan does not invite them, so the change will fail; list them under users:`,
	}
	if diff := cmp.Diff(wantW, got); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}

func TestDiffWarnsAboutMisspeltPreviously(t *testing.T) {
	have := &Snapshot{
		Groups:   []GroupState{{ID: "g1", Name: "DS Team"}, {ID: "g2", Name: "Unrelated"}},
		Statuses: []StatusState{{ID: "s1", Name: "WIP"}},
	}
	want := &schema.Workspace{
		Groups: []schema.Group{{Name: "Data Science", Previously: []string{"DS Tem"}}, {Name: "Unrelated"}},
		// A rename already applied: the old name matches nothing, and no
		// existing status is being deleted, so there is nothing to say.
		Tags: &schema.Tags{Statuses: []schema.Status{{Name: "In Progress", Previously: []string{"Draft"}}, {Name: "WIP"}}},
	}
	p := Diff(want, have, Options{})
	wantW := []string{`group "Data Science" lists previously: "DS Tem", which matches no existing group; did you mean "DS Team"? (as written, the plan creates "Data Science" and deletes "DS Team")`}
	if diff := cmp.Diff(wantW, p.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	// A correct rename is not warned about.
	want.Groups[0].Previously = []string{"DS Team"}
	if w := Diff(want, have, Options{}).Warnings; len(w) != 0 {
		t.Errorf("a correct rename warns: %q", w)
	}
}

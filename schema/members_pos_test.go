package schema

import (
	"strings"
	"testing"
)

// TestMemberPositionsAfterABadGroup: the position of an unknown member is
// found by the group's place in Workspace.Groups, which skips groups that
// failed to decode, and by the member's place in the group; each of two
// unknown members in one group is reported at its own line.
func TestMemberPositionsAfterABadGroup(t *testing.T) {
	data := doc(
		"version: 1",
		"workspace: w",
		"users:",
		"  - {email: a@x.com, role: admin}",
		"domains: {allowed: [x.com]}",
		"groups:",
		"  - just a string",
		"  - name: B",
		"    members:",
		"      - a@x.com",
		"      - z@else.com",
		"      - not-an-email",
		"      - y@else.com",
	)
	_, diags := Parse("w.yaml", []byte(data))
	got := short(diags)
	for _, want := range []string{
		`11:9: error: member "z@else.com" of group "B" is neither a listed user nor in an allowed domain`,
		`12:9: error: member "not-an-email" is not an email address`,
		`13:9: error: member "y@else.com" of group "B" is neither a listed user nor in an allowed domain`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, `"not-an-email" of group`) {
		t.Errorf("a member that is not an email is reported twice:\n%s", got)
	}
}

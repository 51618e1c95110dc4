package ghub

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/ghub/ghubtest"
)

func TestSyncDriftIssueLifecycle(t *testing.T) {
	f := ghubtest.New(t)
	m := Marker("workspace.yaml", "https://app.hex.tech")
	tag := "<!-- hexform:" + m + " -->"
	// A pull request and another workspace's issue carry the label too.
	f.AddIssue(ghubtest.Issue{Title: "PR", Body: tag, State: "open", Labels: []string{DriftLabel}, PullRequest: true})
	f.AddIssue(ghubtest.Issue{Title: "other", Body: "<!-- hexform:other -->", State: "open", Labels: []string{DriftLabel}})
	c := newTestClient(t, f)
	ctx := context.Background()
	step := func(name string, drifted bool, body, wantAction, wantURL string) {
		t.Helper()
		url, action, err := c.SyncDriftIssue(ctx, m, "hexform: workspace drifted", body, drifted)
		if err != nil || action != wantAction || url != wantURL {
			t.Fatalf("%s: %q, %q, %v; want %q, %q", name, url, action, err, wantURL, wantAction)
		}
	}
	issue3 := "https://github.example/acme/hex-admin/issues/3"

	step("no drift, no issue", false, "", DriftNone, "")
	step("drift found", true, "1 to update", DriftCreated, issue3)
	step("drift again", true, "2 to update", DriftUpdated, issue3)
	if n := len(f.Issues()); n != 3 {
		t.Fatalf("%d issues, want 3 (one drift issue)", n)
	}
	is := f.Issues()[2]
	if is.State != "open" || !slices.Equal(is.Labels, []string{DriftLabel}) || is.Body != tag+"\n2 to update\n"+tag {
		t.Errorf("drift issue: %+v", is)
	}
	step("drift gone", false, "", DriftClosed, issue3)
	if is = f.Issues()[2]; is.State != "closed" || is.StateReason != "completed" {
		t.Errorf("issue not closed: %+v", is)
	}
	cm := f.Comments(3)
	if len(cm) != 1 || !strings.HasPrefix(cm[0].Body, "No drift found in run https://github.example/acme/hex-admin/actions/runs/42") {
		t.Errorf("closing comment: %+v", cm)
	}
	step("still no drift", false, "", DriftNone, "")
	step("drift back", true, "again", DriftCreated, "https://github.example/acme/hex-admin/issues/4")
	for _, other := range f.Issues()[:2] {
		if other.State != "open" || other.Body == "" || len(f.Comments(other.Number)) != 0 {
			t.Errorf("issue #%d was touched: %+v", other.Number, other)
		}
	}
}

func TestSyncDriftIssueFindsOnSecondPage(t *testing.T) {
	f := ghubtest.New(t)
	f.SetPageSize(2)
	m := "k"
	for i, body := range []string{"a", "b", "<!-- hexform:k -->\nold\n<!-- hexform:k -->"} {
		if is := f.AddIssue(ghubtest.Issue{Body: body, State: "open", Labels: []string{DriftLabel}, User: ghubtest.ActionsBot}); is.Number != i+1 {
			t.Fatalf("issue numbered %d, want %d", is.Number, i+1)
		}
	}
	c := newTestClient(t, f)
	url, action, err := c.SyncDriftIssue(context.Background(), m, "t", "new", true)
	if err != nil || action != DriftUpdated || !strings.HasSuffix(url, "/issues/3") {
		t.Fatalf("%q, %q, %v", url, action, err)
	}
	if all := f.Issues(); len(all) != 3 || !strings.Contains(all[2].Body, "\nnew\n") {
		t.Errorf("issues: %+v", all)
	}
	log := f.Calls()[1:] // after GET /user
	if !strings.Contains(log[0], "labels=hexform-drift") || !strings.Contains(log[0], "state=open") {
		t.Errorf("list query: %s", log[0])
	}
}

// TestSyncDriftIssueOnlyItsOwn: an issue someone else opened with the
// label and the marker is not hexform's drift issue.
func TestSyncDriftIssueOnlyItsOwn(t *testing.T) {
	f := ghubtest.New(t)
	forged := f.AddIssue(ghubtest.Issue{Title: "forged", Body: "<!-- hexform:k -->\nno drift\n<!-- hexform:k -->", State: "open", Labels: []string{DriftLabel}})
	c := newTestClient(t, f)
	if _, action, err := c.SyncDriftIssue(context.Background(), "k", "t", "drift", true); err != nil || action != DriftCreated {
		t.Fatalf("action %q, %v; want a new issue", action, err)
	}
	if _, action, err := c.SyncDriftIssue(context.Background(), "k", "", "", false); err != nil || action != DriftClosed {
		t.Fatalf("action %q, %v; want hexform's own issue closed", action, err)
	}
	all := f.Issues()
	if len(all) != 2 || all[0].Body != forged.Body || all[0].State != "open" || all[1].State != "closed" || all[1].User != ghubtest.ActionsBot {
		t.Errorf("issues: %+v", all)
	}
}

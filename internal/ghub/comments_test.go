package ghub

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/ghub/ghubtest"
)

// testToken is the token the fake accepts.
const testToken = ghubtest.Token

func testEnv(f *ghubtest.Server) Env {
	return Env{Token: testToken, Repository: "acme/hex-admin", APIURL: f.URL,
		ServerURL: "https://github.example", RunID: "42"}
}

func newTestClient(t *testing.T, f *ghubtest.Server) *Client {
	t.Helper()
	c, err := NewClient(context.Background(), testEnv(f), f.Client())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestUpsertPRCommentCreatesThenUpdates(t *testing.T) {
	f := ghubtest.New(t)
	f.AddComment(7, "looks good to me")
	c := newTestClient(t, f)
	ctx := context.Background()
	m := Marker("workspace.yaml", "https://app.hex.tech")

	url, created, err := c.UpsertPRComment(ctx, 7, m, "plan v1")
	if err != nil || !created || !strings.Contains(url, "/pull/7#issuecomment-") {
		t.Fatalf("first run: %q, %v, %v", url, created, err)
	}
	url2, created, err := c.UpsertPRComment(ctx, 7, m, "plan v2")
	if err != nil || created || url2 != url {
		t.Fatalf("second run: %q, %v, %v; want update of %q", url2, created, err, url)
	}
	got := f.Comments(7)
	if len(got) != 2 || got[0].Body != "looks good to me" {
		t.Fatalf("comments on #7: %+v; want the human one and exactly one hexform comment", got)
	}
	tag := "<!-- hexform:" + m + " -->"
	if want := tag + "\nplan v2\n" + tag; got[1].Body != want {
		t.Errorf("hexform comment body %q, want %q", got[1].Body, want)
	}

	// The same text again makes no write.
	before := len(f.Calls())
	if _, created, err := c.UpsertPRComment(ctx, 7, m, "plan v2"); err != nil || created {
		t.Fatalf("third run: %v, %v", created, err)
	}
	if calls := f.Calls()[before:]; len(calls) != 1 || !strings.HasPrefix(calls[0], "GET ") {
		t.Errorf("unchanged body made calls %v; want one list", calls)
	}

	// Another target's marker gets its own comment.
	if _, created, err := c.UpsertPRComment(ctx, 7, Marker("workspace.yaml", "file:state.json"), "x"); err != nil || !created {
		t.Fatalf("other target: %v, %v", created, err)
	}
	if n := len(f.Comments(7)); n != 3 {
		t.Errorf("%d comments, want 3", n)
	}
}

func TestUpsertPRCommentFindsMarkerOnSecondPage(t *testing.T) {
	f := ghubtest.New(t)
	f.SetPageSize(2)
	m := Marker("ws", "t")
	tag := "<!-- hexform:" + m + " -->"
	for _, b := range []string{"a", "b", "c", tag + "\nold\n" + tag, "d"} {
		f.AddCommentBy(9, ghubtest.ActionsBot, b)
	}
	c := newTestClient(t, f)
	_, created, err := c.UpsertPRComment(context.Background(), 9, m, "new")
	if err != nil || created {
		t.Fatalf("upsert: created=%v err=%v; want the comment on page 2 updated", created, err)
	}
	got := f.Comments(9)
	if len(got) != 5 || got[3].Body != tag+"\nnew\n"+tag {
		t.Errorf("comments: %+v", got)
	}
	if !slices.ContainsFunc(f.Calls(), func(s string) bool { return strings.Contains(s, "page=2") }) {
		t.Errorf("page 2 never requested: %v", f.Calls())
	}
}

func TestUpsertPRCommentPagesToTheEnd(t *testing.T) {
	f := ghubtest.New(t)
	f.SetPageSize(2)
	for _, b := range []string{"a", "b", "c"} {
		f.AddComment(3, b)
	}
	c := newTestClient(t, f)
	if _, created, err := c.UpsertPRComment(context.Background(), 3, "k", "body"); err != nil || !created {
		t.Fatalf("created=%v err=%v", created, err)
	}
	if n := len(f.Comments(3)); n != 4 {
		t.Errorf("%d comments, want 4", n)
	}
}

func TestUpsertPRCommentCutsOversizeBody(t *testing.T) {
	f := ghubtest.New(t)
	c := newTestClient(t, f)
	body := "## Plan\n```diff\n" + strings.Repeat("+ é line of the plan\n", 4000)
	if _, _, err := c.UpsertPRComment(context.Background(), 5, "k", body); err != nil {
		t.Fatal(err)
	}
	got := f.Comments(5)[0].Body
	if n := runeLen(got); n > MaxBodyChars {
		t.Errorf("stored body has %d characters, over %d", n, MaxBodyChars)
	}
	if !strings.Contains(got, "cut to fit GitHub's 65,536-character limit") {
		t.Errorf("no cut note at the end: %q", got[len(got)-200:])
	}
}

func TestCommentBody(t *testing.T) {
	full, cut, err := CommentBody("k", "short")
	if err != nil || cut || full != "<!-- hexform:k -->\nshort\n<!-- hexform:k -->" {
		t.Errorf("short body: %q, %v, %v", full, cut, err)
	}
	// Multibyte: more bytes than the limit but fewer characters is not cut.
	body := strings.Repeat("é", MaxBodyChars-100)
	if _, cut, _ := CommentBody("k", body); cut {
		t.Error("body under the limit in characters was cut")
	}
	body = "```\n" + strings.Repeat("0123456789\n", 7000)
	full, cut, err = CommentBody("k", body)
	if err != nil || !cut || runeLen(full) > MaxBodyChars {
		t.Fatalf("long body: cut=%v len=%d err=%v", cut, runeLen(full), err)
	}
	if strings.Count(full, "```")%2 != 0 {
		t.Error("cut body leaves a code fence open")
	}
	if !strings.HasPrefix(full, "<!-- hexform:k -->\n```\n0123456789\n") || !strings.HasSuffix(full, "<!-- hexform:k -->") {
		t.Errorf("cut body lost its marker or start: %q...%q", full[:40], full[len(full)-40:])
	}
	if strings.Contains(full, "\n012345678\n") || !strings.Contains(full, "9\n```\n\n>") {
		t.Errorf("not cut at a line boundary: %q", full[len(full)-200:])
	}
	for _, bad := range []string{"", "a-->b", "a\nb", "<x>"} {
		if _, _, err := CommentBody(bad, "b"); err == nil {
			t.Errorf("marker %q accepted", bad)
		}
	}
}

func TestMarker(t *testing.T) {
	a := Marker("workspace.yaml", "https://app.hex.tech")
	if a != Marker("workspace.yaml", "https://app.hex.tech") {
		t.Error("marker not stable")
	}
	for _, other := range []string{Marker("workspace.yaml", "file:x.json"), Marker("other.yaml", "https://app.hex.tech"), Marker("workspace.yamlh", "ttps://app.hex.tech")} {
		if other == a {
			t.Errorf("markers collide: %s", a)
		}
	}
	if _, err := markerTag(a); err != nil {
		t.Errorf("Marker output rejected: %v", err)
	}
}

func TestSetStatus(t *testing.T) {
	f := ghubtest.New(t)
	c := newTestClient(t, f)
	ctx := context.Background()
	long := strings.Repeat("x", 150)
	if err := c.SetStatus(ctx, "abc123", "success", long, "https://github.example/run/42"); err != nil {
		t.Fatal(err)
	}
	if err := c.SetStatus(ctx, "abc123", "pending", "2 to create, 1 to update, 1 blocked", ""); err != nil {
		t.Fatal(err)
	}
	if len(f.Statuses()) != 2 {
		t.Fatalf("statuses: %+v", f.Statuses())
	}
	s := f.Statuses()[0]
	if s.SHA != "abc123" || s.State != "success" || s.Context != "hexform/plan" || s.TargetURL != "https://github.example/run/42" {
		t.Errorf("status: %+v", s)
	}
	if runeLen(s.Description) != 140 || !strings.HasSuffix(s.Description, "…") {
		t.Errorf("description not cut to 140: %q", s.Description)
	}
	if f.Statuses()[1].Description != "2 to create, 1 to update, 1 blocked" {
		t.Errorf("description: %q", f.Statuses()[1].Description)
	}
	n := len(f.Calls())
	if err := c.SetStatus(ctx, "abc123", "done", "", ""); err == nil || !strings.Contains(err.Error(), "pending, success, failure or error") {
		t.Errorf("bad state: %v", err)
	}
	if err := c.SetStatus(ctx, "", "success", "", ""); err == nil {
		t.Error("empty sha accepted")
	}
	if len(f.Calls()) != n {
		t.Error("invalid status was sent")
	}
}

func TestEnterpriseAPIURLAndTokenScope(t *testing.T) {
	f := ghubtest.NewAt(t, "/api/v3")
	env := testEnv(f)
	env.APIURL = f.URL
	c, err := NewClient(context.Background(), env, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.SetStatus(context.Background(), "abc", "success", "ok", ""); err != nil {
		t.Fatal(err)
	}
	if log := f.Calls(); len(log) != 1 || log[0] != "POST /api/v3/repos/acme/hex-admin/statuses/abc" {
		t.Errorf("calls: %v", log)
	}

	// The token goes to the API host only.
	var gotAuth []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAuth = append(gotAuth, r.Header.Get("Authorization"))
	}))
	defer other.Close()
	req, _ := http.NewRequest(http.MethodGet, other.URL, nil)
	resp, err := c.gh.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if len(gotAuth) != 1 || gotAuth[0] != "" {
		t.Errorf("request to another host carried Authorization %q", gotAuth)
	}
}

func TestInvalidArgumentsMakeNoRequest(t *testing.T) {
	f := ghubtest.New(t)
	c := newTestClient(t, f)
	ctx := context.Background()
	if _, _, err := c.UpsertPRComment(ctx, 0, "k", "b"); err == nil {
		t.Error("pull request 0 accepted")
	}
	if _, _, err := c.UpsertPRComment(ctx, 1, "bad-->marker", "b"); err == nil {
		t.Error("bad marker accepted")
	}
	if _, _, err := c.SyncDriftIssue(ctx, "k", " ", "b", true); err == nil {
		t.Error("empty drift title accepted")
	}
	if log := f.Calls(); len(log) != 0 {
		t.Errorf("invalid arguments made calls %v", log)
	}
}

// TestUpsertPRCommentOnlyItsOwn: a comment by anyone else that carries the
// marker (posted first, to own the plan comment) is left alone, and so is a
// comment of hexform's that merely quotes the marker later on.
func TestUpsertPRCommentOnlyItsOwn(t *testing.T) {
	f := ghubtest.New(t)
	m := Marker("workspace.yaml", "https://app.hex.tech")
	tag := "<!-- hexform:" + m + " -->"
	forged := f.AddComment(7, tag+"\nPlan: 0 to create, 0 to update, 0 to delete.\n"+tag)
	quoted := f.AddCommentBy(7, ghubtest.ActionsBot, "drift seen; see "+tag)
	c := newTestClient(t, f)
	_, created, err := c.UpsertPRComment(context.Background(), 7, m, "the real plan")
	if err != nil || !created {
		t.Fatalf("created=%v err=%v; want a new comment", created, err)
	}
	got := f.Comments(7)
	if len(got) != 3 || got[0] != forged || got[1] != quoted {
		t.Fatalf("comments: %+v; the others' comments must stay as they were", got)
	}
	if got[2].User != ghubtest.ActionsBot || got[2].Body != tag+"\nthe real plan\n"+tag {
		t.Errorf("hexform's comment: %+v", got[2])
	}
	if _, created, err := c.UpsertPRComment(context.Background(), 7, m, "plan v2"); err != nil || created {
		t.Fatalf("second run: created=%v err=%v; want its own comment updated", created, err)
	}
	if got := f.Comments(7); len(got) != 3 || got[0] != forged || got[2].Body != tag+"\nplan v2\n"+tag {
		t.Errorf("after the update: %+v", got)
	}
}

func TestIdentity(t *testing.T) {
	ctx := context.Background()
	t.Run("actions token", func(t *testing.T) {
		f := ghubtest.New(t)
		c := newTestClient(t, f)
		for range 2 {
			if id, err := c.Identity(ctx); err != nil || id != ActionsBot {
				t.Fatalf("Identity = %q, %v; want %q", id, err, ActionsBot)
			}
		}
		if calls := f.Calls(); len(calls) != 1 || calls[0] != "GET /user" {
			t.Errorf("calls %v; want one GET /user", calls)
		}
	})
	t.Run("personal token", func(t *testing.T) {
		f := ghubtest.New(t)
		f.SetUser("hexform-ci")
		m := Marker("ws", "t")
		tag := "<!-- hexform:" + m + " -->"
		bot := f.AddCommentBy(3, ghubtest.ActionsBot, tag+"\nold\n"+tag)
		mine := f.AddCommentBy(3, "HexForm-CI", tag+"\nold\n"+tag)
		c := newTestClient(t, f)
		if id, err := c.Identity(ctx); err != nil || id != "hexform-ci" {
			t.Fatalf("Identity = %q, %v", id, err)
		}
		if _, created, err := c.UpsertPRComment(ctx, 3, m, "new"); err != nil || created {
			t.Fatalf("created=%v err=%v", created, err)
		}
		if got := f.Comments(3); got[0] != bot || got[1].ID != mine.ID || got[1].Body != tag+"\nnew\n"+tag {
			t.Errorf("comments: %+v", got)
		}
	})
	t.Run("set by the environment", func(t *testing.T) {
		f := ghubtest.New(t)
		env := testEnv(f)
		env.Login = "my-app[bot]"
		c, err := NewClient(ctx, env, f.Client())
		if err != nil {
			t.Fatal(err)
		}
		if id, err := c.Identity(ctx); err != nil || id != "my-app[bot]" || len(f.Calls()) != 0 {
			t.Errorf("Identity = %q, %v after calls %v", id, err, f.Calls())
		}
	})
	t.Run("refused", func(t *testing.T) {
		f := ghubtest.New(t)
		f.SetFail(ghubtest.FailWith(403, nil, `{"message":"Must have admin rights to Repository."}`))
		_, err := newTestClient(t, f).Identity(ctx)
		if err == nil || !strings.Contains(err.Error(), "find the token's user") || !strings.Contains(err.Error(), LoginVar) {
			t.Errorf("err = %v", err)
		}
	})
}

// TestCommentBodyClosesLongFence: a cut inside a code block fenced with
// more than three backticks (its text holds ```) is closed by a fence as
// long, so the note and the closing marker stay outside the block.
func TestCommentBodyClosesLongFence(t *testing.T) {
	body := "intro\n\n````text\n" + strings.Repeat("a line\n```\n", 7000) + "````\nafter\n"
	full, cut, err := CommentBody("k", body)
	if err != nil || !cut {
		t.Fatalf("cut=%v err=%v", cut, err)
	}
	if !strings.Contains(full, "\n````\n\n> **Note:** this text was cut") {
		t.Errorf("the open ```` block is not closed before the note: %q", full[len(full)-200:])
	}
	if runeLen(full) > MaxBodyChars {
		t.Errorf("%d characters", runeLen(full))
	}
	if openFence("```\nx\n```\n````\n```\n") != 4 || openFence("````\n```\n````\n") != 0 {
		t.Error("openFence")
	}
}

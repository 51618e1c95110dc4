package view

import "testing"

func TestUnifiedDiff(t *testing.T) {
	before := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n"
	after := "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\nadded\n"
	want := "--- x\n+++ x (formatted)\n" +
		"@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n" +
		"@@ -12,3 +12,4 @@\n l\n m\n n\n+added\n"
	if got := UnifiedDiff(before, after, "x", "x (formatted)"); got != want {
		t.Errorf("UnifiedDiff:\n%s\nwant:\n%s", got, want)
	}
	if got := UnifiedDiff(before, before, "x", "y"); got != "" {
		t.Errorf("equal texts give %q", got)
	}
	if got, want := UnifiedDiff("a\nb\n", "a\n", "x", "y"), "--- x\n+++ y\n@@ -1,2 +1,1 @@\n a\n-b\n"; got != want {
		t.Errorf("deletion:\n%s\nwant:\n%s", got, want)
	}
}

package ghub

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// MaxBodyChars is GitHub's limit on a comment or issue body, in characters.
const MaxBodyChars = 65536

// cutNote ends a body that was cut to fit MaxBodyChars.
const cutNote = "\n\n> **Note:** this text was cut to fit GitHub's 65,536-character limit; " +
	"the full plan is in the job log.\n"

// Marker returns the key that identifies the plan comment (and drift issue)
// of one workspace and target: stable across runs, distinct between them.
func Marker(workspace, target string) string {
	sum := sha256.Sum256([]byte(workspace + "\x00" + target))
	return "plan-" + hex.EncodeToString(sum[:8])
}

// ApplyMarker returns the key of the comment that reports an apply of one
// workspace and target on the pull request it merged: distinct from the
// plan comment's Marker, so the reviewed plan stays as it was reviewed.
func ApplyMarker(workspace, target string) string {
	return "apply-" + strings.TrimPrefix(Marker(workspace, target), "plan-")
}

// markerTag turns a marker key into the hidden HTML comment searched for.
func markerTag(marker string) (string, error) {
	if marker == "" || strings.ContainsAny(marker, "<>\r\n") || strings.Contains(marker, "--") {
		return "", fmt.Errorf("github: marker %q must be non-empty, one line, without '<', '>' or '--'", marker)
	}
	return "<!-- hexform:" + marker + " -->", nil
}

// CommentBody returns body between two copies of marker's hidden tag, cut
// (at a line boundary, closing an open code fence) with a note when the
// whole would exceed MaxBodyChars. cut reports whether it was.
func CommentBody(marker, body string) (full string, cut bool, err error) {
	tag, err := markerTag(marker)
	if err != nil {
		return "", false, err
	}
	wrap := func(b string) string { return tag + "\n" + b + "\n" + tag }
	if full := wrap(body); runeLen(full) <= MaxBodyChars {
		return full, false, nil
	}
	const fenceRoom = 64 // for the fence that closes an open code block
	room := MaxBodyChars - runeLen(wrap("")) - runeLen(cutNote) - fenceRoom
	r := []rune(body)[:max(room, 0)]
	kept := string(r)
	if i := strings.LastIndexByte(kept, '\n'); i > len(kept)/2 {
		kept = kept[:i]
	}
	if n := openFence(kept); n > 0 {
		kept += "\n" + strings.Repeat("`", n)
	}
	return wrap(kept + cutNote), true, nil
}

// openFence is the length of the backtick fence of a code block s leaves
// open at its end, or 0: a line of three or more backticks (after
// indentation) opens a block, and one at least as long closes it, so a
// block whose fence is longer than the backtick runs it holds is closed
// right.
func openFence(s string) int {
	open := 0
	for _, line := range strings.Split(s, "\n") {
		t := strings.TrimLeft(line, " ")
		run := len(t) - len(strings.TrimLeft(t, "`"))
		switch {
		case open == 0 && run >= 3 && !strings.Contains(t[run:], "`"):
			open = run
		case open > 0 && run >= open && strings.TrimSpace(t[run:]) == "":
			open = 0
		}
	}
	return min(open, 60)
}

func runeLen(s string) int { return len([]rune(s)) }

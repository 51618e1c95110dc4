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
	const fence = "\n```"
	room := MaxBodyChars - runeLen(wrap("")) - runeLen(cutNote) - runeLen(fence)
	r := []rune(body)[:max(room, 0)]
	kept := string(r)
	if i := strings.LastIndexByte(kept, '\n'); i > len(kept)/2 {
		kept = kept[:i]
	}
	if strings.Count(kept, "```")%2 == 1 {
		kept += fence
	}
	return wrap(kept + cutNote), true, nil
}

func runeLen(s string) int { return len([]rune(s)) }

package schema

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxSuggestLen is the longest string closest compares: a longer one is
// not a typo of a key or a name.
const maxSuggestLen = 64

// levenshtein returns the edit distance between a and b by runes, counting
// a swap of two neighbours as one edit (optimal string alignment). It keeps
// three rows of the table, on the stack for strings of up to maxSuggestLen
// runes, so a did-you-mean over many candidates allocates nothing.
func levenshtein(a, b string) int {
	var abuf, bbuf [maxSuggestLen]rune
	ra, rb := appendRunes(abuf[:0], a), appendRunes(bbuf[:0], b)
	var buf [3 * (maxSuggestLen + 1)]int
	w := len(rb) + 1
	cells := buf[:]
	if 3*w > len(cells) {
		cells = make([]int, 3*w)
	}
	prev2, prev, cur := cells[:w], cells[w:2*w], cells[2*w:3*w]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func appendRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, r)
	}
	return dst
}

// closest returns the candidate nearest to s (case-insensitively), or "" when
// none is near enough to be a plausible typo.
func closest(s string, candidates []string) string {
	if len(s) > maxSuggestLen {
		return ""
	}
	ls := strings.ToLower(s)
	n := utf8.RuneCountInString(ls)
	best, bestDist := "", -1
	for _, c := range candidates {
		if len(c) > maxSuggestLen {
			continue
		}
		lc := strings.ToLower(c)
		nc := utf8.RuneCountInString(lc)
		limit := max(1, min(3, nc/3))
		affix := min(len(ls), len(lc)) >= 3 && (strings.HasPrefix(ls, lc) || strings.HasPrefix(lc, ls))
		if !affix && (n-nc > limit || nc-n > limit) {
			continue // the distance is at least the difference in length
		}
		d := levenshtein(ls, lc)
		if d == 0 && c == s {
			continue
		}
		if d > limit && !affix {
			continue
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// didYouMean returns `did you mean "x"?` for the nearest candidate, or "".
func didYouMean(s string, candidates []string) string {
	if c := closest(s, candidates); c != "" {
		return fmt.Sprintf("did you mean %q?", c)
	}
	return ""
}

// NormalizeRole maps a role name, in any case, to its Role. The admin panel's
// older names are accepted: "author" is editor and "member" is viewer.
func NormalizeRole(s string) (Role, bool) {
	switch r := Role(strings.ToLower(s)); r {
	case "author":
		return RoleEditor, true
	case "member":
		return RoleViewer, true
	default:
		if r.Rank() >= 0 {
			return r, true
		}
	}
	return "", false
}

// acceptedRoles is roleNames(), made once.
var acceptedRoles = roleNames()

// roleNames are the names the loader accepts for a role, aliases last.
func roleNames() []string {
	names := make([]string, 0, len(Roles)+2)
	for _, r := range Roles {
		names = append(names, string(r))
	}
	return append(names, "author", "member")
}

// Closest returns the candidate nearest to s when it is a plausible typo of
// it, else "". Other packages use it for their own did-you-mean hints.
func Closest(s string, candidates []string) string { return closest(s, candidates) }

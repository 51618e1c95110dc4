package schema

import (
	"fmt"
	"strings"
)

// levenshtein returns the edit distance between a and b by runes, counting
// a swap of two neighbours as one edit (optimal string alignment).
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	rows := make([][]int, len(ra)+1)
	for i := range rows {
		rows[i] = make([]int, len(rb)+1)
		rows[i][0] = i
	}
	for j := range rows[0] {
		rows[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(rows[i-1][j]+1, rows[i][j-1]+1, rows[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, rows[i-2][j-2]+1)
			}
			rows[i][j] = v
		}
	}
	return rows[len(ra)][len(rb)]
}

// closest returns the candidate nearest to s (case-insensitively), or "" when
// none is near enough to be a plausible typo.
func closest(s string, candidates []string) string {
	if len(s) > 64 {
		return ""
	}
	ls := strings.ToLower(s)
	best, bestDist := "", -1
	for _, c := range candidates {
		d := levenshtein(ls, strings.ToLower(c))
		if d == 0 && c == s {
			continue
		}
		limit := max(1, min(3, len([]rune(c))/3))
		lc := strings.ToLower(c)
		affix := min(len(ls), len(lc)) >= 3 && (strings.HasPrefix(ls, lc) || strings.HasPrefix(lc, ls))
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

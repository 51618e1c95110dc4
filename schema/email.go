package schema

import "strings"

// validEmail reports whether s matches emailPattern, without a regular
// expression: the loader checks every user and member address, and the
// backtracking matcher was a tenth of its time on a large file.
// TestValidEmailAgreesWithPattern and FuzzValidEmail hold the two together.
func validEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 {
		return false
	}
	return validLocal(s[:at]) && validDomain(s[at+1:])
}

// validLocal: dot-separated non-empty atoms of the allowed characters.
// (The atoms and labels are walked with strings.Cut, not split into a
// slice: this runs for every address in the file.)
func validLocal(s string) bool {
	for {
		atom, rest, more := strings.Cut(s, ".")
		if atom == "" {
			return false
		}
		for i := 0; i < len(atom); i++ {
			if !localChar[atom[i]] {
				return false
			}
		}
		if !more {
			return true
		}
		s = rest
	}
}

// validDomain: at least two labels; the last starts with a letter.
func validDomain(s string) bool {
	if !strings.Contains(s, ".") {
		return false
	}
	for {
		label, rest, more := strings.Cut(s, ".")
		if !validLabel(label) {
			return false
		}
		if !more {
			return isLetter(label[0])
		}
		s = rest
	}
}

// validLabel: 1 to 63 letters, digits or hyphens, starting and ending
// with a letter or digit.
func validLabel(l string) bool {
	if len(l) == 0 || len(l) > 63 || !isAlnum(l[0]) || !isAlnum(l[len(l)-1]) {
		return false
	}
	for i := 0; i < len(l); i++ {
		if !isAlnum(l[i]) && l[i] != '-' {
			return false
		}
	}
	return true
}

// localChar marks the bytes an atom of the local part may hold: letters,
// digits and !#$%&'*+/=?^_`{|}~-.
var localChar = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = isAlnum(byte(c)) || strings.ContainsRune("!#$%&'*+/=?^_`{|}~-", rune(c))
	}
	return t
}()

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
func isAlnum(c byte) bool  { return isLetter(c) || (c >= '0' && c <= '9') }

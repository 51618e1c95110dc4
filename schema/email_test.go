package schema

import (
	"regexp"
	"testing"
)

// emailRE is the pattern the JSON Schema gives editors.
var emailRE = regexp.MustCompile(emailPattern)

var emailCases = []string{
	"a@b.co", "alice@acme.com", "Alice.Smith@Acme.IO", "a+tag@x.example", "o'brien@x.ie",
	"a@b", "@b.co", "a@", "a@@b.co", "a..b@x.co", ".a@x.co", "a.@x.co", "a b@x.co",
	"a@-x.co", "a@x-.co", "a@x..co", "a@x.co.", "a@x.1co", "a@x.c0", "a@1x.co", "a@x.c-o",
	"a@b@c.co", "ü@x.co", "a@xü.co", "", "a@x.co\n", "a@" + string(make([]byte, 64)) + ".co",
	"a@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.co",
	"a@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.co",
}

// TestValidEmailAgreesWithPattern: the hand-written check says what the
// JSON Schema's pattern says.
func TestValidEmailAgreesWithPattern(t *testing.T) {
	for _, s := range emailCases {
		if got, want := validEmail(s), emailRE.MatchString(s); got != want {
			t.Errorf("validEmail(%q) = %v, pattern says %v", s, got, want)
		}
	}
}

func FuzzValidEmail(f *testing.F) {
	for _, s := range emailCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := validEmail(s), emailRE.MatchString(s); got != want {
			t.Errorf("validEmail(%q) = %v, pattern says %v", s, got, want)
		}
	})
}

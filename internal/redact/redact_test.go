package redact

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
)

func TestScrub(t *testing.T) {
	var s Set
	if got := s.Scrub("nothing to hide"); got != "nothing to hide" {
		t.Errorf("empty set: %q", got)
	}
	s.Add("hunter2-secret")
	s.Add("abc") // too short: ignored
	s.Add("")
	for in, want := range map[string]string{
		"password hunter2-secret refused":  "password (redacted) refused",
		"hunter2-secrethunter2-secret":     "(redacted)(redacted)",
		"abc is short and stays":           "abc is short and stays",
		"hunter2-secre is not the value":   "hunter2-secre is not the value",
		`{"password":"hunter2-secret"}`:    `{"password":"(redacted)"}`,
		"no secret at all, only text here": "no secret at all, only text here",
	} {
		if got := s.Scrub(in); got != want {
			t.Errorf("Scrub(%q) = %q, want %q", in, got, want)
		}
	}
	if s.Len() != 1 {
		t.Errorf("Len = %d, want 1", s.Len())
	}
	var nilSet *Set
	nilSet.Add("ignored-value")
	if got := nilSet.Scrub("ignored-value"); got != "ignored-value" {
		t.Errorf("nil set scrubbed: %q", got)
	}
}

// TestScrubEchoedForms: a value echoed inside JSON or a quoted Go string is
// escaped there, and still hidden.
func TestScrubEchoedForms(t *testing.T) {
	const v = "p\"a\\ss\tword\u2028é"
	var s Set
	s.Add(v)
	js, _ := json.Marshal(map[string]string{"password": v})
	for _, text := range []string{v, string(js), strconv.Quote(v), fmt.Sprintf("error: %q", v)} {
		got := s.Scrub(text)
		if !strings.Contains(got, Mask) || strings.Contains(got, "a\\ss") || strings.Contains(got, `a\\ss`) {
			t.Errorf("Scrub(%s) = %s", text, got)
		}
	}
}

// TestScrubMultiLine: each line of a PEM key is hidden on its own, so an
// echo of one line (or the key with other line endings) shows none of it.
func TestScrubMultiLine(t *testing.T) {
	key := "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----"
	var s Set
	s.Add(key)
	for _, text := range []string{
		key,
		strings.ReplaceAll(key, "\n", "\r\n"),
		"bad key line: MIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
	} {
		got := s.Scrub(text)
		if strings.Contains(got, "MIIEvQ") || strings.Contains(got, "BKcwgg") {
			t.Errorf("Scrub(%q) = %q", text, got)
		}
	}
	// Lines under minLineLen bytes are not hidden alone: "-----" would be.
	if got := s.Scrub("a ----- rule"); got != "a ----- rule" {
		t.Errorf("short line scrubbed: %q", got)
	}
}

// TestScrubLongestFirst: of two values, one inside the other, the longer is
// hidden whole.
func TestScrubLongestFirst(t *testing.T) {
	var s Set
	s.Add("secret")
	s.Add("secret-and-more")
	if got := s.Scrub("x secret-and-more y secret z"); got != "x (redacted) y (redacted) z" {
		t.Errorf("Scrub = %q", got)
	}
}

func TestSetConcurrent(t *testing.T) {
	var s Set
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 50 {
				v := fmt.Sprintf("value-%d-%d", i, j)
				s.Add(v)
				if got := s.Scrub("<" + v + ">"); got != "<"+Mask+">" {
					t.Errorf("Scrub right after Add(%q) = %q", v, got)
					return
				}
			}
		}()
	}
	wg.Wait()
	if s.Len() != 400 {
		t.Errorf("Len = %d", s.Len())
	}
}

package redact

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

const secret = "S3CR3T-value-9f2e"

// TestWriterSplitAnywhere: the secret is hidden however the text is cut
// into writes: at every pair of positions.
func TestWriterSplitAnywhere(t *testing.T) {
	var s Set
	s.Add(secret)
	s.Add("S3CR3T-other")
	text := "retry 1 of 3: 400 {\"password\":\"" + secret + "\"} and S3CR3T-other and S3CR3T- alone\n"
	want := s.Scrub(text)
	if strings.Contains(want, secret) || !strings.Contains(want, "S3CR3T- alone") {
		t.Fatalf("Scrub = %q", want)
	}
	for i := 0; i <= len(text); i++ {
		for j := i; j <= len(text); j++ {
			var out bytes.Buffer
			w := NewWriter(&out, &s)
			for _, part := range []string{text[:i], text[i:j], text[j:]} {
				if n, err := w.Write([]byte(part)); n != len(part) || err != nil {
					t.Fatalf("Write = %d, %v", n, err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if out.String() != want {
				t.Fatalf("split at %d, %d:\n got %q\nwant %q", i, j, out.String(), want)
			}
		}
	}
}

// TestWriterPassesLinesAtOnce: text that cannot be the start of a secret
// is not held back, so progress and prompts show as they are written.
func TestWriterPassesLinesAtOnce(t *testing.T) {
	var s Set
	s.Add(secret)
	var out bytes.Buffer
	w := NewWriter(&out, &s)
	w.Write([]byte("reading groups... "))
	if out.String() != "reading groups... " {
		t.Errorf("held back %q", "reading groups... ")
	}
	w.Write([]byte("token S3CR"))
	if got := out.String(); got != "reading groups... token " {
		t.Errorf("after a partial secret: %q", got)
	}
	w.Write([]byte("3T-nope\n"))
	if got := out.String(); got != "reading groups... token S3CR3T-nope\n" {
		t.Errorf("a partial that is not the secret: %q", got)
	}
	// Flush writes what is held, even when it is the start of a secret.
	out.Reset()
	w.Write([]byte("cut short: S3CR3T-val"))
	w.Flush()
	if got := out.String(); got != "cut short: S3CR3T-val" {
		t.Errorf("Flush: %q", got)
	}
}

// TestWriterEmptySetPassesThrough: with nothing to hide, writes go through
// unchanged and unbuffered; a secret added later is hidden from then on.
func TestWriterEmptySetPassesThrough(t *testing.T) {
	var s Set
	var out bytes.Buffer
	w := NewWriter(&out, &s)
	w.Write([]byte("abc " + secret))
	if out.String() != "abc "+secret {
		t.Fatalf("got %q", out.String())
	}
	s.Add(secret)
	w.Write([]byte(" " + secret))
	w.Close()
	if got := out.String(); got != "abc "+secret+" "+Mask {
		t.Errorf("got %q", got)
	}
	if w.Unwrap() != &out {
		t.Error("Unwrap is not the writer underneath")
	}
}

func TestWriterConcurrent(t *testing.T) {
	var s Set
	s.Add(secret)
	var out bytes.Buffer
	w := NewWriter(&out, &s)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				w.Write([]byte("line with " + secret + "\n"))
			}
		}()
	}
	wg.Wait()
	w.Close()
	if strings.Contains(out.String(), secret) || strings.Count(out.String(), "\n") != 800 {
		t.Errorf("concurrent writes: %d lines, secret shown: %v", strings.Count(out.String(), "\n"), strings.Contains(out.String(), secret))
	}
}

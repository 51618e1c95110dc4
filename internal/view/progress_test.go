package view

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hexform/hexform/internal/hexapi"
)

func TestProgressInALog(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var out bytes.Buffer
	p := NewReadProgress(&out, false, 30, func() time.Time { return now })
	p.Show(hexapi.ProgressEvent{Resource: "users", Page: 1, Items: 500})
	if out.Len() != 0 {
		t.Fatalf("a short read printed %q", out.String())
	}
	now = now.Add(40 * time.Second)
	p.Show(hexapi.ProgressEvent{Resource: "group members", Page: 1, Items: 12, Step: 10, Steps: 100})
	want := "hexform: reading group members: group 10 of 100 (2 requests in 40s); about 3m0s left at 30 a minute\n"
	if out.String() != want {
		t.Fatalf("got %q\nwant %q", out.String(), want)
	}
	now = now.Add(5 * time.Second)
	p.Show(hexapi.ProgressEvent{Resource: "group members", Page: 1, Items: 3, Step: 11, Steps: 100})
	if strings.Count(out.String(), "\n") != 1 {
		t.Errorf("printed again within %v: %q", quietFor, out.String())
	}
	p.Done()
	if strings.Contains(out.String(), "\r") {
		t.Error("a log got terminal control characters")
	}
}

func TestProgressOnATerminal(t *testing.T) {
	var out bytes.Buffer
	p := NewReadProgress(&out, true, 30, nil)
	p.Show(hexapi.ProgressEvent{Resource: "users", Page: 1, Items: 1})
	if got := out.String(); !strings.HasPrefix(got, "\r\033[Kreading users: page 1, 1 so far (1 request in ") {
		t.Fatalf("got %q", got)
	}
	p.Done()
	if !strings.HasSuffix(out.String(), "\r\033[K") {
		t.Error("the progress line is not cleared when reading is done")
	}
}

func TestRetryPrinter(t *testing.T) {
	ev := hexapi.RetryEvent{Retry: 1, Max: 5, Wait: 1234 * time.Millisecond, Err: errors.New("GET /v1/users: 503")}
	for tty, want := range map[bool]string{
		false: "hexform: retry 1 of 5 in 1.2s: GET /v1/users: 503\n",
		true:  "\r\033[Khexform: retry 1 of 5 in 1.2s: GET /v1/users: 503\n",
	} {
		var out bytes.Buffer
		RetryPrinter(&out, tty)(ev)
		if out.String() != want {
			t.Errorf("tty %v: got %q, want %q", tty, out.String(), want)
		}
	}
}

package view

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/hexform/hexform/internal/hexapi"
)

// ReadProgress reports a long read of a Hex workspace, which at 30 requests a
// minute takes minutes: the resource, how far it has come, requests so far
// and, for the per-group member reads, an estimate of the time left. On a
// terminal it is one line updated in place; in a log (CI) a plain line at
// most every quietFor, and nothing for a read shorter than that.
type ReadProgress struct {
	w         io.Writer
	tty       bool
	perMinute int
	now       func() time.Time
	start     time.Time
	lastLine  time.Time
	requests  int
}

// quietFor is how often progress may print a line into a log.
const quietFor = 30 * time.Second

// NewReadProgress reports on w, as one line updated in place when tty is
// set, a read limited to perMinute requests a minute (30 when not set);
// now is the clock (time.Now when nil).
func NewReadProgress(w io.Writer, tty bool, perMinute int, now func() time.Time) *ReadProgress {
	if perMinute <= 0 {
		perMinute = 30
	}
	if now == nil {
		now = time.Now
	}
	t := now()
	return &ReadProgress{w: w, tty: tty, perMinute: perMinute, now: now, start: t, lastLine: t}
}

// Show is the hexapi progress callback.
func (p *ReadProgress) Show(ev hexapi.ProgressEvent) {
	p.requests++
	t := p.now()
	msg := p.line(ev, t.Sub(p.start))
	switch {
	case p.tty:
		fmt.Fprintf(p.w, "\r\033[K%s", msg)
	case t.Sub(p.lastLine) >= quietFor:
		fmt.Fprintf(p.w, "hexform: %s\n", msg)
		p.lastLine = t
	}
}

// Done clears the terminal line once reading is over.
func (p *ReadProgress) Done() {
	if p.tty && p.requests > 0 {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func (p *ReadProgress) line(ev hexapi.ProgressEvent, elapsed time.Duration) string {
	where := fmt.Sprintf("page %d, %d so far", ev.Page, ev.Items)
	if ev.Steps > 0 {
		where = fmt.Sprintf("group %d of %d", ev.Step, ev.Steps)
	}
	msg := fmt.Sprintf("reading %s: %s (%s in %s)", ev.Resource, where, Plural(p.requests, "request"), elapsed.Round(time.Second))
	if left := ev.Steps - ev.Step; left > 0 {
		// At least one request per group left, at the pace the limit allows.
		eta := time.Duration(left) * time.Minute / time.Duration(p.perMinute)
		msg += fmt.Sprintf("; about %s left at %d a minute", eta.Round(time.Second), p.perMinute)
	}
	return msg
}

// RetryPrinter says on w why a run pauses: which request failed, and when
// it is retried. On a terminal it first clears the progress line. Changes
// applied in parallel may retry at once, so lines are written one at a time.
func RetryPrinter(w io.Writer, tty bool) func(hexapi.RetryEvent) {
	var mu sync.Mutex
	clear := ""
	if tty {
		clear = "\r\033[K"
	}
	return func(ev hexapi.RetryEvent) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(w, "%shexform: retry %d of %d in %v: %v\n", clear, ev.Retry, ev.Max, ev.Wait.Round(100*time.Millisecond), ev.Err)
	}
}

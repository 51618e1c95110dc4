package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/hexform/hexform/internal/hexapi"
	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progressPrinter shows reading progress on a terminal as one updating line:
// the resource, pages and items so far, elapsed time and the request pace the
// rate limit allows, so a long read of a large workspace is never silent.
// done clears the line once reading is over.
func progressPrinter(w io.Writer, perMinute int) (show func(hexapi.ProgressEvent), done func()) {
	if perMinute <= 0 {
		perMinute = 30
	}
	start := time.Now()
	requests := 0
	show = func(ev hexapi.ProgressEvent) {
		requests++
		elapsed := time.Since(start).Round(time.Second)
		fmt.Fprintf(w, "\r\033[Kreading %s: page %d, %d so far (%d requests in %s; at most %d a minute)",
			ev.Resource, ev.Page, ev.Items, requests, elapsed, perMinute)
	}
	done = func() {
		if requests > 0 {
			fmt.Fprint(w, "\r\033[K")
		}
	}
	return show, done
}

// Package redact hides secret values in text before it leaves hexform: a
// Set holds the values (connection secrets as they are resolved, the API
// token), Scrub replaces every occurrence in a string, and Writer does the
// same for a stream, where a value may arrive split across two writes.
//
// A value is hidden as written and in the forms it takes when echoed inside
// JSON or a Go-quoted string; each line of a multi-line value (a PEM key)
// is hidden on its own too, so a server that echoes one line of it shows
// nothing. Values shorter than MinLen bytes are not hidden: replacing every
// "abc" in the output would wreck it and hide little. Scrub before
// truncating: a value cut in half is no longer recognised.
package redact

// Package filetarget is hexform's embedded default target, selected with
// --target file:PATH: the whole workspace kept as one JSON document (a
// reconcile.Snapshot, indented, with a revision number counting writes).
//
// The document starts with a format version and a lineage, a random UUID
// made when the state is first written and kept by every later write (as
// Terraform's state does): with the revision it tells one state's history
// from another's. A document without a version is format 1 and is written
// back in the current format on its next change; a newer format is refused
// and so are documents a JSON reader would read as something they do not
// say: an empty file, null, an empty object, duplicate keys at any depth
// and invalid UTF-8.
//
// Writes are atomic: the new document goes to a temporary file in the same
// directory, which is synced, renamed over PATH, and the directory synced,
// so a crash at any moment leaves the old or the new document. Apply writes
// after every change, so each applied change is durable before the next one
// starts and the apply journal is always accurate.
//
// Secret values are never stored: a connection's secret field holds
// "hmac-sha256:<hex>", an HMAC of the value keyed by a random 32-byte key
// kept in PATH.key (mode 0600). Losing the key only makes every secret look
// changed, so the next apply sets it again. The key file is created
// atomically (it appears complete or not at all); one that is empty or
// short is reported, never replaced by another key silently, and apply
// refuses to start until it is deleted.
//
// An apply holds an exclusive lock on PATH.lock; a second one fails at once
// with a message naming the holder.
package filetarget

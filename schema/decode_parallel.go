package schema

import "maps"

// The sections of a file decode into separate fields of the Workspace and
// read the YAML tree without changing it, so they decode side by side,
// each with a decoder of its own (fork), joined back in the file's key
// order (join): the diagnostics, and which of them the cap keeps, are
// those decoding them one after another gives.

// fork is a decoder for one section: its own diagnostics, positions and
// marks.
func (d *decoder) fork() *decoder { return newDecoder(d.file) }

// join adds what sub found to d, as if d had found it itself: past
// MaxDiagnostics of a severity a diagnostic is only counted.
func (d *decoder) join(sub *decoder) {
	for _, x := range sub.diags {
		if d.found[x.Severity] < MaxDiagnostics {
			d.diags = append(d.diags, x)
		}
		d.found[x.Severity]++
	}
	for sev, n := range sub.found {
		kept := min(n, MaxDiagnostics) // counted above
		d.found[sev] += n - kept
	}
	maps.Copy(d.vals, sub.vals)
	maps.Copy(d.keys, sub.keys)
	maps.Copy(d.bad, sub.bad)
	d.memberPos = append(d.memberPos, sub.memberPos...)
	d.secretUses = append(d.secretUses, sub.secretUses...)
}

package reconcile

import "github.com/hexform/hexform/schema"

// Options tune Diff.
type Options struct {
	// Target names the target in the plan.
	Target string
	// Capabilities decide each change's Mode. The zero value means AllCapabilities.
	Capabilities *Capabilities
	// SecretFingerprint returns the keyed fingerprint a target would store for
	// the secret ref's current value, and false when it cannot tell (the value
	// is not available at plan time, or the target stores no fingerprints).
	// Nil means "cannot tell" for every secret.
	SecretFingerprint func(ref schema.SecretRef) (string, bool)
	// RotateSecrets sends every secret again, even when nothing shows it changed.
	RotateSecrets bool
}

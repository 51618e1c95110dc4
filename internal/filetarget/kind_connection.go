package filetarget

import (
	"fmt"
	"strings"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// connectionApplier: the file target keeps, of each secret it is given, a
// keyed fingerprint of the value and the reference it was read from.
var connectionApplier = applier{prefix: "con", prepare: fingerprintSecrets}

// fingerprintSecrets resolves each secret field the change sets and stores
// the keyed fingerprint of its value in After; the value goes nowhere else.
func fingerprintSecrets(e *editor, t *reconcile.Typed) error {
	after, ok := t.After.(*reconcile.ConnectionState)
	if !ok {
		return nil
	}
	for _, f := range t.Change.Fields {
		key, ok := strings.CutPrefix(f.Path, "secrets.")
		if !ok || reconcile.FieldValue(f.After) == nil {
			continue
		}
		if err := e.fingerprintSecret(after, key); err != nil {
			return &FieldError{Kind: t.Change.Kind, Path: f.Path, Err: err}
		}
	}
	return nil
}

func (e *editor) fingerprintSecret(c *reconcile.ConnectionState, key string) error {
	ref, _ := schema.ParseSecretRef(c.SecretRefs[key])
	if e.secrets == nil {
		return fmt.Errorf("no secret resolver to read %s", ref)
	}
	value, err := e.secrets.Resolve(ref)
	if err != nil {
		return err
	}
	k, err := e.t.fingerprintKey(true)
	if err != nil {
		return err
	}
	c.Secrets[key] = fingerprint(k, value)
	return nil
}

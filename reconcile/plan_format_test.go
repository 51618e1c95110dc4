package reconcile

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// jsonKeys collects the object keys of a plan document, leaving out the
// insides of field values (before/after hold data, not format) and of the
// renames map (keyed by resource).
func jsonKeys(v any, into map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			into[k] = true
			if k != "before" && k != "after" && k != "renames" {
				jsonKeys(e, into)
			}
		}
	case []any:
		for _, e := range x {
			jsonKeys(e, into)
		}
	}
}

func TestPlanFormatDocCoversEveryKey(t *testing.T) {
	doc, err := os.ReadFile("../docs/plan-format.md")
	if err != nil {
		t.Fatal(err)
	}
	p := reviewPlan()
	p.Commit = "0123456789abcdef0123456789abcdef01234567"
	created := Diff(richWant(), &Snapshot{}, Options{})
	p.Changes = append(p.Changes, change(t, created, "create connection/Warehouse"))
	var b bytes.Buffer
	if err := RenderJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	jsonKeys(v, keys)
	for _, k := range []string{"commit", "warnings", "unmanaged", "depends_on", "resource_id", "sensitive", "blocked", "access", "seats"} {
		if !keys[k] {
			t.Errorf("the test plan does not exercise key %q", k)
		}
	}
	var missing []string
	for k := range keys {
		if !strings.Contains(string(doc), "`"+k+"`") {
			missing = append(missing, k)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("docs/plan-format.md does not document the keys %q", missing)
	}
}

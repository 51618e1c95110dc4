package reconcile

import (
	"encoding/json"
	"testing"

	"github.com/hexform/hexform/schema"
)

// TestFieldValuesTypedAndDecoded: a value reads the same whether the plan was
// computed in this process or read back from a plan file.
func TestFieldValuesTypedAndDecoded(t *testing.T) {
	hour := 6
	typed := map[string]any{
		"s": "x", "b": true, "l": []string{"a", "b"},
		"r": &schema.SchemaRefresh{Cadence: "daily", Hour: &hour},
	}
	raw, err := json.Marshal(typed)
	if err != nil {
		t.Fatal(err)
	}
	var decoded map[string]any
	if err := json.Unmarshal(raw, &decoded); err != nil {
		t.Fatal(err)
	}
	for name, m := range map[string]map[string]any{"typed": typed, "decoded": decoded} {
		if s, err := FieldString(m["s"]); err != nil || s != "x" {
			t.Errorf("%s string: %q %v", name, s, err)
		}
		if b, err := FieldBool(m["b"]); err != nil || !b {
			t.Errorf("%s bool: %v %v", name, b, err)
		}
		if l, err := FieldStrings(m["l"]); err != nil || len(l) != 2 || l[1] != "b" {
			t.Errorf("%s list: %v %v", name, l, err)
		}
		if r, err := FieldSchemaRefresh(m["r"]); err != nil || r.Cadence != "daily" || *r.Hour != 6 {
			t.Errorf("%s refresh: %+v %v", name, r, err)
		}
	}
	var nilStr *string
	if s, err := FieldString(nilStr); err != nil || s != "" {
		t.Errorf("nil pointer: %q %v", s, err)
	}
	if _, err := FieldString(3.0); err == nil {
		t.Error("a number read as a string")
	}
	if _, err := FieldStrings([]any{"a", 1.0}); err == nil {
		t.Error("a list with a number read as strings")
	}
	if _, err := FieldSchemaRefresh(map[string]any{"cadense": "daily"}); err == nil {
		t.Error("an unknown key in a schedule was accepted")
	}
}

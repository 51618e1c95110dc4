package hexsim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// decodeStrict decodes one JSON value into v, refusing unknown fields and
// trailing data. It returns the problems found, nil when there are none.
func decodeStrict(data []byte, v any) []string {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return []string{jsonIssue(err)}
	}
	if dec.More() {
		return []string{"unexpected data after the JSON value"}
	}
	return nil
}

// jsonIssue turns a decoding error into an issue message.
func jsonIssue(err error) string {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		field := typ.Field
		if field == "" {
			field = "body"
		}
		return fmt.Sprintf("%s: must be %s, not %s", field, kindName(typ.Type), typ.Value)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func kindName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int64, reflect.Float64:
		return "a number"
	case reflect.Slice:
		return "an array"
	}
	return "an object"
}

// checkName checks a name field: required when asked, at least 1 character.
func checkName(name *string, path string, required bool, issues *[]string) {
	switch {
	case name == nil && required:
		*issues = append(*issues, path+" is required")
	case name != nil && *name == "":
		*issues = append(*issues, path+" must be at least 1 character long")
	}
}

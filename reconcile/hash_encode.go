package reconcile

import (
	"encoding/json"
	"hash"
	"slices"
	"strconv"
)

// hashWriter writes the plan hash's input, the same bytes json.Marshal
// makes of it, straight into the hash, without the whole encoding in
// memory: plain strings, lists and maps are written here, and any other
// value (a number, a typed value) by json.Marshal itself, so the bytes
// are encoding/json's by construction.
type hashWriter struct {
	h   hash.Hash
	buf []byte
	err error
}

// flush hands the buffer to the hash once it holds enough.
func (w *hashWriter) flush(force bool) {
	if len(w.buf) >= 64<<10 || (force && len(w.buf) > 0) {
		w.h.Write(w.buf)
		w.buf = w.buf[:0]
	}
}

func (w *hashWriter) raw(s string) { w.buf = append(w.buf, s...) }

// str writes s as json.Marshal does: a string of printable ASCII that
// needs no escape (json.Marshal escapes <, > and & too) is written as it
// is, any other through json.Marshal.
func (w *hashWriter) str(s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			w.marshal(s)
			return
		}
	}
	w.buf = append(w.buf, '"')
	w.buf = append(w.buf, s...)
	w.buf = append(w.buf, '"')
}

// marshal writes v through json.Marshal.
func (w *hashWriter) marshal(v any) {
	b, err := json.Marshal(v)
	if err != nil && w.err == nil {
		w.err = err
	}
	w.buf = append(w.buf, b...)
}

// value writes a field value.
func (w *hashWriter) value(v any) {
	switch x := v.(type) {
	case nil:
		w.raw("null")
	case string:
		w.str(x)
	case bool:
		w.raw(strconv.FormatBool(x))
	case []string:
		w.strings(x)
	case []any:
		writeList(w, x, w.value)
	case map[string]any:
		w.object(x)
	default:
		w.marshal(v)
	}
}

// strings writes a list of strings.
func (w *hashWriter) strings(l []string) { writeList(w, l, w.str) }

// writeList writes a list, each element with each; nil is null, as
// json.Marshal has it.
func writeList[T any](w *hashWriter, l []T, each func(T)) {
	if l == nil {
		w.raw("null")
		return
	}
	w.raw("[")
	for i, e := range l {
		if i > 0 {
			w.raw(",")
		}
		each(e)
	}
	w.raw("]")
}

// object writes a map with its keys in order, as json.Marshal does.
func (w *hashWriter) object(m map[string]any) {
	if m == nil {
		w.raw("null")
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	w.raw("{")
	for i, k := range keys {
		if i > 0 {
			w.raw(",")
		}
		w.str(k)
		w.raw(":")
		w.value(m[k])
	}
	w.raw("}")
}

// change writes one hashed change, its keys in hashedChange's order.
func (w *hashWriter) change(c *Change) {
	w.raw(`{"id":`)
	w.str(c.ID)
	for _, kv := range [...]struct{ key, v string }{
		{`,"action":`, string(c.Action)}, {`,"kind":`, string(c.Kind)}, {`,"name":`, c.Name},
		{`,"resource_id":`, c.ResourceID}, {`,"risk":`, string(c.Risk)}, {`,"mode":`, string(c.Mode)},
	} {
		w.raw(kv.key)
		w.str(kv.v)
	}
	w.raw(`,"fields":`)
	writeList(w, c.Fields, w.field)
	w.raw(`,"depends_on":`)
	w.strings(c.DependsOn)
	w.raw("}")
	w.flush(false)
}

// field writes one field of a change, its keys in Field's order.
func (w *hashWriter) field(f Field) {
	w.raw(`{"path":`)
	w.str(f.Path)
	w.raw(`,"before":`)
	w.value(f.Before)
	w.raw(`,"after":`)
	w.value(f.After)
	if f.Sensitive {
		w.raw(`,"sensitive":true`)
	}
	w.raw("}")
}

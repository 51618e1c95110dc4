package reconcile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// RenderJSON writes the plan as indented JSON (docs/plan-format.md) with a
// trailing newline. Keys come in a fixed order and maps are sorted, so the
// same plan always gives the same bytes.
func RenderJSON(w io.Writer, p *Plan) error {
	cp := *p
	cp.Changes = nonNil(cp.Changes)
	cp.PlanHash = p.Hash()
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&cp); err != nil {
		return fmt.Errorf("encode plan: %w", err)
	}
	// The indenting Encoder's bytes, indented into a buffer sized once: a
	// plan with its access review runs to tens of MB, and the Encoder grows
	// its indenting buffer by doubling.
	var buf bytes.Buffer
	if err := json.Indent(&buf, bytes.TrimSuffix(compact.Bytes(), []byte("\n")), "", "  "); err != nil {
		return fmt.Errorf("encode plan: %w", err)
	}
	buf.WriteByte('\n')
	_, err := w.Write(buf.Bytes())
	return err
}

// SecretSet is the Before a plan shows of a secret the target holds: a plan
// records where a secret's value comes from, never the value, and the
// target tells only that one is set.
const SecretSet = secretSet

// PlanFormatError reports a plan file of a format version this hexform does not read.
type PlanFormatError struct {
	Version int
}

func (e *PlanFormatError) Error() string {
	return fmt.Sprintf("plan file has format_version %d; this hexform reads format_version %d (make the plan again with this hexform)", e.Version, FormatVersion)
}

// ReadPlanJSON reads a plan written by RenderJSON. It rejects a plan of
// another format_version (*PlanFormatError), unknown keys, trailing data, a
// plan without its recorded policy inputs, and a plan whose content no
// longer matches its plan_hash (*PlanEditedError).
// Field values come back as JSON gives them (numbers as float64), except that
// the "members" and "install" lists are []string again, as Diff makes them.
func ReadPlanJSON(r io.Reader) (*Plan, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	var head struct {
		FormatVersion *int `json:"format_version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("read plan: not a plan file: %w", err)
	}
	if head.FormatVersion == nil {
		return nil, errors.New("read plan: not a plan file: no format_version")
	}
	if *head.FormatVersion != FormatVersion {
		return nil, &PlanFormatError{Version: *head.FormatVersion}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var p Plan
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	if dec.More() {
		return nil, errors.New("read plan: unexpected data after the plan")
	}
	p.Changes = nonNil(p.Changes)
	for i := range p.Changes {
		for j := range p.Changes[i].Fields {
			f := &p.Changes[i].Fields[j]
			if f.Path == "members" || f.Path == "install" {
				f.Before, f.After = asStrings(f.Before), asStrings(f.After)
			}
		}
	}
	if p.Policy == nil {
		return nil, errors.New("read plan: the plan records no policy inputs (policy is null)")
	}
	if got := p.Hash(); p.PlanHash != got {
		return nil, &PlanEditedError{Recorded: p.PlanHash, Content: got}
	}
	return &p, nil
}

// PlanEditedError reports a plan file whose content does not match the
// plan_hash it was written with: it was edited, or damaged, after it was made.
type PlanEditedError struct {
	Recorded, Content string
}

func (e *PlanEditedError) Error() string {
	if e.Recorded == "" {
		return "read plan: the plan file has no plan_hash"
	}
	return fmt.Sprintf("read plan: the plan file was edited after it was made: it records plan_hash %s, its content hashes to %s", e.Recorded, e.Content)
}

// asStrings turns a JSON list of strings back into a []string.
func asStrings(v any) any {
	list, ok := v.([]any)
	if !ok {
		return v
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := e.(string)
		if !ok {
			return v
		}
		out = append(out, s)
	}
	return out
}

package reconcile

import "testing"

func TestSummaryWords(t *testing.T) {
	s := Summary{Create: 2, Blocked: 1}
	if got := s.String(); got != "2 to create, 0 to update, 0 to delete, 1 blocked" {
		t.Errorf("String = %q", got)
	}
	if got := s.Brief(); got != "2 to create, 1 blocked" {
		t.Errorf("Brief = %q", got)
	}
	if got := (Summary{}).Brief(); got != "no changes" {
		t.Errorf("empty Brief = %q", got)
	}
}

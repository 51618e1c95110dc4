package hexsim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Kinds of BadAnswer: answers the API description rules out, so that tests
// can prove a client refuses them rather than guess.
const (
	// RepeatCursor: lists page one item at a time, and every page after the
	// first gives back the cursor it was sent (the same cursor twice).
	RepeatCursor = "repeat-cursor"
	// CycleCursor: lists page one item at a time, and the third page gives
	// the first page's cursor again (A, B, A).
	CycleCursor = "cycle-cursor"
	// NullItem: a null among a list's values (second place).
	NullItem = "null-item"
	// MissingField: the first item of a list (or the answer itself) without
	// BadAnswer.Field.
	MissingField = "missing-field"
	// UnknownEnum: BadAnswer.Field of the first item (or the answer) set to
	// a value outside its documented enum.
	UnknownEnum = "unknown-enum"
	// OversizedBody: a well-formed body of OversizedBytes, most of it one
	// padding field; nothing is done.
	OversizedBody = "oversized-body"
	// Redirect: 307 to BadAnswer.RedirectTo with the request's path and
	// query; nothing is done.
	Redirect = "redirect"
	// HugeRetryAfter: 429 with Retry-After of a day, every time; nothing is
	// done.
	HugeRetryAfter = "huge-retry-after"
)

// BadAnswerKinds lists the kinds, for flags and their help.
var BadAnswerKinds = []string{RepeatCursor, CycleCursor, NullItem, MissingField, UnknownEnum, OversizedBody, Redirect, HugeRetryAfter}

// OversizedBytes is the size of an OversizedBody answer: over the 32 MiB a
// client may be expected to read for one page.
const OversizedBytes = 33 << 20

// UndocumentedValue is what UnknownEnum puts in a field.
const UndocumentedValue = "UNDOCUMENTED_VALUE"

// BadAnswer spoils the answers of one endpoint (the zero value spoils none).
type BadAnswer struct {
	Kind string // one of BadAnswerKinds
	// Op is the operationId whose answers are spoiled (ListGroups, ...);
	// empty means every endpoint the kind applies to.
	Op string
	// Field is a dotted path in an item (sharing.workspace.members) for
	// MissingField and UnknownEnum; empty means the endpoint's own choice:
	// email or role for users, name for groups, type for connections,
	// sharing for collections.
	Field string
	// RedirectTo is the base URL Redirect sends clients to.
	RedirectTo string
}

// CheckBadAnswer reports a BadAnswer that cannot work.
func CheckBadAnswer(b BadAnswer) error {
	switch {
	case b.Kind == "":
		return nil
	case !slices.Contains(BadAnswerKinds, b.Kind):
		return fmt.Errorf("unknown bad answer %q (known: %s)", b.Kind, strings.Join(BadAnswerKinds, ", "))
	case b.Op != "" && !slices.ContainsFunc(routes, func(r route) bool { return r.op == b.Op }):
		return fmt.Errorf("unknown operation %q for a bad answer", b.Op)
	case b.Kind == Redirect && b.RedirectTo == "":
		return fmt.Errorf("a %s bad answer needs the URL to redirect to", Redirect)
	}
	return nil
}

// spoils reports whether the bad answer applies to rt.
func (b *BadAnswer) spoils(rt *route) bool {
	if b.Kind == "" || (b.Op != "" && b.Op != rt.op) {
		return false
	}
	switch b.Kind {
	case RepeatCursor, CycleCursor, NullItem:
		return strings.HasPrefix(rt.op, "List")
	}
	return true
}

// answerInstead answers r in place of the handler, for the kinds that do
// nothing (redirect, Retry-After, oversized body); false for other kinds.
func (s *Server) answerInstead(w http.ResponseWriter, r *http.Request, rt *route, style errStyle, trace string) (int, bool) {
	b := &s.cfg.BadAnswer
	if !b.spoils(rt) {
		return 0, false
	}
	switch b.Kind {
	case Redirect:
		s.countBadAnswer()
		http.Redirect(w, r, strings.TrimSuffix(b.RedirectTo, "/")+r.URL.RequestURI(), http.StatusTemporaryRedirect)
		return http.StatusTemporaryRedirect, true
	case HugeRetryAfter:
		s.countBadAnswer()
		w.Header().Set("Retry-After", "86400")
		e := errorf(http.StatusTooManyRequests, "rate limit exceeded: come back tomorrow")
		writeJSON(w, e.status, errorBody(style, e, trace))
		return e.status, true
	case OversizedBody:
		s.countBadAnswer()
		writeOversized(w)
		return http.StatusOK, true
	}
	return 0, false
}

// writeOversized streams {"values":[],"pagination":{...},"padding":"xxx..."}
// of OversizedBytes, stopping when the client hangs up.
func writeOversized(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	head := `{"values":[],"pagination":{"after":null,"before":null},"padding":"`
	tail := `"}`
	if _, err := w.Write([]byte(head)); err != nil {
		return
	}
	chunk := []byte(strings.Repeat("x", 64<<10))
	for left := OversizedBytes - len(head) - len(tail); left > 0; left -= len(chunk) {
		if _, err := w.Write(chunk[:min(left, len(chunk))]); err != nil {
			return
		}
	}
	_, _ = w.Write([]byte(tail))
}

// pagingQuery is the query the handler sees: one item a page for the cursor
// kinds, so that a small workspace has pages to go wrong.
func (s *Server) pagingQuery(rt *route, q url.Values) url.Values {
	b := &s.cfg.BadAnswer
	if !b.spoils(rt) || (b.Kind != RepeatCursor && b.Kind != CycleCursor) {
		return q
	}
	q2 := url.Values{}
	for k, v := range q {
		q2[k] = v
	}
	q2.Set("limit", "1")
	return q2
}

func (s *Server) countBadAnswer() {
	s.mu.Lock()
	s.stats.Faults.BadAnswers++
	s.mu.Unlock()
}

// spoil turns the handler's answer to a request sent with the cursor after
// into the bad answer.
func (s *Server) spoil(rt *route, after string, body any) any {
	b := &s.cfg.BadAnswer
	if !b.spoils(rt) {
		return body
	}
	var (
		out any
		ok  bool
	)
	switch b.Kind {
	case RepeatCursor, CycleCursor:
		out, ok = s.spoilCursor(rt.op, after, body)
	case NullItem:
		out, ok = spoilJSON(body, func(doc map[string]any) bool {
			vals, isList := doc["values"].([]any)
			if !isList {
				return false
			}
			at := min(1, len(vals))
			doc["values"] = slices.Insert(vals, at, nil)
			return true
		})
	case MissingField, UnknownEnum:
		out, ok = spoilJSON(body, func(doc map[string]any) bool { return spoilField(doc, b.Kind, b.fieldFor(rt.op)) })
	}
	if !ok {
		return body
	}
	s.countBadAnswer()
	return out
}

// spoilCursor replaces a list page's next cursor. Called without s.mu.
func (s *Server) spoilCursor(op, after string, body any) (any, bool) {
	lb, ok := body.(listBody)
	if !ok {
		return body, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.cfg.BadAnswer.Kind == RepeatCursor && after != "":
		lb.Pagination.After = &after
		return lb, true
	case s.cfg.BadAnswer.Kind == CycleCursor:
		if s.handed == nil {
			s.handed = map[string][]string{}
		}
		given := s.handed[op]
		if i := slices.Index(given, after); i >= 1 {
			lb.Pagination.After = &given[i-1]
			return lb, true
		}
		if lb.Pagination.After != nil && !slices.Contains(given, *lb.Pagination.After) {
			s.handed[op] = append(given, *lb.Pagination.After)
		}
	}
	return lb, false
}

// fieldFor is the field MissingField or UnknownEnum spoils on op.
func (b *BadAnswer) fieldFor(op string) string {
	if b.Field != "" {
		return b.Field
	}
	switch {
	case strings.Contains(op, "User") || op == "Me":
		if b.Kind == UnknownEnum {
			return "role"
		}
		return "email"
	case strings.Contains(op, "Group"):
		return "name"
	case strings.Contains(op, "Collection"):
		return "sharing"
	}
	return "type"
}

// spoilJSON applies f to body as a JSON document; false when f did nothing.
func spoilJSON(body any, f func(doc map[string]any) bool) (any, bool) {
	data, err := json.Marshal(body)
	if err != nil {
		return body, false
	}
	var doc map[string]any
	if json.Unmarshal(data, &doc) != nil || !f(doc) {
		return body, false
	}
	return doc, true
}

// spoilField removes or spoils a dotted field of the first item of a list,
// of the user of a DeactivateUser answer, or of the answer itself.
func spoilField(doc map[string]any, kind, field string) bool {
	target := doc
	if vals, ok := doc["values"].([]any); ok {
		if len(vals) == 0 {
			return false
		}
		target, _ = vals[0].(map[string]any)
	} else if u, ok := doc["user"].(map[string]any); ok {
		target = u
	}
	parts := strings.Split(field, ".")
	for _, p := range parts[:len(parts)-1] {
		next, ok := target[p].(map[string]any)
		if !ok {
			return false
		}
		target = next
	}
	last := parts[len(parts)-1]
	if _, ok := target[last]; !ok || target == nil {
		return false
	}
	if kind == MissingField {
		delete(target, last)
	} else {
		target[last] = UndocumentedValue
	}
	return true
}

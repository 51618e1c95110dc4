package hexapi

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// MalformedError is a 2xx answer that breaks the API description: a list
// envelope without values or pagination, a null item, a required field
// missing, a value outside a documented enum, a cursor given twice, a list
// or body over the client's bounds. Nothing in such an answer is used: a
// caller that planned from it would take what is missing for absent.
type MalformedError struct {
	Method, Path string
	Page         int    // 1-based page of a list; 0 for a single answer
	Problem      string // e.g. `values[3].role is "ROOT", not one of ...`
	// Incomplete marks a list the client stopped reading, rather than an
	// answer with a bad part.
	Incomplete bool
}

func (e *MalformedError) Error() string {
	var b strings.Builder
	b.WriteString("hex api: " + e.Method + " " + e.Path + ": ")
	if e.Page > 0 {
		fmt.Fprintf(&b, "page %d: ", e.Page)
	}
	b.WriteString(e.Problem)
	if e.Incomplete {
		b.WriteString(": the list may be incomplete, so none of it is used")
	} else {
		b.WriteString(": the answer breaks the API description, so none of it is used")
	}
	return b.String()
}

// validator is a decoded answer that can check itself against the API
// description.
type validator interface{ validate() error }

// fieldError is one field of an answer that breaks the API description.
type fieldError struct {
	field   string // dotted path inside the answer, e.g. sharing.workspace.members
	problem string // after the field, or after its value when hasValue
	// value is the field's value, shown quoted when hasValue: the client
	// scrubs it of secrets before it is cut short (see text).
	value    string
	hasValue bool
}

func (e *fieldError) Error() string { return e.text(func(s string) string { return s }) }

// text describes the problem, with the value passed through scrub first.
func (e *fieldError) text(scrub func(string) string) string {
	if !e.hasValue {
		return e.field + " " + e.problem
	}
	return e.field + " is " + quoteBounded(scrub(e.value)) + ", " + e.problem
}

// in puts e under the field prefix: values[3] and role give values[3].role.
func in(prefix string, err error) error {
	if err == nil {
		return nil
	}
	fe, ok := err.(*fieldError)
	if !ok {
		return err
	}
	out := *fe
	out.field = prefix + "." + fe.field
	return &out
}

// malformed is the error about an answer to method path that failed its
// check; values quoted from the answer are redacted and scrubbed.
func (c *Client) malformed(method, path string, err error) *MalformedError {
	problem := err.Error()
	var fe *fieldError
	if errors.As(err, &fe) {
		problem = fe.text(c.redact)
	}
	return &MalformedError{Method: method, Path: path, Problem: problem}
}

func missing(field string) error { return &fieldError{field: field, problem: "is missing or empty"} }

// required checks that each string is set, in order; names and values pair up.
func required(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] == "" {
			return missing(pairs[i])
		}
	}
	return nil
}

// oneOf checks that a set value is one of allowed; "" passes (see required).
func oneOf(field, value string, allowed []string) error {
	if value == "" || slices.Contains(allowed, value) {
		return nil
	}
	return &fieldError{field: field, value: value, hasValue: true,
		problem: fmt.Sprintf("not one of the documented values (%s)", strings.Join(allowed, ", "))}
}

// The documented enums of what the client reads.
var (
	userRoles      = []string{RoleAdmin, RoleManager, RoleEditor, RoleExplorer, RoleMember, RoleGuest, RoleEmbeddedUser, RoleAnonymous}
	connTypes      = []string{"athena", "bigquery", "clickhouse", "databricks", "postgres", "redshift", "snowflake", "trino"}
	accessLevels   = []string{AccessNone, AccessQuery, AccessViewResults}
	refreshAccess  = []string{"ADMINS", "USERS_WITH_QUERY_ACCESS"}
	cadences       = []string{"HOURLY", "DAILY", "WEEKLY", "MONTHLY", "CUSTOM"}
	matchTypes     = []string{"EXACT", "PREFIX", "REGEX", "SUFFIX"}
	schemaEntities = []string{"databases", "schemas", "tables"}
)

func (u *User) validate() error {
	if err := required("id", u.ID, "email", u.Email, "role", u.Role); err != nil {
		return err
	}
	return oneOf("role", u.Role, userRoles)
}

// validate checks Me: a workspace token's answer has only org and token,
// a personal token's has the user's fields too, all of them.
func (m *Me) validate() error {
	if err := required("org.id", m.Org.ID); err != nil {
		return err
	}
	if m.ID == "" && m.Email == "" && m.Role == "" {
		return nil
	}
	u := User{ID: m.ID, Email: m.Email, Role: m.Role}
	return u.validate()
}

func (g *Group) validate() error { return required("id", g.ID, "name", g.Name) }

// validate checks a connection in the form a list gives it: the basic form
// (id, name, type, description) or the full one, told apart by sharing.
func (d *DataConnection) validate() error {
	if err := required("id", d.ID, "name", d.Name, "type", d.Type); err != nil {
		return err
	}
	if err := oneOf("type", d.Type, connTypes); err != nil {
		return err
	}
	if d.IsBasic() {
		return nil
	}
	if err := required("schemaRefreshAccess", d.SchemaRefreshAccess); err != nil {
		return err
	}
	if err := oneOf("schemaRefreshAccess", d.SchemaRefreshAccess, refreshAccess); err != nil {
		return err
	}
	if err := in("sharing", d.Sharing.validate()); err != nil {
		return err
	}
	if s := d.SchemaRefreshSchedule; s != nil {
		if err := required("schemaRefreshSchedule.cadence", s.Cadence); err != nil {
			return err
		}
		if err := oneOf("schemaRefreshSchedule.cadence", s.Cadence, cadences); err != nil {
			return err
		}
	}
	return in("schemaFilters", d.SchemaFilters.validate())
}

// fullConnection is a connection that must come in the full form (the
// answers of Get, Create and Edit).
type fullConnection DataConnection

func (d *fullConnection) validate() error {
	if d.Sharing == nil {
		return &fieldError{field: "sharing", problem: "is missing (this endpoint answers with the full form of a connection)"}
	}
	return (*DataConnection)(d).validate()
}

func (s *ConnectionSharing) validate() error {
	w := s.Workspace
	if w == nil {
		return &fieldError{field: "workspace", problem: "is missing"}
	}
	if err := required("workspace.members", w.Members, "workspace.guests", w.Guests, "workspace.public", w.Public); err != nil {
		return err
	}
	// A read's public level is any access level, query included, though a
	// request may only set none or view results.
	for _, c := range []struct {
		field, value string
	}{{"workspace.members", w.Members}, {"workspace.guests", w.Guests}, {"workspace.public", w.Public}} {
		if err := oneOf(c.field, c.value, accessLevels); err != nil {
			return err
		}
	}
	for i, g := range s.Groups {
		at := fmt.Sprintf("groups[%d]", i)
		if err := required(at+".group.id", g.Group.ID, at+".access", g.Access); err != nil {
			return err
		}
		if err := oneOf(at+".access", g.Access, accessLevels); err != nil {
			return err
		}
	}
	return nil
}

func (f *SchemaFilters) validate() error {
	if f == nil {
		return nil
	}
	for i, e := range []*SchemaEntityFilter{f.Databases, f.Schemas, f.Tables} {
		if e == nil {
			continue
		}
		for _, m := range []struct {
			name  string
			match *SchemaMatch
		}{{"include", e.Include}, {"exclude", e.Exclude}} {
			if m.match == nil {
				continue
			}
			field := schemaEntities[i] + "." + m.name + ".matchType"
			if err := required(field, m.match.MatchType); err != nil {
				return err
			}
			if err := oneOf(field, m.match.MatchType, matchTypes); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkItems checks a list page's items: none null, each valid.
func checkItems[T any, P interface {
	*T
	validator
}](items []P) error {
	for i, it := range items {
		at := fmt.Sprintf("values[%d]", i)
		if it == nil {
			return &fieldError{field: at, problem: "is null"}
		}
		if err := in(at, it.validate()); err != nil {
			return err
		}
	}
	return nil
}

// quoteBounded quotes a value from a server for an error message: escaped,
// and cut short when long.
func quoteBounded(s string) string {
	const max = 64
	if len(s) > max {
		cut := max
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
		return fmt.Sprintf("%q…(%d more bytes)", s[:cut], len(s)-cut)
	}
	return fmt.Sprintf("%q", s)
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// Package secrets resolves connection credentials referenced from
// workspace.yaml ({env: NAME} or {file: PATH}) at apply time.
//
// Values are returned to the caller and go nowhere else: errors name the
// reference (the variable or the file), never the value.
package secrets

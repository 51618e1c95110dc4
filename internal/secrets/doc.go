// Package secrets resolves connection credentials referenced from
// workspace.yaml ({env: NAME} or {file: PATH}) at apply time.
//
// Values are returned to the caller and go nowhere else: errors name the
// reference (the variable or the file), never the value. Each value resolved
// is added to the Resolver's redact.Set, so every output can hide it.
//
// The resolver enforces the rules validate reports (schema.RefuseSecretEnv,
// schema.RefuseSecretFile) again when it reads a value, so a plan file or a
// caller that skipped validation cannot widen them: no reference reads
// hexform's API token or the CI job's credentials, and a file is read only
// inside the workspace file's directory tree, after following symbolic
// links, never inside .git or .hexform, never the --token-file, and never a
// file that is not a regular file or is over MaxFileSize.
package secrets

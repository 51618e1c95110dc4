// Package golden compares test output with golden files, and rewrites
// them when the tests run with -update (go test ./PKG -update). Importing
// it registers the -update flag in the test binary.
package golden

// Package examples holds complete workspace files (acme: every kind and
// option, with comments; minimal: the smallest useful file) and CI workflow
// files. Its test loads every examples/**/workspace.yaml so they never rot.
package examples

// Package buildinfo says which hexform this is: its version, the commit it
// was built from, when, and with which Go for which platform.
//
// Each value comes from the first source that has it:
//
//   - a variable set by the linker, as make build and release builds do:
//     go build -ldflags "-X github.com/hexform/hexform/internal/buildinfo.version=v1.2.3
//     -X github.com/hexform/hexform/internal/buildinfo.commit=abc1234...
//     -X github.com/hexform/hexform/internal/buildinfo.date=2026-01-02T03:04:05Z"
//   - the build information the go command embeds in every binary: the
//     module version for go install github.com/hexform/hexform/cmd/hexform@v1.2.3,
//     and the VCS revision, commit time and modified flag for a build inside
//     a git checkout;
//   - "(devel)" for the version, nothing for the rest.
package buildinfo

#!/bin/sh
# release-notes.sh VERSION: prints the CHANGELOG.md section of VERSION
# (the lines under "## [VERSION]" up to the next "## "), for the release's
# notes. Fails, printing nothing, when CHANGELOG.md has no such section or
# it is empty: a release is not cut without its notes.
set -eu
version=${1:?usage: release-notes.sh VERSION (e.g. 0.1.0)}
changelog=${CHANGELOG:-"$(dirname "$0")/../CHANGELOG.md"}
notes=$(awk -v v="$version" '
  index($0, "## [" v "]") == 1 { on = 1; next }
  on && /^## / { exit }
  on { print }
' "$changelog" | sed -e '/./,$!d')
if [ -z "$(printf '%s' "$notes" | tr -d '[:space:]')" ]; then
  echo "release-notes.sh: CHANGELOG.md has no notes under \"## [$version]\"" >&2
  exit 1
fi
printf '%s\n' "$notes"

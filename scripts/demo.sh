#!/bin/sh
# The README's first command: plan and apply examples/acme/workspace.yaml against a
# temporary copy of examples/acme/current.json (the embedded file target). No
# credentials, no network.
set -eu
bin=${HEXFORM:-$(pwd)/bin/hexform}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/.hexform"
cp examples/acme/workspace.yaml "$work/workspace.yaml"
cp examples/acme/current.json "$work/.hexform/state.json"
cd "$work"

step() { printf '\n==> %s\n\n' "$*"; }

step "hexform validate"
"$bin" validate

step "hexform plan    (creates, updates, renames, a deactivation and deletes; two are blocked)"
"$bin" plan

step "hexform apply --auto-approve    (applies all but the blocked changes: exit 3)"
set +e
"$bin" apply --auto-approve >apply.log 2>&1
code=$?
set -e
sed -n '/^create user/,$p' apply.log
echo "(exit code $code)"
[ "$code" -eq 3 ] || { cat apply.log; exit 1; }

step "hexform apply --auto-approve --confirm ...    (a reviewer confirms the two by id)"
"$bin" apply --auto-approve --confirm 'delete group/Marketing' --confirm 'deactivate user/eve@gone.example' | sed -n '/^Plan:/,$p'

step "hexform plan    (nothing is left; the confirm: line for the deleted connection is now stale, and hexform says so)"
"$bin" plan --detailed-exitcode

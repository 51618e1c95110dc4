#!/bin/sh
# The README's first command: validate the example workspace with the built binary.
set -e
bin/hexform validate -f examples/acme/workspace.yaml

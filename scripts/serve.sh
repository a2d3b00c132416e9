#!/usr/bin/env bash
# Installs what is missing, then serves the app with live reload at
# http://127.0.0.1:8080/ (Trunk rebuilds on every change, question files
# included; a broken question file shows its file:line:column here).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/setup.sh"
cd "$root"
exec trunk serve --address 127.0.0.1 --port "${PORT:-8080}" "$@"

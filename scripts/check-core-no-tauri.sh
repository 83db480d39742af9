#!/usr/bin/env bash
# The core must build and test without Tauri: fail if tauri appears in its dependency tree.
set -euo pipefail
cd "$(dirname "$0")/.."
if cargo tree -p mostrador-core -e normal,build,dev --prefix none | grep -E '^tauri( |-)'; then
  echo "mostrador-core depends on tauri: the core must stay Tauri-free (DESIGN.md)." >&2
  exit 1
fi
echo "mostrador-core has no tauri dependency."

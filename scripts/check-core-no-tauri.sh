#!/usr/bin/env bash
# Fails when mostrador-core depends on tauri, even indirectly: the core holds everything the
# app knows and must build and test with no webview (DESIGN: "The core never depends on tauri").
set -euo pipefail
cd "$(dirname "$0")/.."
tree=$(cargo tree -p mostrador-core -e normal --prefix none --format '{p}')
if grep -E '^tauri' <<<"$tree"; then
    echo "FAIL: mostrador-core depends on tauri (lines above)" >&2
    exit 1
fi
echo "ok: mostrador-core has no tauri among its $(wc -l <<<"$tree") normal dependencies"

#!/usr/bin/env bash
# Runs Mostrador (the README's "run the app" command).
#
#   bash scripts/app.sh
#
# 1. Installs what a fresh Debian/Ubuntu machine lacks (scripts/install-deps.sh: system
#    packages as root or via sudo, `npm ci` for the UI).
# 2. Unless MOSTRADOR_BACKEND_URL is set (with MOSTRADOR_BACKEND_TOKEN) or MOSTRADOR_NO_DEMO=1,
#    starts the reference backend in demo mode on loopback (a new order every ~10 s, reminders
#    after 20 s and 40 s, the auto-cancel warning at 60 s, auto-cancel at 90 s), keeping its
#    database in ${XDG_DATA_HOME:-~/.local/share}/mostrador-demo/. The app connects to it in
#    demo mode (a "Demo" badge) only while no real backend is configured: once one is
#    connected from Ajustes, the demo backend is ignored.
# 3. Builds the UI and the app with the UI bundled in (no dev server), and runs it.
#    Closing the window hides it to the tray; "Salir" in the tray menu quits. The demo backend
#    is stopped (by PID) when the app exits.
#
# Environment: CARGO_TARGET_DIR (default ./target), MOSTRADOR_DATA_DIR (another profile),
# RUST_LOG. Needs a display (on a headless machine: xvfb-run bash scripts/app.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
BIN="$CARGO_TARGET_DIR/debug"

log() { printf '==> %s\n' "$*" >&2; }

bash scripts/install-deps.sh

PIDS=()
WORK="$(mktemp -d "${TMPDIR:-/tmp}/mostrador-app.XXXXXX")"
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "build the UI"
npm --prefix ui run build

start_demo_backend() {
  local data="${XDG_DATA_HOME:-$HOME/.local/share}/mostrador-demo"
  mkdir -p "$data"
  log "build the reference backend"
  cargo build -p reference-backend
  log "start the demo backend (database in $data)"
  "$BIN/reference-backend" --listen 127.0.0.1:0 --db "$data/backend.db" \
    --token demo-token --demo-rate 6 --seed 300 \
    --reminders-after-s 20,40 --warn-after-s 60 --auto-cancel-after-s 90 \
    >"$WORK/backend.out" 2>"$WORK/backend.err" &
  PIDS+=("$!")
  local url="" i
  for i in $(seq 1 300); do
    url="$(sed -n 's/^listening on \(http[^ ]*\).*/\1/p' "$WORK/backend.out" | head -n1)"
    [ -n "$url" ] && break
    kill -0 "${PIDS[-1]}" 2>/dev/null || { cat "$WORK/backend.err" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$url" ] || { echo "the demo backend did not start" >&2; cat "$WORK/backend.err" >&2; exit 1; }
  log "demo backend at $url"
  export MOSTRADOR_DEMO_URL="$url" MOSTRADOR_DEMO_TOKEN=demo-token
}

if [ -z "${MOSTRADOR_BACKEND_URL:-}" ] && [ "${MOSTRADOR_NO_DEMO:-0}" != 1 ]; then
  start_demo_backend
fi

log "build the app"
# custom-protocol: the UI from ui/dist is embedded; without it the app would load the dev
# server URL (RECIPES pitfall 1). Same as `npx --prefix ui tauri build --debug --no-bundle`.
cargo build -p mostrador --features tauri/custom-protocol

log "run Mostrador"
"$BIN/mostrador" &
PIDS+=("$!")
wait "${PIDS[-1]}"

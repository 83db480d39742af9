#!/usr/bin/env bash
# Smoke test of the Tauri shell (issue 6), headless on Linux: the real app (UI bundled in)
# under Xvfb with its own session D-Bus, a real notification server (dunst), a recorder of
# the notification calls (dbus-monitor), the OS keychain (gnome-keyring, Secret Service) and
# the reference backend. It checks that the window opens, connects to the backend (the token
# goes to the keychain), and that an order created on the backend raises a desktop
# notification "Nuevo pedido #N" on the session bus. A screenshot is left in the artifacts.
#
#   bash tests/e2e/shell_smoke.sh              build what is needed, then run
#   SMOKE_NO_BUILD=1 bash tests/e2e/shell_smoke.sh
#   SMOKE_MEASURE=1 SMOKE_SEED=10000 SMOKE_APP=target/release/mostrador bash tests/e2e/shell_smoke.sh
#       also prints the figures of docs/performance.md: idle memory (RSS and PSS of the app and
#       its WebKit processes) and cold start to the first list, with the orders cached
#
# Environment: CARGO_TARGET_DIR (default ./target), SMOKE_OUT (artifacts; default
# tests/e2e/artifacts/shell-smoke). Every process it starts is ended by PID on exit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export SMOKE_OUT="${SMOKE_OUT:-$ROOT/tests/e2e/artifacts/shell-smoke}"
BIN="$CARGO_TARGET_DIR/debug"
APP="${SMOKE_APP:-$BIN/mostrador}"

log() { printf '[smoke %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fail() { log "FAIL: $*"; exit 1; }

PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# Waits up to $1 tenths of a second for the command after it to succeed.
wait_for() {
  local tries=$1 i
  shift
  for i in $(seq 1 "$tries"); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

inner() {
  # Inside dbus-run-session: a private session bus that ends with this script.
  local work="$SMOKE_OUT/run"
  rm -rf "$work" && mkdir -p "$work/xdg"
  export XDG_DATA_HOME="$work/xdg"   # gnome-keyring's keyrings, isolated from the user's

  log "notification server (dunst) and recorder (dbus-monitor)"
  dunst >"$work/dunst.log" 2>&1 &
  PIDS+=("$!")
  has_owner() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications | grep -q true
  }
  wait_for 300 has_owner || fail "dunst did not take org.freedesktop.Notifications"
  dbus-monitor --session "interface='org.freedesktop.Notifications'" >"$SMOKE_OUT/notify.log" 2>&1 &
  PIDS+=("$!")

  log "keychain (gnome-keyring, Secret Service)"
  printf 'smoke' | gnome-keyring-daemon --foreground --unlock --components=secrets \
    >"$work/keyring.log" 2>&1 &
  PIDS+=("$!")
  ss_owner() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q true
  }
  wait_for 300 ss_owner || fail "gnome-keyring did not take org.freedesktop.secrets"

  log "reference backend"
  "$BIN/reference-backend" --listen 127.0.0.1:0 --db "$work/backend.db" \
    --token smoke-token --admin-token smoke-admin --seed "${SMOKE_SEED:-5}" \
    >"$work/backend.out" 2>"$work/backend.err" &
  PIDS+=("$!")
  backend_url() { sed -n 's/^listening on \(http[^ ]*\).*/\1/p' "$work/backend.out" | head -n1; }
  wait_for 300 grep -q '^listening on ' "$work/backend.out" || fail "backend did not start"
  local url
  url="$(backend_url)"
  log "backend at $url"

  log "the app"
  local started_ns
  started_ns=$(date +%s%N)
  MOSTRADOR_DATA_DIR="$work/data" MOSTRADOR_BACKEND_URL="$url" \
    MOSTRADOR_BACKEND_TOKEN=smoke-token RUST_LOG="${RUST_LOG:-info,zbus=warn,mostrador_lib::commands=debug,mostrador_lib::events=debug}" \
    "$APP" >"$SMOKE_OUT/app.log" 2>&1 &
  local app=$!
  PIDS+=("$app")
  wait_window '^Mostrador$' 60 "$work/window.txt" \
    || fail "no visible Mostrador window within 60 s (see app.log)"
  log "window up after $(( ($(date +%s%N) - started_ns) / 1000000 )) ms"
  wait_for 300 grep -q 'connected from the environment' "$SMOKE_OUT/app.log" \
    || fail "the app did not connect to the backend (see app.log)"
  kill -0 "$app" || fail "the app exited"
  # A first sync folds what it finds into one summary: create the order once it is over.
  wait_for 1200 grep -q 'sync status state=Online synced=true' "$SMOKE_OUT/app.log" \
    || fail "the first sync did not finish within 120 s (see app.log)"
  log "first sync done after $(( ($(date +%s%N) - started_ns) / 1000000 )) ms"

  log "create an order on the backend"
  curl -fsS -X POST "$url/v1/admin/orders" -H 'Authorization: Bearer smoke-admin' \
    -H 'Content-Type: application/json' -H "Idempotency-Key: smoke-$(date +%s%N)" \
    -d '{"customer":{"name":"Prueba Humo"}}' >"$work/created.json" \
    || fail "the admin API refused to create an order"
  local number
  number="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["number"])' "$work/created.json")"
  log "created order #$number; waiting for its notification on D-Bus"
  notified() { grep -q "string \"Nuevo pedido #$number\"" "$SMOKE_OUT/notify.log"; }
  wait_for 300 notified || fail "no Notify call titled 'Nuevo pedido #$number' (see notify.log)"
  grep -q 'member=Notify' "$SMOKE_OUT/notify.log" || fail "the log holds no Notify call"
  log "notification seen on the session bus"

  # The UI asked for the list (each command logs its span when it closes).
  wait_for 300 grep -q 'list_orders.*close' "$SMOKE_OUT/app.log" \
    || fail "the UI never listed the orders (see app.log)"
  # A click on a notification (dunst's default action) brings the window up on its order:
  # the shell reports it, and the UI (listening since its first list) opens that order.
  if command -v dunstctl >/dev/null; then
    dunstctl action 0 || true
    # A notice with buttons (the server has `actions`) is the shell's own D-Bus notification
    # (buttons.rs logs the press); a plain one is the plugin's (the shell logs the tap).
    wait_for 100 grep -Eq 'notification tapped|notification button pressed .*key=default' \
      "$SMOKE_OUT/app.log" || fail "clicking a notification did not reach the app (see app.log)"
    # The press is logged just before what it led to: give that line a moment.
    if wait_for 20 grep -Eq 'notification tapped: opening its order|opened from a notification' \
      "$SMOKE_OUT/app.log"; then
      wait_for 100 grep -Eq '(get_order|acknowledge_order).*close' "$SMOKE_OUT/app.log" \
        || fail "the UI did not open the clicked notification's order (see app.log)"
      log "a notification click opened its order in the UI"
    else
      log "a notification click (a summary) brought the window up"
    fi
  else
    log "dunstctl missing: the notification click is not checked"
  fi
  sleep "${SMOKE_SETTLE:-3}" # repaint before the screenshot; not an assertion
  /usr/bin/import -window root "$SMOKE_OUT/screenshot.png" || log "screenshot failed"
  log "PASS: window, connection, keychain and notification (artifacts in $SMOKE_OUT)"
  if [ "${SMOKE_MEASURE:-0}" = 1 ]; then
    measure "$app" "$work" "$url"
  fi
}

# wait_window NAME SECONDS [OUT]: a visible window, retrying each search on its own.
# shellcheck source=tests/e2e/wait_window.sh
source "$ROOT/tests/e2e/wait_window.sh"
# memory_of PID: RSS and PSS over the app and its WebKit processes.
# shellcheck source=tests/e2e/memory_of.sh
source "$ROOT/tests/e2e/memory_of.sh"

measure() {
  local app=$1 work=$2 url=$3
  log "idle: 20 s after the sync settles"
  sleep 20
  log "idle memory, app + WebKit processes: $(memory_of "$app")"
  log "orders cached: ${SMOKE_SEED:-5} seeded + 1 created"
  kill "$app"; wait "$app" 2>/dev/null || true
  local run start_ns list_at ms
  for run in 1 2 3; do
    start_ns=$(date +%s%N)
    MOSTRADOR_DATA_DIR="$work/data" RUST_LOG="info,zbus=warn,mostrador_lib::commands=debug" \
      "$APP" >"$work/restart-$run.log" 2>&1 &
    app=$!
    PIDS+=("$app")
    wait_for 300 grep -q 'list_orders.*close' "$work/restart-$run.log" \
      || fail "restart $run: the UI never listed the orders"
    list_at="$(grep -m1 'list_orders.*close' "$work/restart-$run.log" | sed 's/\x1b\[[0-9;]*m//g' | cut -d' ' -f1)"
    ms=$(( ($(date -d "$list_at" +%s%N) - start_ns) / 1000000 ))
    log "cold start $run (orders cached): first list returned to the UI after $ms ms"
    kill "$app"; wait "$app" 2>/dev/null || true
  done
}

if [ "${1:-}" = "--inner" ]; then
  inner
  exit 0
fi

mkdir -p "$SMOKE_OUT"
for tool in Xvfb dbus-run-session dunst dbus-monitor gnome-keyring-daemon xdotool curl; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/install-deps.sh"
done
if [ "${SMOKE_NO_BUILD:-0}" != 1 ]; then
  log "build the UI, the app (UI embedded) and the reference backend"
  npm --prefix "$ROOT/ui" run build
  (cd "$ROOT" && cargo build -p mostrador --features tauri/custom-protocol \
    && cargo build -p reference-backend)
fi

log "virtual display"
rm -f "$SMOKE_OUT/display.txt" # written by Xvfb once it is ready: never reuse an old one
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$SMOKE_OUT/display.txt" \
  2>"$SMOKE_OUT/xvfb.log" &
PIDS+=("$!")
wait_for 100 test -s "$SMOKE_OUT/display.txt" || fail "Xvfb did not start"
export DISPLAY=":$(head -n1 "$SMOKE_OUT/display.txt")"
dbus-run-session -- bash "${BASH_SOURCE[0]}" --inner

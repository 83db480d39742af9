#!/usr/bin/env bash
# Runs inside `dbus-run-session` (started by scripts/e2e.sh, with DISPLAY set): a notification
# server, a D-Bus recorder of Notify calls, an unlocked Secret Service for the app's token, then
# pytest. pytest itself starts the reference backend and tauri-driver (it must stop and restart
# the backend in step 5). Every process started here is ended by its PID on exit.
set -euo pipefail

: "${E2E_ROOT:?run scripts/e2e.sh}" "${E2E_WORK:?}" "${E2E_ARTIFACTS:?}" "${E2E_VENV:?}"

PIDS=()
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill "${PIDS[i]}" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

log() { printf '[e2e %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

has_owner() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q 'boolean true'
}

wait_owner() {
  for _ in $(seq 100); do
    has_owner "$1" && return 0
    sleep 0.1
  done
  log "nothing owns $1 on the session bus"
  return 1
}

# A private home for everything the app, WebKit, dunst and the keyring write.
# NO_AT_BRIDGE: no accessibility bus for WebKit/GTK (nothing here reads it; less start-up noise).
export NO_AT_BRIDGE=1
export XDG_DATA_HOME="$E2E_WORK/data" XDG_CONFIG_HOME="$E2E_WORK/config"
export XDG_CACHE_HOME="$E2E_WORK/cache" XDG_RUNTIME_DIR="$E2E_WORK/runtime"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

dunst >"$E2E_ARTIFACTS/dunst.log" 2>&1 &
PIDS+=($!)
wait_owner org.freedesktop.Notifications

# Every Notify call with dbus-monitor's own `time=` stamp (epoch seconds): the suite reads titles,
# bodies and the latency from this log.
export E2E_NOTIFY_LOG="$E2E_ARTIFACTS/notify.log"
dbus-monitor --session --monitor \
  "type='method_call',interface='org.freedesktop.Notifications',member='Notify'" \
  >"$E2E_NOTIFY_LOG" 2>"$E2E_ARTIFACTS/dbus-monitor.err" &
PIDS+=($!)

# The app keeps its API token in the OS keychain: an unlocked login keyring (password "test").
printf 'test' | gnome-keyring-daemon --foreground --unlock --components=secrets \
  >"$E2E_ARTIFACTS/gnome-keyring.log" 2>&1 &
PIDS+=($!)
wait_owner org.freedesktop.secrets

log "session bus ready: dunst, dbus-monitor, gnome-keyring"
cd "$E2E_ROOT"
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the work tree
status=0
"$E2E_VENV/bin/python" -m pytest tests/e2e -v "$@" || status=$?
exit "$status"

#!/usr/bin/env bash
# End-to-end suite (issue 8): the real app, the real reference backend, real notifications.
#
#   scripts/e2e.sh                 set up what is missing, build, run the whole suite
#   scripts/e2e.sh --no-build      run against what is already built
#   scripts/e2e.sh -- -k step3     extra arguments after -- go to pytest
#
# Environment:
#   CARGO_TARGET_DIR      where cargo builds (default: the repo's target/)
#   MOSTRADOR_E2E_CACHE   tauri-driver and the Python venv, outside the repo so CI on the same
#                         machine reuses them (default: ${XDG_CACHE_HOME:-$HOME/.cache}/mostrador)
#   E2E_BREAK=stepN       inverts one expectation of step N, to see the suite fail
#
# Set-up is idempotent: apt packages only when `dpkg -s` says they are missing, tauri-driver
# and the venv only when absent. The exit code is pytest's.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${MOSTRADOR_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mostrador}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
ARTIFACTS="$ROOT/tests/e2e/artifacts"
TAURI_DRIVER="$CACHE/tauri-driver/bin/tauri-driver"
VENV="$CACHE/venv"
E2E_BIN="$CARGO_TARGET_DIR/e2e-bin"

APT_PACKAGES=(
  libwebkit2gtk-4.1-dev libsoup-3.0-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev
  build-essential pkg-config file xvfb xdotool imagemagick dbus dbus-x11 dunst libnotify-bin
  webkit2gtk-driver gnome-keyring python3-venv
  libasound2-dev libasound2-plugins pulseaudio pulseaudio-utils python3-dbus python3-gi
)

log() { printf '[e2e %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_apt() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}"
  fi
}

ensure_tauri_driver() {
  if [ ! -x "$TAURI_DRIVER" ]; then
    log "installing tauri-driver into $CACHE/tauri-driver"
    # Its own target dir, so it does not invalidate the app's warm build.
    CARGO_TARGET_DIR="$CACHE/tauri-driver-build" \
      cargo install tauri-driver --locked --version '^2' --root "$CACHE/tauri-driver"
    rm -rf "$CACHE/tauri-driver-build"
  fi
}

ensure_venv() {
  if [ ! -x "$VENV/bin/pytest" ] || ! "$VENV/bin/python" -c 'import selenium' 2>/dev/null; then
    log "creating the Python venv in $VENV"
    # Debian's python3 (python3-venv above) when present, so a fresh machine needs nothing else.
    "$(command -v /usr/bin/python3 || command -v python3)" -m venv "$VENV"
    # selenium 4.52 does not install from this machine's registry (RECIPES pitfall 5).
    "$VENV/bin/pip" install -q 'selenium<4.52' 'pytest>=8,<10'
  fi
}

build_all() {
  if [ ! -d "$ROOT/ui/node_modules" ]; then
    log "npm ci"
    npm --prefix "$ROOT/ui" ci --no-audit --no-fund
  fi
  log "building the UI"
  npm --prefix "$ROOT/ui" run build
  log "building the reference backend and the app (target: $CARGO_TARGET_DIR)"
  # custom-protocol: the app serves ui/dist itself instead of loading the dev server URL.
  (cd "$ROOT" && cargo build -p reference-backend -p mostrador --features tauri/custom-protocol)
  # The crash test (step 12) queues actions on the app's data directory with the CLI.
  (cd "$ROOT" && cargo build -p mostrador-cli)
  # Step 17 runs the app against the WooCommerce test store.
  (cd "$ROOT" && cargo build -p woocommerce-fake)
  # Keep this build's binaries aside at once: a later plain `cargo build -p mostrador` (which
  # loads the dev server URL instead of the UI) in the same target dir overwrites debug/mostrador.
  mkdir -p "$E2E_BIN"
  cp -f "$CARGO_TARGET_DIR/debug/mostrador" "$CARGO_TARGET_DIR/debug/reference-backend" \
    "$CARGO_TARGET_DIR/debug/mostrador-cli" "$CARGO_TARGET_DIR/debug/woocommerce-fake" \
    "$E2E_BIN/"
}

# Starts Xvfb on a display it picks itself, then the rest inside a private session bus.
run_suite() {
  local work display_file xvfb_pid status
  work="$(mktemp -d "${TMPDIR:-/tmp}/mostrador-e2e.XXXXXX")"
  display_file="$work/display"
  # Only this suite's own files: tests/e2e/artifacts/shell-smoke belongs to the shell's smoke test.
  mkdir -p "$ARTIFACTS"
  find "$ARTIFACTS" -maxdepth 1 -type f -delete
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$display_file" \
    >"$ARTIFACTS/xvfb.log" 2>&1 &
  xvfb_pid=$!
  # shellcheck disable=SC2064  # expand now: the trap must end this Xvfb, by its PID
  trap "kill $xvfb_pid 2>/dev/null || true; wait $xvfb_pid 2>/dev/null || true; rm -rf '$work'" EXIT
  for _ in $(seq 100); do
    grep -q '^[0-9]' "$display_file" 2>/dev/null && break
    sleep 0.1
  done
  grep -q '^[0-9]' "$display_file" || { log "Xvfb did not start"; return 1; }
  DISPLAY=":$(head -n1 "$display_file")"
  export DISPLAY
  log "Xvfb on $DISPLAY"
  export E2E_ROOT="$ROOT" E2E_WORK="$work" E2E_ARTIFACTS="$ARTIFACTS" E2E_VENV="$VENV"
  export E2E_TAURI_DRIVER="$TAURI_DRIVER"
  export E2E_APP="${E2E_APP:-$E2E_BIN/mostrador}"
  export E2E_BACKEND="${E2E_BACKEND:-$E2E_BIN/reference-backend}"
  export E2E_CLI="${E2E_CLI:-$E2E_BIN/mostrador-cli}"
  export E2E_WOO_FAKE="${E2E_WOO_FAKE:-$E2E_BIN/woocommerce-fake}"
  status=0
  dbus-run-session -- bash "$ROOT/tests/e2e/session.sh" "$@" || status=$?
  return "$status"
}

main() {
  local build=1 args=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --no-build) build=0 ;;
      --) shift; args=("$@"); break ;;
      *) args+=("$1") ;;
    esac
    shift
  done
  local start=$SECONDS
  ensure_apt
  ensure_tauri_driver
  ensure_venv
  if [ "$build" = 1 ]; then build_all; fi
  log "set-up and build took $((SECONDS - start)) s"
  local status=0
  run_suite "${args[@]}" || status=$?
  log "finished in $((SECONDS - start)) s with exit code $status"
  return "$status"
}

main "$@"

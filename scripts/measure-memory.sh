#!/usr/bin/env bash
# Idle memory of Mostrador beside a bare Tauri 2 app, measured the same way in the same run
# (issue 18, docs/performance.md "Idle memory beside a bare Tauri app").
#
#   bash scripts/measure-memory.sh               dev profile (both apps), 10,000 orders, 2 rounds
#   PROFILE=release ROUNDS=3 SEED=10000 bash scripts/measure-memory.sh
#
# The bare app is the minimal Tauri 2 window: the same tauri version as Cargo.lock, the same
# WebKitGTK, the same 1280×800 window, one static page; written and built here under
# target/bare-tauri/ (its own workspace, sharing target/), never shipped. Mostrador runs
# through tests/e2e/shell_smoke.sh (Xvfb, its own session bus, dunst, keychain, the reference
# backend seeded with SEED orders): connect, first sync, 20 s idle. The bare app runs under
# its own Xvfb and session bus: window shown, 20 s idle. Both: RSS and PSS summed over the
# app and its WebKit web and network processes (/proc/PID/smaps_rollup). Rounds alternate,
# so both see the same machine. Every process it starts is ended by PID on exit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
PROFILE="${PROFILE:-dev}"
ROUNDS="${ROUNDS:-2}"
SEED="${SEED:-10000}"
OUT="${MEASURE_OUT:-$ROOT/tests/e2e/artifacts/memory}"
BARE="$CARGO_TARGET_DIR/bare-tauri"
dir=$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")
flag=$([ "$PROFILE" = dev ] && echo "" || echo "--profile $PROFILE")
mkdir -p "$OUT"

log() { printf '[memory %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

version_of() { # the locked version of crate $1
  awk -v n="$1" '$0 == "name = \"" n "\"" { getline; gsub(/version = |"/, ""); print; exit }' \
    "$ROOT/Cargo.lock"
}

write_bare() {
  mkdir -p "$BARE/src" "$BARE/dist" "$BARE/icons"
  cp "$ROOT/Cargo.lock" "$BARE/Cargo.lock"
  cp "$ROOT"/icons/32x32.png "$ROOT"/icons/128x128.png "$ROOT"/icons/icon.png "$BARE/icons/" 2>/dev/null \
    || cp "$ROOT"/icons/*.png "$BARE/icons/"
  cat >"$BARE/Cargo.toml" <<EOF
# Written by scripts/measure-memory.sh: the bare Tauri app Mostrador's memory is measured
# beside. Not part of Mostrador's workspace.
[package]
name = "bare-tauri"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
tauri = { version = "=$(version_of tauri)", features = ["custom-protocol"] }

[build-dependencies]
tauri-build = { version = "=$(version_of tauri-build)", features = [] }

[workspace]

$(sed -n '/^\[profile/,$p' "$ROOT/Cargo.toml")
EOF
  cat >"$BARE/build.rs" <<'EOF'
fn main() {
    tauri_build::build()
}
EOF
  cat >"$BARE/src/main.rs" <<'EOF'
fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| eprintln!("bare-tauri: {e}"));
}
EOF
  cat >"$BARE/dist/index.html" <<'EOF'
<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>bare</title></head>
<body><h1>Tauri</h1></body></html>
EOF
  cat >"$BARE/tauri.conf.json" <<'EOF'
{
  "productName": "bare-tauri",
  "version": "0.1.0",
  "identifier": "dev.mostrador.bare-tauri",
  "build": { "frontendDist": "dist" },
  "app": { "windows": [{ "title": "bare-tauri", "width": 1280, "height": 800 }] },
  "bundle": { "active": false, "icon": ["icons/32x32.png", "icons/128x128.png"] }
}
EOF
}

# shellcheck source=tests/e2e/memory_of.sh
source "$ROOT/tests/e2e/memory_of.sh"
# shellcheck source=tests/e2e/wait_window.sh
source "$ROOT/tests/e2e/wait_window.sh"

# run_bare ROUND [soft]: the bare app as Tauri makes it, or with Mostrador's WebKit setting
# (accelerated compositing off, src-tauri/src/memory.rs) to see what Mostrador adds at equal
# settings.
run_bare() {
  local round=$1 mode=${2:-} display=":$((120 + round))" xvfb app
  local -a env=()
  [ "$mode" = soft ] && env=(WEBKIT_DISABLE_COMPOSITING_MODE=1)
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$OUT/bare-xvfb.log" 2>&1 &
  xvfb=$!
  PIDS+=("$xvfb")
  sleep 1
  env "${env[@]}" DISPLAY="$display" dbus-run-session -- "$BARE_BIN" >"$OUT/bare-$round$mode.log" 2>&1 &
  app=$!
  PIDS+=("$app")
  DISPLAY="$display" wait_window bare-tauri 60 || { echo "the bare app showed no window" >&2; exit 1; }
  sleep 20
  # dbus-run-session is the parent: the app and its WebKit processes are its descendants
  # (the session bus daemon too, which is a few MiB and Mostrador's run has one as well).
  local mem
  mem=$(memory_of "$(pgrep -P "$app" -f "$BARE_BIN" | head -1)")
  DISPLAY="$display" import -window root "$OUT/bare-$round$mode.png" 2>/dev/null || true
  kill "$app" "$xvfb" 2>/dev/null || true
  wait "$app" "$xvfb" 2>/dev/null || true
  echo "$mem"
}

run_mostrador() {
  local round=$1
  SMOKE_NO_BUILD=1 SMOKE_MEASURE=1 SMOKE_SEED="$SEED" SMOKE_APP="$CARGO_TARGET_DIR/$dir/mostrador" \
    SMOKE_OUT="$OUT/mostrador-$round" bash "$ROOT/tests/e2e/shell_smoke.sh" >"$OUT/mostrador-$round.log" 2>&1 \
    || { tail -n 20 "$OUT/mostrador-$round.log" >&2; exit 1; }
  sed -n 's/.*idle memory, app + WebKit processes: //p' "$OUT/mostrador-$round.log"
}

log "building Mostrador ($PROFILE) and the reference backend"
npm --prefix "$ROOT/ui" run build >/dev/null
# shellcheck disable=SC2086
(cd "$ROOT" && cargo build -q $flag -p mostrador --features tauri/custom-protocol && cargo build -q -p reference-backend)
log "writing and building the bare Tauri app ($PROFILE, tauri $(version_of tauri))"
write_bare
# shellcheck disable=SC2086
(cd "$BARE" && cargo build -q $flag)
BARE_BIN="$CARGO_TARGET_DIR/$dir/bare-tauri"

pss() { sed -E 's/.*PSS ([0-9]+) MiB.*/\1/'; }
results=()
for round in $(seq 1 "$ROUNDS"); do
  m=$(run_mostrador "$round")
  log "round $round: Mostrador ($SEED orders, synced, idle 20 s): $m"
  b=$(run_bare "$round")
  log "round $round: bare Tauri app (window, idle 20 s): $b"
  s=$(run_bare "$round" soft)
  log "round $round: bare Tauri app, compositing off like Mostrador (window, idle 20 s): $s"
  results+=("$(echo "$m" | pss) $(echo "$b" | pss) $(echo "$s" | pss)")
done
for r in "${results[@]}"; do
  read -r m b s <<<"$r"
  awk -v m="$m" -v b="$b" -v s="$s" 'BEGIN {
    printf "PSS Mostrador %d MiB / bare Tauri %d MiB = %.2fx (target <= 1.10x); at equal WebKit settings %d MiB: %.2fx\n", m, b, m / b, s, m / s }'
done

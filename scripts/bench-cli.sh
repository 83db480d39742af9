#!/usr/bin/env bash
# The CLI as whole processes (issue 18, docs/performance.md "The CLI as whole processes"): a
# no-op `sync` and a `list --search` against a cache of SEED orders, timed by hyperfine as
# repeated runs (median and spread). The reference backend is started here on 127.0.0.1 and
# ended by its PID.
#
#   bash scripts/bench-cli.sh                 100,000 orders, release build
#   SEED=10000 RUNS=30 bash scripts/bench-cli.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
SEED="${SEED:-100000}"
RUNS="${RUNS:-20}"
WORK="$(mktemp -d)"
TOKEN="bench-cli-token"
log() { printf '[bench-cli %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 1; }

BACKEND_PID=""
cleanup() {
  [ -n "$BACKEND_PID" ] && kill "$BACKEND_PID" 2>/dev/null && wait "$BACKEND_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

log "building the CLI and the reference backend (release)"
(cd "$ROOT" && cargo build -q --release -p mostrador-cli -p reference-backend)
CLI="$CARGO_TARGET_DIR/release/mostrador-cli"

"$CARGO_TARGET_DIR/release/reference-backend" --listen 127.0.0.1:0 --db "$WORK/backend.db" \
  --token "$TOKEN" --seed "$SEED" >"$WORK/backend.out" 2>"$WORK/backend.err" &
BACKEND_PID=$!
for _ in $(seq 1 600); do
  grep -q '^listening on ' "$WORK/backend.out" 2>/dev/null && break
  sleep 0.1
done
URL="$(sed -n 's/^listening on //p' "$WORK/backend.out" | head -1)"
[ -n "$URL" ] || { cat "$WORK/backend.err" >&2; echo "the reference backend did not start" >&2; exit 1; }
log "reference backend at $URL with $SEED orders"

export MOSTRADOR_DATA_DIR="$WORK/cli" MOSTRADOR_TOKEN="$TOKEN"
"$CLI" connect "$URL" >/dev/null
started=$(date +%s%N)
"$CLI" sync >"$WORK/first-sync.txt"
log "first sync: $(( ($(date +%s%N) - started) / 1000000 )) ms; $(tail -n 1 "$WORK/first-sync.txt")"

hyperfine --warmup 3 --runs "$RUNS" --style basic --export-markdown "$WORK/cli.md" \
  -n "sync (nothing new)" "$CLI sync" \
  -n "list --search pérez" "$CLI list --search pérez" \
  -n "list (first page)" "$CLI list"
cat "$WORK/cli.md"

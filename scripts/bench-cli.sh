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
  --export-json "$WORK/cli.json" \
  -n "sync (nothing new)" "$CLI sync" \
  -n "list --search pérez" "$CLI list --search pérez" \
  -n "list (first page)" "$CLI list"
cat "$WORK/cli.md"
# The day's first command: the cache's full check is due again (its record removed first).
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 1; }
hyperfine --warmup 1 --runs "$((RUNS / 2))" --style basic --export-json "$WORK/cli-day.json" \
  --prepare "sqlite3 '$WORK/cli/mostrador.db' \"DELETE FROM kv WHERE key = 'cache.checked_at'\"" \
  -n "list, the day's first (full check of the cache)" "$CLI list"
# Median and spread of each command, from hyperfine's own measurements.
python3 - "$WORK/cli.json" "$WORK/cli-day.json" <<'PY'
import json, sys
for r in [r for f in sys.argv[1:] for r in json.load(open(f))["results"]]:
    t = sorted(x * 1000 for x in r["times"])
    q = lambda f: t[min(len(t) - 1, int(f * len(t)))]
    print(f"{r['command']}: median {r['median'] * 1000:.1f} ms, p10–p90 {q(0.1):.1f}–{q(0.9):.1f} ms, "
          f"min–max {t[0]:.1f}–{t[-1]:.1f} ms, user {r['user'] * 1000:.1f} ms, system {r['system'] * 1000:.1f} ms")
PY

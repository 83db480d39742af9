#!/usr/bin/env bash
# The drift check of ui/src/bindings: every generated file (ts-rs's types, the core's
# transitions.ts and defaults.ts, the shell's commands.ts) is deleted and written afresh from
# the Rust code, and must equal what is committed. A changed file, a new one not committed, or
# a stale one that no Rust code writes any more (it shows as deleted) fails the check.
#   --no-shell  leaves the shell's commands.ts alone (no Tauri build: scripts/check.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bindings=ui/src/bindings
shell=1
[ "${1:-}" = --no-shell ] && shell=0

trap 'echo "bindings check failed; to restore the committed files: git checkout -- $bindings" >&2' ERR
if [ "$shell" = 1 ]; then
  find "$bindings" -name '*.ts' -delete
else
  find "$bindings" -name '*.ts' ! -name commands.ts -delete
fi
# ts-rs writes each type from its own export_bindings_* test in the core's unit tests; the
# core's and the shell's generated constants come from their `generated` test modules.
cargo test -q -p mostrador-core --lib export_bindings
cargo test -q -p mostrador-core --test core generated::
if [ "$shell" = 1 ]; then
  cargo test -q -p mostrador --test shell generated::
fi
trap - ERR

if [ -n "$(git status --porcelain -- "$bindings")" ]; then
  git status --porcelain -- "$bindings"
  echo "ui/src/bindings drifted from the Rust code (changed, new or stale files above):" \
    "run 'bash scripts/check-bindings.sh' and commit the result." >&2
  exit 1
fi
echo "ui/src/bindings matches the Rust code"

#!/usr/bin/env bash
# The fast everyday check (minutes, not the full e2e): format, lints, unit and integration
# tests of the core, CLI and backends, the generated UI files, and the UI's linter, type check
# and unit tests. It assumes the machine is set up (scripts/test.sh installs what is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt"
cargo fmt --all -- --check
step "the core never depends on tauri"
bash scripts/check-core-no-tauri.sh
step "cargo clippy (core, cli, backends)"
cargo clippy --all-targets -- -D warnings
step "cargo clippy (the core as the app builds it: without its test doubles)"
cargo clippy -p mostrador-core --lib -- -D warnings
step "cargo test (core, cli, backends)"
cargo test
step "cargo deny (licences, advisories offline, bans, sources)"
bash scripts/deny.sh
step "docs build, warnings denied (core, cli, backends)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps
step "generated UI files match the core (ts-rs types, transitions, defaults; stale files too)"
bash scripts/check-bindings.sh --no-shell
if [ -d ui/node_modules ]; then
  step "UI: lint and format, type check and unit tests"
  npm --prefix ui run lint
  npm --prefix ui run check
  npm --prefix ui test
elif [ -n "${CI_STRICT:-}" ]; then
  echo "ui/node_modules is missing" >&2
  exit 1
else
  echo "UI CHECK SKIPPED: ui/node_modules is missing (run 'npm --prefix ui ci' once)" >&2
fi
step "check passed"

#!/usr/bin/env bash
# Runs every test of Mostrador, from a fresh machine: installs what is missing, then
# format, lints, the core/CLI/backend tests, the shell's tests, the UI's type check, unit and
# browser tests, the end-to-end suite of the real app, and the installable package.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

step() { printf '\n==> %s\n' "$*"; }

step "install what is missing"
bash scripts/install-deps.sh

step "cargo fmt"
cargo fmt --all -- --check

step "the core never depends on tauri"
bash scripts/check-core-no-tauri.sh

step "cargo test (core, cli, reference backend)"
cargo test --workspace --exclude mostrador

step "Shopify: our GraphQL documents and the test server's answers against Shopify's Admin schema"
bash scripts/shopify-schema.sh

step "TypeScript bindings match the Rust types"
if [ -n "$(git status --porcelain -- ui/src/bindings)" ]; then
  git status --porcelain -- ui/src/bindings
  echo "ui/src/bindings drifted from the Rust types: run 'cargo test -p mostrador-core' and commit them." >&2
  exit 1
fi

step "UI: type check, unit tests, build"
npm --prefix ui run check
npm --prefix ui test
npm --prefix ui run build

step "cargo clippy (whole workspace, shell included)"
cargo clippy --workspace --all-targets -- -D warnings
step "cargo clippy (the core as the app builds it: without its test doubles)"
cargo clippy -p mostrador-core --lib -- -D warnings

step "cargo deny: licences, advisories (offline snapshot), bans, sources"
bash scripts/deny.sh

step "docs build, warnings denied"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --workspace

step "cargo test (Tauri shell, mock runtime)"
cargo test -p mostrador

step "UI in Chromium (Playwright, mocked IPC)"
npm --prefix ui run test:e2e

step "end to end: the real app, the reference backend, D-Bus notifications"
bash scripts/e2e.sh

step "shell smoke test: the built app under Xvfb raises a D-Bus notification for a new order"
target="${CARGO_TARGET_DIR:-$PWD/target}"
SMOKE_NO_BUILD=1 SMOKE_APP="$target/e2e-bin/mostrador" bash tests/e2e/shell_smoke.sh

step "package: the .deb installs, runs, offers and takes a signed update, refuses tampered ones, and uninstalls"
bash scripts/package-test.sh

step "all tests passed"

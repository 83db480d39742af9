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

step "generated UI files match the Rust code (ts-rs types, transitions, defaults, command names; stale files too)"
bash scripts/check-bindings.sh

step "UI: lint and format, type check, unit tests, build, no mock in the production bundle"
npm --prefix ui run lint
npm --prefix ui run check
npm --prefix ui test
npm --prefix ui run build
npm --prefix ui run check:bundle

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

step "UI in Chromium (Playwright, on the mock build: dist-mock/)"
npm --prefix ui run test:e2e

step "end to end: the real app, the reference backend, D-Bus notifications"
bash scripts/e2e.sh

step "shell smoke test: the built app under Xvfb raises a D-Bus notification for a new order"
target="${CARGO_TARGET_DIR:-$PWD/target}"
SMOKE_NO_BUILD=1 SMOKE_APP="$target/e2e-bin/mostrador" bash tests/e2e/shell_smoke.sh

step "package: the .deb installs, runs, offers and takes a signed update, refuses tampered ones, and uninstalls"
bash scripts/package-test.sh

step "all tests passed"

#!/usr/bin/env bash
# Runs every test of Mostrador, from a fresh machine: installs what is missing, then
# format, lints, the core/CLI/backend tests, the shell's tests, the UI's type check, unit and
# browser tests, the end-to-end suite of the real app, and the installable package.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

# A cold run builds everything once: incremental caches would only cost disk (GBs).
export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}

step() { printf '\n==> %s\n' "$*"; }
target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
disk() {
  local free_kb
  free_kb=$(df -Pk . | awk 'NR==2 {print $4}')
  printf 'disk: %s GB free here; target/ %s\n' "$((free_kb / 1024 / 1024))" \
    "$(du -sh "$target_dir" 2>/dev/null | cut -f1 || echo 0)"
}
# When a step fails, say how much disk was left: "No space left on device" is one cause.
trap 'status=$?; [ $status -ne 0 ] && { echo "test.sh failed (exit $status)" >&2; disk >&2; }' EXIT

# The whole run needs about NEED_GB of free disk on a cold machine (measured: docs/performance.md).
NEED_GB=11
step "disk"
disk
free_gb=$(( $(df -Pk . | awk 'NR==2 {print $4}') / 1024 / 1024 ))
if [ "$free_gb" -lt "$NEED_GB" ]; then
  echo "WARNING: only ${free_gb} GB free; a cold run needs about ${NEED_GB} GB (it may fail with 'No space left on device')" >&2
fi

step "install what is missing"
bash scripts/install-deps.sh

step "the everyday check (scripts/check.sh): fmt, clippy, core/CLI/backend tests, cargo deny, docs, generated files, UI lint/type check/unit tests"
CI_STRICT=1 bash scripts/check.sh

step "Shopify: our GraphQL documents and the test server's answers against Shopify's Admin schema"
bash scripts/shopify-schema.sh

step "generated UI files match the Rust code, the shell's command names included"
bash scripts/check-bindings.sh

step "UI: the production build, with no mock in the bundle"
npm --prefix ui run build
npm --prefix ui run check:bundle

step "cargo clippy (whole workspace, shell included)"
cargo clippy --workspace --all-targets -- -D warnings
step "the shell for Windows: cargo clippy --target x86_64-pc-windows-gnu (type-checked, not linked)"
bash scripts/check-windows.sh
step "docs build of the shell, warnings denied"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p mostrador

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

disk
step "all tests passed"

#!/usr/bin/env bash
# The shell's Windows code, checked on Linux (issue 16): `cargo clippy` of the Tauri shell for
# x86_64-pc-windows-gnu, warnings denied. It type-checks every `cfg(windows)` path (toast
# buttons through the notification plugin, the alarm on WASAPI, autostart, the keychain) but
# links and runs nothing: no Windows machine here. Needs rustup's Windows std and Debian's
# gcc-mingw-w64-x86-64 (scripts/install-deps.sh adds both); without them it says it skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=x86_64-pc-windows-gnu
if ! rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
  echo "SKIPPED: the Windows check of the shell: rustup has no $TARGET std (rustup target add $TARGET)" >&2
  exit 0
fi
if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
  echo "SKIPPED: the Windows check of the shell: no x86_64-w64-mingw32-gcc (apt-get install gcc-mingw-w64-x86-64)" >&2
  exit 0
fi
cargo clippy -p mostrador --target "$TARGET" -- -D warnings
echo "the shell type-checks for Windows ($TARGET), clippy clean (not linked, not run)"

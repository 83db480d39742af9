#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build and test Mostrador:
# system packages (only those missing, as root or via sudo) and the UI's npm packages.
# Safe to run again: a warm machine pays nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  # Tauri 2 on Linux (webkit2gtk 4.1, tray, icons)
  libwebkit2gtk-4.1-dev libsoup-3.0-dev libayatana-appindicator3-dev librsvg2-dev
  libssl-dev build-essential pkg-config file
  # headless app tests: virtual display, session bus, a notification server, screenshots
  xvfb xdotool imagemagick dbus dbus-x11 dunst libnotify-bin
  # WebDriver for the real app, the OS keychain (Secret Service), Chromium for UI tests
  webkit2gtk-driver gnome-keyring chromium
  # the counter PC's alarm (rodio → ALSA → PulseAudio) and hearing it in a test (null sink)
  libasound2-dev libasound2-plugins pulseaudio pulseaudio-utils python3-dbus python3-gi
  # the shell's Windows code checked here (scripts/check-windows.sh): C for rusqlite, aws-lc
  gcc-mingw-w64-x86-64
)

missing=()
if command -v dpkg >/dev/null 2>&1; then
  for p in "${PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "Faltan paquetes del sistema (missing system packages): ${missing[*]}" >&2
    echo "Instálalos como root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "==> apt-get install ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
  # The downloaded .debs are not needed once installed; the disk is (see scripts/test.sh).
  $SUDO apt-get clean
fi

# Rust's standard library for Windows, for scripts/check-windows.sh (a download from rustup;
# without it that step says it skipped).
if command -v rustup >/dev/null 2>&1 && ! rustup target list --installed | grep -qx x86_64-pc-windows-gnu; then
  echo "==> rustup target add x86_64-pc-windows-gnu"
  rustup target add x86_64-pc-windows-gnu || echo "WARNING: could not add the Windows target; scripts/check-windows.sh will skip" >&2
fi

if [ -f ui/package-lock.json ]; then
  stamp=ui/node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || [ ui/package-lock.json -nt "$stamp" ]; then
    echo "==> npm ci (ui)"
    npm --prefix ui ci --no-audit --no-fund
  fi
fi

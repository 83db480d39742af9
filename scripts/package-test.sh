#!/usr/bin/env bash
# Package test (issue 20): the .deb a shop owner installs, built by Tauri's bundler, on this
# machine for real: install with apt (its dependencies come along), run the INSTALLED
# /usr/bin/mostrador under Xvfb with a session bus, dunst and the reference backend (window,
# connection, a notification), see "Hay una versión nueva" from a local update feed, refuse
# a tampered package and one signed by another key (the installed version keeps working),
# remove it (nothing left but the owner's data), reinstall (the data is still used), update
# to the newer signed version, and purge.
#
#   bash scripts/package-test.sh
#
# Two debug-profile .deb bundles are built (the version in Cargo.toml and the next patch),
# signed with a throwaway key pair made here; the private key lives in a temp dir and is
# deleted at exit. The release key is never in the repository (docs/install.md).
# Needs root or sudo (apt, dpkg). Refuses to run over a Mostrador the machine already has
# installed, unless PACKAGE_TEST_REPLACE=1.
#
# Environment: CARGO_TARGET_DIR (default ./target), PACKAGE_OUT (logs; default
# tests/e2e/artifacts/package). Every process it starts is ended by PID.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=tests/e2e/wait_window.sh
source "$ROOT/tests/e2e/wait_window.sh"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="${PACKAGE_OUT:-$ROOT/tests/e2e/artifacts/package}"
PKG=mostrador

log() { printf '[package %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fail() { log "FAIL: $*"; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
installed_version() { dpkg-query -W -f='${Status} ${Version}\n' "$PKG" 2>/dev/null | sed -n 's/^install ok installed //p'; }

PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}

# Waits up to $1 tenths of a second for the command after it to succeed.
wait_for() {
  local tries=$1 i
  shift
  for i in $(seq 1 "$tries"); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

# `mostrador --update` against feed $1 (empty: the feed saved in the settings); sets RC.
update_once() {
  local feed=$1 name=$2
  RC=0
  MOSTRADOR_UPDATE_FEED="$feed" RUST_LOG=info,zbus=warn timeout 180 /usr/bin/mostrador --update \
    >"$OUT/update-$name.out" 2>"$OUT/update-$name.log" || RC=$?
  log "mostrador --update ($name): exit $RC: $(tr '\n' ' ' <"$OUT/update-$name.out")"
}

inner() {
  # Inside dbus-run-session, on the Xvfb display; WORK, OLD, NEW come from the outer part.
  trap cleanup EXIT
  export HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/.local/share" # the owner's home
  mkdir -p "$XDG_DATA_HOME"
  local data="$XDG_DATA_HOME/mx.mostrador.desk"

  dunst >"$OUT/dunst.log" 2>&1 &
  PIDS+=("$!")
  has_owner() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications | grep -q true
  }
  wait_for 300 has_owner || fail "dunst did not take org.freedesktop.Notifications"
  dbus-monitor --session "interface='org.freedesktop.Notifications'" >"$OUT/notify.log" 2>&1 &
  PIDS+=("$!")

  log "update feed on 127.0.0.1 (python http.server)"
  python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$WORK/feed" \
    >"$OUT/feed-server.out" 2>"$OUT/feed-server.log" &
  PIDS+=("$!")
  wait_for 100 grep -q 'port [0-9]' "$OUT/feed-server.out" || fail "the feed server did not start"
  local port base
  port="$(sed -n 's/.* port \([0-9]*\).*/\1/p' "$OUT/feed-server.out" | head -n1)"
  base="http://127.0.0.1:$port"
  python3 - "$WORK" "$base" "$NEW" <<'PY'
import json, sys, datetime
work, base, new = sys.argv[1:]
deb = f"Mostrador_{new}_amd64.deb"
def feed(name, url_file, sig_file):
    sig = open(f"{work}/feed/{sig_file}").read().strip()
    doc = {"version": new, "notes": "Prueba de actualización / update test",
           "pub_date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
           "platforms": {"linux-x86_64-deb": {"signature": sig, "url": f"{base}/{url_file}"}}}
    json.dump(doc, open(f"{work}/feed/{name}.json", "w"), indent=2)
feed("latest", deb, deb + ".sig")
feed("tampered", "tampered-" + deb, deb + ".sig")
feed("imposter", deb, "imposter-" + deb + ".sig")
PY

  log "the installed app finds the newer version and tells the owner"
  MOSTRADOR_UPDATE_FEED="$base/latest.json" RUST_LOG=info,zbus=warn /usr/bin/mostrador \
    >"$OUT/app-offer.log" 2>&1 &
  local app=$!
  PIDS+=("$app")
  wait_window '^Mostrador$' 60 \
    || fail "no visible window of the installed app (see app-offer.log)"
  offered() { grep -q 'string "Hay una versión nueva"' "$OUT/notify.log"; }
  wait_for 600 offered || fail "no 'Hay una versión nueva' notification (see notify.log, app-offer.log)"
  grep -q "string \"Hay una versión nueva de Mostrador ($NEW; tienes la $OLD)" "$OUT/notify.log" \
    || fail "the notification does not name both versions (see notify.log)"
  log "seen on D-Bus: 'Hay una versión nueva' ($OLD → $NEW); nothing installed without asking"
  [ "$(installed_version)" = "$OLD" ] || fail "the check alone changed the installed version"
  kill "$app"; wait "$app" 2>/dev/null || true
  [ -f "$data/mostrador.db" ] || fail "the owner's data is not in $data"
  # The owner saves the feed in the settings (as Ajustes or the platform would): settings live
  # in the state file beside the cache (docs/reliability.md "Damaged files").
  [ -f "$data/mostrador.state.db" ] || fail "the owner's settings file is not in $data"
  python3 - "$data/mostrador.state.db" "$base/latest.json" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO kv(key, value) VALUES ('update_feed_url', ?) "
           "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (sys.argv[2],))
db.commit()
PY

  local before
  before="$(sha256sum /usr/bin/mostrador)"
  update_once "$base/tampered.json" tampered
  [ "$RC" = 5 ] || {
    tail -n 30 "$OUT/update-tampered.log" >&2
    fail "a tampered package must be refused with exit 5, got $RC"
  }
  grep -q "GET /tampered-Mostrador_${NEW}_amd64.deb" "$OUT/feed-server.log" \
    || fail "the tampered package was never downloaded: the refusal proves nothing"
  update_once "$base/imposter.json" imposter
  [ "$RC" = 5 ] || fail "a package signed by another key must be refused with exit 5, got $RC"
  [ "$(installed_version)" = "$OLD" ] || fail "a refused update changed the installed version"
  [ "$before" = "$(sha256sum /usr/bin/mostrador)" ] || fail "a refused update touched the binary"
  grep -q "no se instaló. Sigues con la versión $OLD" "$OUT/update-imposter.out" \
    || fail "the owner is not told the update was refused and $OLD kept"
  log "tampered and foreign-key packages refused; $OLD still installed and unchanged"

  log "remove: no file of the package left, the owner's data kept"
  dpkg -L "$PKG" | sort >"$OUT/files-before.txt"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$PKG" >"$OUT/apt-remove.log" 2>&1 \
    || fail "apt-get remove failed (see apt-remove.log)"
  [ -z "$(installed_version)" ] || fail "still installed after remove"
  local left=0 f
  while read -r f; do
    if [ -f "$f" ] || [ -L "$f" ]; then log "left behind: $f"; left=1; fi
  done <"$OUT/files-before.txt"
  [ "$left" = 0 ] || fail "files of the package remain after remove"
  [ -f "$data/mostrador.db" ] || fail "removing the package deleted the owner's data"

  log "reinstall $OLD: the owner's data is still there and used"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$WORK/old/Mostrador_${OLD}_amd64.deb" \
    >"$OUT/apt-reinstall.log" 2>&1 || fail "reinstall failed (see apt-reinstall.log)"
  [ "$(installed_version)" = "$OLD" ] || fail "reinstall did not give $OLD"

  log "update to $NEW from the feed saved in the owner's settings"
  update_once "" genuine
  [ "$RC" = 0 ] || fail "the signed update must install (exit 0), got $RC (see update-genuine.log)"
  [ "$(installed_version)" = "$NEW" ] || fail "after the update dpkg has $(installed_version), not $NEW"
  update_once "" again
  [ "$RC" = 3 ] || fail "the updated app must say it is up to date (exit 3), got $RC"
  grep -q "($NEW)" "$OUT/update-again.out" || fail "the updated binary does not report $NEW"
  log "updated $OLD → $NEW by the app itself; the new binary runs and is up to date"
}

if [ "${1:-}" = "--inner" ]; then
  inner
  exit 0
fi

# ---- outer part: build, install, run, then the update session ----
outer_cleanup() {
  cleanup
  # Leave the machine as it was: a package this run installed does not outlive it.
  if [ "${WE_INSTALLED:-0}" = 1 ] && [ -n "$(installed_version)" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "$PKG" >/dev/null 2>&1 || true
  fi
  rm -rf "${WORK:-/nonexistent}"
}
trap outer_cleanup EXIT
start=$SECONDS
mkdir -p "$OUT"
find "$OUT" -maxdepth 1 -type f -delete
if [ -n "$(installed_version)" ] && [ "${PACKAGE_TEST_REPLACE:-0}" != 1 ]; then
  fail "Mostrador $(installed_version) is installed on this machine; set PACKAGE_TEST_REPLACE=1 to let the test replace and remove it"
fi
missing=()
# sudo: as root, tauri-plugin-updater installs the .deb through `sudo dpkg -i` (pkexec and
# zenity need a desktop's polkit agent, which a headless machine has not).
for p in sudo desktop-file-utils xvfb xdotool dbus dunst python3 curl; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
[ -d "$ROOT/ui/node_modules" ] || npm --prefix "$ROOT/ui" ci --no-audit --no-fund
# The app embeds ui/dist (scripts/test.sh and scripts/e2e.sh build it before this runs).
[ -f "$ROOT/ui/dist/index.html" ] || npm --prefix "$ROOT/ui" run build
TAURI=(npx --prefix "$ROOT/ui" tauri)

WORK="$(mktemp -d "${TMPDIR:-/tmp}/mostrador-package.XXXXXX")"
mkdir -p "$WORK/keys" "$WORK/old" "$WORK/feed"
OLD="$(python3 -c 'import tomllib,sys; print(tomllib.load(open(sys.argv[1],"rb"))["workspace"]["package"]["version"])' "$ROOT/Cargo.toml")"
NEW="$(python3 -c 'import sys; a,b,c=sys.argv[1].split("-")[0].split("."); print(f"{a}.{b}.{int(c)+1}")' "$OLD")"
export WORK OLD NEW

log "throwaway signing keys (the release key is never in the repository)"
(cd "$ROOT" && "${TAURI[@]}" signer generate --ci -p "" -w "$WORK/keys/release.key" >/dev/null)
(cd "$ROOT" && "${TAURI[@]}" signer generate --ci -p "" -w "$WORK/keys/imposter.key" >/dev/null)

# Builds the debug-profile .deb of version $1 into directory $2, signed with the release key.
bundle() {
  local version=$1 dest=$2 t=$SECONDS
  python3 - "$WORK/conf-$version.json" "$version" "$(cat "$WORK/keys/release.key.pub")" <<'PY'
import json, sys
path, version, pubkey = sys.argv[1:]
json.dump({"version": version,
           "bundle": {"createUpdaterArtifacts": True},
           "plugins": {"updater": {"pubkey": pubkey, "dangerousInsecureTransportProtocol": True}}},
          open(path, "w"))
PY
  # The same cargo invocation as scripts/e2e.sh, so the warm debug build is reused and only
  # the shell crate recompiles (TAURI_CONFIG carries the override into generate_context!).
  # `tauri build` would add `tauri/native-tls` and rebuild every dependency.
  (cd "$ROOT" && TAURI_CONFIG="$(cat "$WORK/conf-$version.json")" \
    cargo build -p reference-backend -p mostrador --features tauri/custom-protocol) \
    >"$OUT/build-$version.log" 2>&1 || { tail -n 40 "$OUT/build-$version.log" >&2; fail "cargo build $version failed"; }
  (cd "$ROOT" && TAURI_SIGNING_PRIVATE_KEY="$(cat "$WORK/keys/release.key")" \
    TAURI_SIGNING_PRIVATE_KEY_PASSWORD="" \
    "${TAURI[@]}" bundle --debug --ci --bundles deb --config "$WORK/conf-$version.json") \
    >>"$OUT/build-$version.log" 2>&1 || { tail -n 40 "$OUT/build-$version.log" >&2; fail "tauri bundle $version failed"; }
  local deb="$CARGO_TARGET_DIR/debug/bundle/deb/Mostrador_${version}_amd64.deb"
  [ -f "$deb" ] && [ -f "$deb.sig" ] || fail "no signed .deb for $version (see build-$version.log)"
  cp "$deb" "$deb.sig" "$dest/"
  log "built $(basename "$deb") ($(du -h "$deb" | cut -f1)) in $((SECONDS - t)) s"
  rm -rf "$CARGO_TARGET_DIR/debug/bundle/deb" # ~0.5 GB of staging per bundle; rebuilt each time
}
log "bundle $OLD and $NEW (.deb, debug profile, updater signatures)"
bundle "$OLD" "$WORK/old"
bundle "$NEW" "$WORK/feed"
DEB_OLD="$WORK/old/Mostrador_${OLD}_amd64.deb"
DEB_NEW="Mostrador_${NEW}_amd64.deb"
# A tampered copy (bytes changed, genuine signature) and a signature from another key.
cp "$WORK/feed/$DEB_NEW.sig" "$WORK/feed/genuine-$DEB_NEW.sig"
cp "$WORK/feed/$DEB_NEW" "$WORK/feed/tampered-$DEB_NEW"
# Flip every bit of one byte in the middle (never a no-op, whatever byte is there).
python3 - "$WORK/feed/tampered-$DEB_NEW" <<'PY'
import os, sys
path = sys.argv[1]
with open(path, "r+b") as f:
    f.seek(os.path.getsize(path) // 2)
    byte = f.read(1)
    f.seek(-1, os.SEEK_CUR)
    f.write(bytes([byte[0] ^ 0xFF]))
PY
cmp -s "$WORK/feed/$DEB_NEW" "$WORK/feed/tampered-$DEB_NEW" \
  && fail "the tampered copy is byte-identical to the genuine package"
(cd "$ROOT" && "${TAURI[@]}" signer sign -f "$WORK/keys/imposter.key" -p "" --app-version "$NEW" \
  "$WORK/feed/$DEB_NEW" >/dev/null)
mv "$WORK/feed/$DEB_NEW.sig" "$WORK/feed/imposter-$DEB_NEW.sig"
cp "$WORK/feed/genuine-$DEB_NEW.sig" "$WORK/feed/$DEB_NEW.sig"

log "what the package declares"
dpkg-deb -f "$DEB_OLD" Package Version Depends Recommends | tee "$OUT/control.txt" >&2
for dep in libwebkit2gtk-4.1-0 libayatana-appindicator3-1 notification-daemon; do
  grep -q "^Depends:.*$dep" "$OUT/control.txt" || fail "Depends lacks $dep"
done
grep -q '^Recommends:.*gnome-keyring | kwalletmanager' "$OUT/control.txt" || fail "Recommends lacks a Secret Service"

log "apt install the .deb (its dependencies come from the archive)"
t=$SECONDS
WE_INSTALLED=1
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$DEB_OLD" >"$OUT/apt-install.log" 2>&1 \
  || { tail -n 30 "$OUT/apt-install.log" >&2; fail "apt-get install of the .deb failed"; }
log "installed $(installed_version) in $((SECONDS - t)) s"
[ "$(installed_version)" = "$OLD" ] || fail "dpkg does not list $PKG $OLD"
dpkg -L "$PKG" >"$OUT/files.txt"
for f in /usr/bin/mostrador /usr/share/applications/Mostrador.desktop \
  /usr/share/icons/hicolor/32x32/apps/mostrador.png /usr/share/icons/hicolor/128x128/apps/mostrador.png \
  /usr/share/icons/hicolor/512x512/apps/mostrador.png; do
  grep -qx "$f" "$OUT/files.txt" || fail "the package lacks $f (see files.txt)"
  [ -e "$f" ] || fail "$f is listed but missing"
done
desktop=/usr/share/applications/Mostrador.desktop
desktop-file-validate "$desktop" || fail "the desktop entry does not validate"
for line in 'Name=Mostrador' 'GenericName\[es\]=' 'Comment\[es\]=' 'Comment=' 'Categories=Office;Finance;' 'Exec=mostrador' 'Icon=mostrador' 'MimeType=.*x-scheme-handler/mostrador'; do
  grep -q "^$line" "$desktop" || fail "the desktop entry lacks $line"
done

log "the installed binary under Xvfb: window, backend connection, a notification (tests/e2e/shell_smoke.sh)"
if [ ! -x "$CARGO_TARGET_DIR/debug/reference-backend" ]; then
  (cd "$ROOT" && cargo build -q -p reference-backend)
fi
SMOKE_NO_BUILD=1 SMOKE_APP=/usr/bin/mostrador SMOKE_OUT="$OUT/smoke" bash "$ROOT/tests/e2e/shell_smoke.sh" \
  || fail "the installed app failed the smoke test (see $OUT/smoke)"

log "updates, removal and reinstall, on a virtual display with a session bus"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$WORK/display.txt" 2>"$OUT/xvfb.log" &
PIDS+=("$!")
wait_for 100 test -s "$WORK/display.txt" || fail "Xvfb did not start"
export DISPLAY=":$(head -n1 "$WORK/display.txt")"
dbus-run-session -- bash "${BASH_SOURCE[0]}" --inner || fail "the update session failed"

log "purge"
as_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "$PKG" >"$OUT/apt-purge.log" 2>&1 || fail "purge failed"
[ -z "$(installed_version)" ] || fail "still installed after purge"
[ ! -e /usr/bin/mostrador ] || fail "/usr/bin/mostrador left after purge"
log "PASS in $((SECONDS - start)) s: built, installed, ran, offered, refused 2 bad updates, removed, reinstalled, updated, purged"

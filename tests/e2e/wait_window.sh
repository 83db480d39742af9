# Sourced by the shell scripts that wait for a window (the smoke test, the package test, the
# memory measurement). `xdotool search --sync` aborts with an X error (BadWindow) when a window
# it is looking at vanishes mid-search (WebKitGTK's helper windows come and go at start): so
# each search is its own run, retried until the deadline.
#
# wait_window NAME_REGEX SECONDS [OUT_FILE]: 0 once a visible window matches (its ids in
# OUT_FILE), 1 at the deadline.
wait_window() {
  local name=$1 out=${3:-} deadline=$((SECONDS + $2)) found
  while [ "$SECONDS" -lt "$deadline" ]; do
    found="$(xdotool search --onlyvisible --name "$name" 2>/dev/null || true)"
    if [ -n "$found" ]; then
      [ -n "$out" ] && printf '%s\n' "$found" >"$out"
      return 0
    fi
    sleep 0.2
  done
  return 1
}

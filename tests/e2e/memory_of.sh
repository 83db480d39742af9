# Sourced by tests/e2e/shell_smoke.sh and scripts/measure-memory.sh: one way to measure an
# app's memory, so Mostrador and the bare Tauri app are measured alike.
#
# Sums RSS and PSS (kB) over a process and its descendants (the WebKit web and network
# processes are children of the app).
memory_of() {
  local pids="$1" all="" pid
  while [ -n "$pids" ]; do
    all="$all $pids"
    pids="$(for pid in $pids; do pgrep -P "$pid" || true; done | tr '\n' ' ' | xargs || true)"
  done
  # Each process on its own line to stderr (where the memory goes), the sum on stdout.
  for pid in $all; do
    awk -v c="$(cat /proc/"$pid"/comm 2>/dev/null)" '/^Pss:/{printf "  %s: PSS %d MiB\n", c, $2/1024}' \
      /proc/"$pid"/smaps_rollup >&2 2>/dev/null || true
  done
  for pid in $all; do
    cat /proc/"$pid"/smaps_rollup 2>/dev/null
  done | awk '/^Rss:/{r+=$2} /^Pss:/{p+=$2} END{printf "RSS %d MiB, PSS %d MiB\n", r/1024, p/1024}'
}

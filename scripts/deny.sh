#!/usr/bin/env bash
# `cargo deny check` offline: licences, bans, sources, and advisories from the RustSec
# snapshot in ../shared/rustsec-advisory-db (these machines cannot fetch the live database).
# cargo-deny reads an advisory database as a git checkout, so the snapshot is copied into
# target/ and committed there with the snapshot's date; nothing of it is kept in the repo.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! cargo deny --version >/dev/null 2>&1; then
  echo "==> cargo install cargo-deny (once; a few minutes)"
  cargo install cargo-deny --locked --version 0.20.2
fi
snapshot="${MOSTRADOR_ADVISORY_DB:-../shared/rustsec-advisory-db}"
target="${CARGO_TARGET_DIR:-$PWD/target}"
db="$target/advisory-db"
# cargo-deny names the checkout after the database URL in deny.toml.
checkout="$db/advisory-db-3157b0e258782691"
if [ ! -d "$snapshot/crates" ]; then
  echo "ADVISORIES NOT CHECKED: no RustSec snapshot at $snapshot" >&2
  cargo deny --offline check bans licenses sources
  exit
fi
if [ ! -d "$checkout/.git" ] || [ "$snapshot" -nt "$checkout/.git" ]; then
  rm -rf "$checkout"
  mkdir -p "$checkout"
  cp -R "$snapshot/." "$checkout/"
  (
    cd "$checkout"
    git init -q
    git add -A
    GIT_AUTHOR_DATE="2026-08-21T00:00:00Z" GIT_COMMITTER_DATE="2026-08-21T00:00:00Z" \
      git -c user.name=snapshot -c user.email=snapshot@localhost -c commit.gpgsign=false \
      commit -q -m "RustSec advisory-db snapshot"
  )
fi
# Duplicate majors are listed (as warnings) without their whole inclusion graphs.
cargo deny --offline check --hide-inclusion-graph

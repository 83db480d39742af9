#!/usr/bin/env bash
# Checks the Shopify connector against Shopify's official Admin GraphQL schema, offline:
#   1. every GraphQL document the connector sends validates against the 2026-07 schema;
#   2. every answer the Shopify test server gave in the contract suite executes back through
#      the schema (so the test server answers as Shopify's schema says).
# The schema ships in the npm package @shopify/dev-mcp@1.16.0 (dist/data/admin_2026-07.json.gz);
# it is fetched here into a cache outside the repository and never committed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${MOSTRADOR_SHOPIFY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mostrador/shopify-dev-mcp-1.16.0}"
SCHEMA="$CACHE/package/dist/data/admin_2026-07.json.gz"
if [ ! -f "$SCHEMA" ]; then
  mkdir -p "$CACHE"
  (cd "$CACHE" && npm pack --silent @shopify/dev-mcp@1.16.0 >/dev/null &&
    tar xzf shopify-dev-mcp-1.16.0.tgz package/dist/data/admin_2026-07.json.gz &&
    rm -f shopify-dev-mcp-1.16.0.tgz)
fi
cd "$ROOT/tests/shopify-schema"
[ -d node_modules/graphql ] || npm ci --silent --no-audit --no-fund
ANSWERS="$(mktemp -d)"
trap 'rm -rf "$ANSWERS"' EXIT
# The contract suite again, recording the test server's answers (a few per operation).
MOSTRADOR_SHOPIFY_ANSWERS="$ANSWERS" MOSTRADOR_SHOPIFY_RUNS=3 \
  cargo test --quiet --manifest-path "$ROOT/Cargo.toml" -p mostrador-core --test core \
  platforms::shopify_contract | grep -E "test result|panicked|FAILED" >&2
node validate.mjs "$SCHEMA" "$ROOT/src-tauri/core/src/platforms/shopify/documents" "$ANSWERS"

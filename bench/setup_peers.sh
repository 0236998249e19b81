#!/usr/bin/env bash
# Installs the peer NLP libraries that `make bench` measures (wink-nlp with
# wink-eng-lite-web-model, and compromise) into bench/peers/node_modules, at
# the exact versions pinned in bench/peers/package-lock.json. Reinstalls only
# when node_modules is missing or older than the lock file. No package script
# is run (--ignore-scripts). Exits 1 (and bench/run_bench.sh then reports the
# peers as unavailable) when node or npm is missing or the install fails.
set -euo pipefail

PEERS="$(cd "$(dirname "${BASH_SOURCE[0]}")/peers" && pwd)"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup_peers: node and npm are needed for the peer benchmarks (scripts/setup.sh installs them)" >&2
  exit 1
fi
if [ ! -d "$PEERS/node_modules" ] ||
   [ "$PEERS/package-lock.json" -nt "$PEERS/node_modules/.package-lock.json" ]; then
  echo "setup_peers: installing wink-nlp, wink-eng-lite-web-model and compromise in bench/peers" >&2
  (cd "$PEERS" && npm ci --ignore-scripts --no-audit --no-fund >&2)
else
  echo "setup_peers: peer packages up to date" >&2
fi

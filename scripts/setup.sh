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
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "setup: all apt packages present" >&2
fi

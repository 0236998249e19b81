#!/usr/bin/env bash
# The README's entry point on a fresh Debian 12 machine, where even `make`
# may be missing: installs everything first (scripts/setup.sh), then runs
# `make` with the given arguments, e.g. `./make.sh demo`, `./make.sh test`.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
exec make "$@"

#!/usr/bin/env bash
# Fails when a C++ file differs from what .clang-format asks for (fix: clang-format -i FILE).
set -euo pipefail
cd "$1"
command -v clang-format >/dev/null || { echo "FAIL: clang-format missing (./run deps installs it)"; exit 1; }
files=$(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find common kiosk aggregator tests -name '*.[ch]pp')
clang-format --dry-run --Werror $files
echo "ok: $(wc -w <<<"$files") files formatted"

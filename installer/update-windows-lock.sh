#!/usr/bin/env bash
# Pin every Windows dependency of the app (pyproject's runtime dependencies, not the test tools)
# and of its build (PyInstaller, the font), with hashes, resolved for CPython 3.11 on 64-bit
# Windows from this Linux machine. `pip download --platform` alone would not do: it evaluates
# environment markers for Linux and silently drops Windows-only packages such as tzdata.
#
#     bash installer/update-windows-lock.sh      # rewrites installer/windows-lock.txt
set -euo pipefail
cd "$(dirname "$0")/.."
command -v uv >/dev/null || python3 -m pip install --quiet uv
{
    echo "# Windows (x86_64, CPython 3.11) lock of gisapp's runtime dependencies and its installer"
    echo "# build. Made by installer/update-windows-lock.sh; install with"
    echo "#     pip install --require-hashes --no-deps -r installer/windows-lock.txt"
    uv pip compile pyproject.toml --extra installer \
        --python-platform x86_64-pc-windows-msvc --python-version 3.11 \
        --generate-hashes --no-header --annotation-style line 2>/dev/null
} > installer/windows-lock.txt.new
mv installer/windows-lock.txt.new installer/windows-lock.txt
echo "installer/windows-lock.txt: $(grep -c '==' installer/windows-lock.txt) packages"

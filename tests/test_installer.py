"""The installer's recipe, checked where it is cheap: the smoke test every installer check runs,
the font a frozen build ships, and what the NSIS script, the Windows lock and the PyInstaller
spec promise. Building the bundle and the setup.exe is installer/ci-check.sh's job."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from gisapp import font_files
from gisapp.smoke_test import run_smoke_test, steps
from tests.conftest import REPO

INSTALLER = REPO / "installer"
SYSTEM_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def test_the_smoke_test_passes_every_step_and_leaves_the_planners_files_alone(
        tmp_path: Path) -> None:
    home = tmp_path / "home"
    # xcb with no display would fail: the smoke test must choose offscreen itself.
    env = {**os.environ, "HOME": str(home), "QT_QPA_PLATFORM": "xcb"}
    env.pop("GISAPP_HOME", None)
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[variable] = str(home / variable.lower())
    result = subprocess.run([sys.executable, "-m", "gisapp", "--smoke-test"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[1] for line in lines[:-1]] == [
        "data", "reproject", "demo", "geopackage", "import", "indicators", "window", "pdf",
        "webmap"]
    assert all(line.startswith("ok ") for line in lines[:-1])
    assert lines[-1] == "smoke test passed"
    assert "offscreen" in result.stdout
    for variable in ("xdg_data_home", "xdg_config_home", "xdg_state_home"):
        assert not (home / variable / "gisapp").exists()


def test_a_failing_step_stops_the_run_with_exit_1() -> None:
    def broken_window(project) -> str:
        raise RuntimeError("no display")

    out, err = io.StringIO(), io.StringIO()
    assert run_smoke_test(broken_window, out=out, err=err) == 1
    lines = out.getvalue().splitlines()
    assert lines[-1] == "FAILED window: RuntimeError: no display"
    assert all(line.startswith("ok ") for line in lines[:-1]) and len(lines) == 7
    assert "Traceback" in err.getvalue()
    assert "window" not in [name for name, _ in steps(None)]  # headless: no window step


def test_the_smoke_test_prints_with_the_real_layout(demo_project, tmp_path: Path) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("poppler-utils not installed")
    from gisapp.smoke_test import SmokeRun, write_pdf_page

    run = SmokeRun(tmp_path, project=demo_project)
    assert "KB, font" in write_pdf_page(run)
    path = tmp_path / "康复覆盖.pdf"
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    assert "CID TrueType" in fonts.stdout and "Mismatch" not in fonts.stderr + text.stderr
    assert "同心县有康复需求残疾人的康复站服务半径覆盖率" in text.stdout


@pytest.fixture
def shipped_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An app root like a frozen build's: a Chinese font in fonts/."""
    if not SYSTEM_CJK.is_file():
        pytest.skip("fonts-noto-cjk not installed")
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "NotoSansCJK-Regular.ttc").symlink_to(SYSTEM_CJK)
    monkeypatch.setenv("GISAPP_HOME", str(tmp_path))
    font_files.cjk_font.cache_clear()
    yield tmp_path / "fonts" / "NotoSansCJK-Regular.ttc"
    font_files.cjk_font.cache_clear()


def test_a_shipped_font_comes_first_with_its_simplified_chinese_face(shipped_font: Path) -> None:
    font = font_files.cjk_font()
    assert font is not None and font.shipped and font.path == shipped_font
    assert (font.family, font.face, font.truetype) == ("Noto Sans CJK SC", 2, False)


def test_the_window_uses_the_shipped_font(shipped_font: Path, qapp) -> None:
    from gisapp.views.fonts import cjk_family

    assert cjk_family() == "Noto Sans CJK SC"


def nsis_script() -> str:
    raw = (INSTALLER / "gisapp.nsi").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "makensis reads UTF-8 only with a BOM"
    return raw.decode("utf-8-sig")


def test_the_nsis_script_installs_per_user_without_admin() -> None:
    script = nsis_script()
    assert "Target amd64-unicode" in script and "RequestExecutionLevel user" in script
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP_ID}"' in script
    assert "HKLM" not in script and "SetShellVarContext all" not in script
    key = r'!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"'
    assert key in script
    assert re.search(r'WriteRegStr HKCU "\$\{UNINSTALL_KEY\}" "QuietUninstallString" .*/S',
                     script)
    assert 'DeleteRegKey HKCU "${UNINSTALL_KEY}"' in script


def test_the_nsis_script_speaks_chinese_first_and_registers_shortcuts_and_gpkg() -> None:
    script = nsis_script()
    assert '!define APP_NAME "残疾人服务覆盖规划"' in script
    languages = re.findall(r'MUI_LANGUAGE "(\w+)"', script)
    assert languages == ["SimpChinese", "English"]
    assert "$SMPROGRAMS\\${APP_NAME}" in script and "$DESKTOP\\${APP_NAME}" in script
    assert "Software\\Classes\\.gpkg\\OpenWithProgids" in script


def test_the_nsis_script_can_run_silently() -> None:
    """NSIS installs silently with /S unless a dialog without a silent default (/SD) waits."""
    script = nsis_script()
    assert "SilentInstall normal" not in script
    assert all("/SD" in line for line in script.splitlines() if "MessageBox" in line)
    assert '"$INSTDIR\\uninstall.exe" /S' in script


def test_the_windows_lock_pins_every_package_with_hashes() -> None:
    text = (INSTALLER / "windows-lock.txt").read_text(encoding="utf-8")
    entries = re.findall(r"^([a-z0-9._-]+)==(\S+) \\\n((?:    .*\n)+)", text, re.MULTILINE)
    requirements = [line for line in text.splitlines() if line and line[0].isalnum()]
    assert len(entries) == len(requirements) > 40
    for name, _, block in entries:
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", block), name
    pins = {name: version for name, version, _ in entries}
    assert "tzdata" in pins, "Windows-only dependencies must be in the lock"
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = [*config["project"]["dependencies"],
              *config["project"]["optional-dependencies"]["installer"]]
    for requirement in wanted:
        name = re.match(r"[A-Za-z0-9._-]+", requirement).group().lower().replace("_", "-")
        assert name in pins, f"{name} is not in installer/windows-lock.txt"
    assert not {"pytest", "pytest-qt", "ruff", "import-linter"} & set(pins)


def test_the_bundle_carries_the_data_the_app_reads() -> None:
    spec = (INSTALLER / "gisapp.spec").read_text(encoding="utf-8")
    for source, target in [('"layers"', '"layers"'), ('"targets"', '"data/targets"'),
                           ('"boundaries"', '"data/boundaries"'), ('"i18n"', '"gisapp/i18n"'),
                           ('"counties.csv"', '"data/places"'),
                           ('"townships" / "\\*.csv.gz"', '"data/places/townships"'),
                           ('"villages" / "\\*.csv.gz"', '"data/places/villages"')]:
        assert re.search(rf"{source}.*\), {target}\)", spec), target
    assert '"fonts"' in spec and "OFL.txt" in spec
    assert 'hookspath=[str(ROOT / "installer" / "hooks")]' in spec
    hook = (INSTALLER / "hooks" / "hook-pyogrio.py").read_text(encoding="utf-8")
    assert 'collect_submodules("pyogrio"' in hook
    assert '"gdal_data/**"' in hook and '"proj_data/**"' in hook


def test_ci_and_the_windows_workflow_run_the_smoke_test() -> None:
    check = (INSTALLER / "ci-check.sh").read_text(encoding="utf-8")
    assert "env -i" in check and "--smoke-test" in check and "makensis" in check
    assert "--require-hashes" in check and "win_amd64" in check
    assert "installer/ci-check.sh" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    workflow = (REPO / ".github" / "workflows" / "windows-installer.yml").read_text(
        encoding="utf-8")
    assert "windows-latest" in workflow and "--require-hashes" in workflow
    assert workflow.count("--smoke-test") >= 2 and "/S" in workflow
    assert "upload-artifact" in workflow

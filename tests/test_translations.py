"""Every text the planner reads in the window has its English, and the shipped .qm files are
compiled from the .ts files as they are."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication

from gisapp.views import translations
from gisapp.views.main_window import MainWindow
from tests.test_gui import no_leaked_windows, no_unexpected_dialogs  # noqa: F401


def test_every_text_in_the_views_is_translated(tmp_path: Path, monkeypatch) -> None:
    copy = tmp_path / "i18n"
    shutil.copytree(translations.i18n_dir(), copy)
    monkeypatch.setattr(translations, "i18n_dir", lambda: copy)
    for ts in translations.update_translations():  # the code's texts, as the code is now
        assert translations.unfinished(ts) == [], f"{ts.name}: texts without a translation"
        shipped = Path(__file__).parent.parent / "gisapp" / "i18n" / ts.name
        assert ts.read_bytes() == shipped.read_bytes(), (
            f"{ts.name} is behind the code: run python -m gisapp.views.translations")


def test_shipped_qm_files_are_compiled_from_the_ts_files(tmp_path: Path) -> None:
    for qm in translations.compile_translations(tmp_path):
        assert qm.read_bytes() == (translations.i18n_dir() / qm.name).read_bytes(), (
            f"{qm.name} is stale: run python -m gisapp.views.translations")


def test_the_window_speaks_english_when_chosen(qtbot, qapp: QApplication, demo_project,
                                               tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "gisapp.ini"), QSettings.Format.IniFormat)
    assert translations.chosen_language(settings) == "zh_CN"
    translations.choose_language(settings, "en")
    locale = QLocale()
    installed = translations.install_translators(qapp, settings)
    try:
        window = MainWindow(demo_project, settings)
        qtbot.addWidget(window)
        menus = [a.text() for a in window.menuBar().actions()]
        assert menus == ["&File", "&Edit", "&Analysis", "&Layers", "&Output", "&Help"]
        assert window.proposal_tool.action.text() == "Propose rehab station"
        assert window.windowTitle().endswith("Disability Service Coverage Planning")
        qtbot.waitUntil(lambda: window.results is not None, timeout=30_000)
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)  # the other tests read the window in Chinese
        translations.choose_language(settings, "zh_CN")

"""The interface language: Chinese by default, English when chosen in 帮助 → 界面语言.

The texts in the code are Chinese; `gisapp/i18n/gisapp_en.ts` holds their English, compiled to
`.qm` by `python -m gisapp.views.translations` (Qt Linguist's lrelease) and loaded at start.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

LANGUAGES = {"zh_CN": "中文", "en": "English"}
_KEY = "ui/language"


def i18n_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "i18n"


def chosen_language(settings: QSettings) -> str:
    language = str(settings.value(_KEY, "zh_CN"))
    return language if language in LANGUAGES else "zh_CN"


def choose_language(settings: QSettings, language: str) -> None:
    settings.setValue(_KEY, language)


def install_translators(app: QCoreApplication, settings: QSettings) -> list[QTranslator]:
    """Load the app's texts and Qt's own (dialog buttons) in the chosen language; keep the
    returned translators alive as long as the app."""
    language = chosen_language(settings)
    QLocale.setDefault(QLocale(language))
    loaded = []
    ours = QTranslator(app)
    if language != "zh_CN" and ours.load(str(i18n_dir() / f"gisapp_{language}.qm")):
        app.installTranslator(ours)
        loaded.append(ours)
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_",
               QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        loaded.append(qt)
    return loaded


def compile_translations() -> list[Path]:
    """lrelease every .ts file next to it; returns the .qm files written."""
    import subprocess

    written = []
    for ts in sorted(i18n_dir().glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        written.append(qm)
    return written


def _tool(name: str) -> str:
    """Qt Linguist's tool shipped inside the PySide6 wheel."""
    import PySide6

    folder = Path(PySide6.__file__).parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Qt" / "bin" / name):
        if candidate.is_file():
            return str(candidate)
    return f"pyside6-{name}"


if __name__ == "__main__":
    for path in compile_translations():
        print(path)
    sys.exit(0)

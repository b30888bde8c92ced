"""The interface language: Chinese by default, English when chosen in 帮助 → 界面语言.

The texts in the code are Chinese. `gisapp/i18n/gisapp_en.ts` holds their English and
`gisapp_zh_CN.ts` their Chinese wording (so the wording can be changed in Qt Linguist without
touching the code). `python -m gisapp.views.translations` brings both up to date with the code
(lupdate) and compiles them to the `.qm` files loaded at start (lrelease).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

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
    if ours.load(str(i18n_dir() / f"gisapp_{language}.qm")):
        app.installTranslator(ours)
        loaded.append(ours)
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_",
               QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        loaded.append(qt)
    return loaded


def update_translations() -> list[Path]:
    """lupdate: every translatable text of the views into each .ts file, translations kept;
    the Chinese file's texts are their own translation."""
    sources = sorted(str(p) for p in Path(__file__).parent.glob("*.py"))
    written = []
    for language in LANGUAGES:
        ts = i18n_dir() / f"gisapp_{language}.ts"
        subprocess.run([_tool("lupdate"), *sources, "-source-language", "zh_CN",
                        "-target-language", language, "-no-obsolete", "-locations", "none",
                        "-ts", str(ts)], check=True, capture_output=True)
        if language == "zh_CN":
            _translate_as_written(ts)
        written.append(ts)
    return written


def compile_translations(folder: Path | None = None) -> list[Path]:
    """lrelease every .ts file into a .qm beside it (or in `folder`); returns the .qm files."""
    written = []
    for ts in sorted(i18n_dir().glob("*.ts")):
        qm = (folder or ts.parent) / ts.with_suffix(".qm").name
        subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        written.append(qm)
    return written


def unfinished(ts: Path) -> list[str]:
    """Source texts of a .ts file that have no finished translation."""
    root = ElementTree.parse(ts).getroot()
    return [message.findtext("source", "") for message in root.iter("message")
            if message.find("translation").get("type") == "unfinished"
            or not message.findtext("translation")]


def _translate_as_written(ts: Path) -> None:
    tree = ElementTree.parse(ts)
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if translation.get("type") == "unfinished":
            translation.text = message.findtext("source")
            del translation.attrib["type"]
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def _tool(name: str) -> str:
    """Qt Linguist's tool shipped inside the PySide6 wheel."""
    import PySide6

    folder = Path(PySide6.__file__).parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Qt" / "bin" / name):
        if candidate.is_file():
            return str(candidate)
    return f"pyside6-{name}"


if __name__ == "__main__":
    for path in [*update_translations(), *compile_translations()]:
        print(path)
    sys.exit(0)

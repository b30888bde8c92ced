"""PyInstaller hook for pyogrio, which has none upstream.

Its Cython modules import each other (`pyogrio._geometry` from `pyogrio._io`), which PyInstaller
cannot see: without this a bundle dies on `pyogrio._geometry`. The wheels carry GDAL's and PROJ's
data in `pyogrio/gdal_data` and `pyogrio/proj_data`; pyogrio points GDAL at them when present.
"""

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

hiddenimports = collect_submodules("pyogrio", filter=lambda name: ".tests" not in name)
datas = collect_data_files("pyogrio", includes=["gdal_data/**", "proj_data/**"])

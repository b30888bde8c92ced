"""Thematic maps for reports: print layouts (matplotlib) and the offline web map (folium).

Every renderer reads the one MapState the canvas draws (layers, note, choropleth), so a
township has the same colour on screen, on paper and in the browser. For a print dialog:

    report = prepare_report(project, "rehab_reach", feedback=feedback)   # worker thread
    image = preview(report, PageOptions("A3", "portrait"))              # RGBA array, quick
    render_page(report, options, Path("map.pdf"), feedback=feedback)     # or .png at 300 dpi
    render_atlas(report, options, Path("atlas.pdf"), feedback=feedback)  # a page per township
    write_webmap(report, Path("map.html"))                               # offline, one file

`report_from_layers` builds the report from layers the window already holds (with proposed
stations, if it passes them). Long steps report progress to the Feedback and raise
`Cancelled` between pages; a cancelled PDF leaves no file behind.

Classes. The townships are coloured by thematic.py's gap-to-target classes (met; short by up to
10, 10-20, over 20 percentage points; no data), the house choice the canvas shows. That is a
classification with fixed, user-defined bins on the gap, which is what mapclassify's
UserDefined would compute; it is not recomputed here with mapclassify because the first class
is decided by the target's own comparison (≥ or >, which bins on the gap cannot tell apart at
the target), and because importing mapclassify costs about 2 s (scipy.stats), most of the
3-second budget of a page, for classes that would be the same. Nothing here invents a second
scheme: a count target (e.g. 1,500 households county-wide) is not judged per township, on the
canvas or on paper, and the page says so in its legend.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gisapp.render.output import PNG_DPI, preview, render_atlas, render_page
from gisapp.render.page import PageOptions
from gisapp.render.report import MapReport, prepare_report, report_from_layers

if TYPE_CHECKING:
    from gisapp.render.webmap import write_webmap


def __getattr__(name: str) -> Any:
    # folium takes most of a second to import: only the web map pays for it.
    if name == "write_webmap":
        from gisapp.render.webmap import write_webmap

        return write_webmap
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["PNG_DPI", "MapReport", "PageOptions", "prepare_report", "preview", "render_atlas",
           "render_page", "report_from_layers", "write_webmap"]

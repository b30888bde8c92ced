"""Leaflet and its marker-cluster plugin inlined into a web map, so it opens with no network.

folium links its JavaScript and CSS from CDNs. Here every element's links are replaced by the
copies shipped in `webassets/` (see its README for versions and licences), written into the
page itself; the images the stylesheets point at become data: URLs. A link to anything not
shipped stops the export instead of leaking a CDN request into a planner's file.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

from branca.element import Element, Figure
from folium.elements import JSCSSMixin

ASSETS = Path(__file__).resolve().parent / "webassets"
# folium's resource names -> the shipped file; order is load order
SHIPPED_JS = {"leaflet": "leaflet.js", "markerclusterjs": "leaflet.markercluster.js"}
SHIPPED_CSS = {"leaflet_css": "leaflet.css", "markerclustercss": "MarkerCluster.css",
               "markerclusterdefaultcss": "MarkerCluster.Default.css"}
# Linked by folium.Map for Icon and Popup, which the web map does not use.
UNUSED = {"jquery", "bootstrap", "awesome_markers", "bootstrap_css", "glyphicons_css",
          "awesome_markers_font_css", "awesome_markers_css", "awesome_rotate_css"}
# Only the page's own scripts and styles, images from data: URLs (and the basemap's tiles,
# when one is asked for): the browser itself refuses any other request.
_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
           "img-src data:{tiles}")


def inline_assets(figure: Figure, tile_hosts: tuple[str, ...] = ()) -> None:
    """Drop every CDN link of the elements under `figure`; put the shipped files inline."""
    wanted: set[str] = set()
    for element in _walk(figure):
        if isinstance(element, JSCSSMixin):
            names = {n for n, _ in (*element.default_js, *element.default_css)}
            unknown = names - set(SHIPPED_JS) - set(SHIPPED_CSS) - UNUSED
            if unknown:
                raise RuntimeError(f"{type(element).__name__} links {', '.join(sorted(unknown))}"
                                   ", which the offline web map does not ship")
            wanted |= names
            element.default_js, element.default_css = [], []  # this instance only
    tiles = "".join(f" {host}" for host in tile_hosts)
    figure.header.add_child(Element(
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY.format(tiles=tiles)}">'),
        name="content_security_policy", index=1)
    for name, file in SHIPPED_CSS.items():
        if name in wanted:
            figure.header.add_child(Element(f"<style>\n{_css(file)}\n</style>"), name=name)
    for name, file in SHIPPED_JS.items():
        if name in wanted:
            figure.header.add_child(Element(f"<script>\n{_js(file)}\n</script>"), name=name)


def _walk(element: Element):
    yield element
    for child in list(element._children.values()):
        yield from _walk(child)


@cache
def _js(file: str) -> str:
    text = (ASSETS / file).read_text(encoding="utf-8")
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)
    return text.replace("</script", "<\\/script")  # cannot close the inline element early


@cache
def _css(file: str) -> str:
    text = (ASSETS / file).read_text(encoding="utf-8")
    return re.sub(r"url\((images/)?([\w.-]+\.png)\)", _data_url, text)


def _data_url(match: re.Match[str]) -> str:
    data = base64.b64encode((ASSETS / match.group(2)).read_bytes()).decode("ascii")
    return f"url(data:image/png;base64,{data})"

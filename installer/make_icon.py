"""Draw the app's mark, gisapp.ico: a service station (orange) with its coverage radius (white
ring) among households (dots), on the blue of the map. Run once; the .ico is checked in.

    python installer/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 1024  # drawn large, scaled down to each icon size
BLUE, WHITE, ORANGE, DOTS = "#1565c0", "#ffffff", "#ff8f00", "#bbdefb"
HOUSEHOLDS = [(0.22, 0.30), (0.30, 0.72), (0.70, 0.24), (0.78, 0.66), (0.60, 0.80),
              (0.38, 0.20), (0.18, 0.55), (0.82, 0.42)]


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, SIZE - 1, SIZE - 1), radius=SIZE // 5, fill=BLUE)
    r = SIZE // 36
    for x, y in HOUSEHOLDS:
        pen.ellipse((x * SIZE - r, y * SIZE - r, x * SIZE + r, y * SIZE + r), fill=DOTS)
    c, ring = SIZE // 2, int(SIZE * 0.30)
    pen.ellipse((c - ring, c - ring, c + ring, c + ring), outline=WHITE, width=SIZE // 24)
    dot = SIZE // 9
    pen.ellipse((c - dot, c - dot, c + dot, c + dot), fill=ORANGE, outline=WHITE,
                width=SIZE // 64)
    return image


if __name__ == "__main__":
    icon = draw()
    target = Path(__file__).with_name("gisapp.ico")
    icon.save(target, sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    print(target, target.stat().st_size, "bytes")

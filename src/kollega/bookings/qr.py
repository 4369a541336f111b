"""QR codes for the printable check-in sheet, drawn as inline SVG by segno (pure Python).

Only segno's own output is marked safe: it escapes the title (the resource's name) itself,
and the rest is a fixed path of the code's modules.
"""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe

# Each module (dot) of the code is this many pixels: a check-in URL prints about 5 cm wide.
SCALE = 5


def qr_svg(*, url: str, label: str) -> SafeString:
    """A QR code of `url` as an inline <svg> with `label` as its accessible name. Always a
    full QR code (never a Micro QR, which many phone cameras do not read), error correction
    level M or better, so a scuffed label still scans."""
    code = segno.make_qr(url, error="m")
    # Black on a white quiet zone: scannable whatever the page around it.
    svg = code.svg_inline(
        scale=SCALE, title=label, svgclass="qr", lineclass=None, dark="#000", light="#fff"
    )
    # An image to assistive technology, named by its <title>.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 - segno's SVG, title escaped by segno

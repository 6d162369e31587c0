# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The electronic seal (电子公章) of a unit, drawn as vector SVG from the
unit's full name: a round red seal with the name along the upper arc and a
five-pointed star in the middle, 40 mm across (企业印章).

The characters are drawn as outlines (the glyphs of the suite's 仿宋, the
font shipped in ``static/fonts``), not as SVG text: wkhtmltopdf would put
SVG text into the PDF's text layer, and the seal's characters would then
read in the middle of the document's own text.  A character the font lacks
is written as text (it still prints)."""

import base64
import functools
import math
from xml.sax.saxutils import escape

from odoo.tools.misc import file_path

SEAL_RED = "#d7000f"  # distinct from the red header's #e60012
SEAL_DIAMETER_MM = 40
FONT_NAME = "OaZhuqueFangsong"
FONT_FILE = "oa_base/static/fonts/ZhuqueFangsong-Regular.ttf"
# the SVG's user unit: 0.1 mm
SIZE = SEAL_DIAMETER_MM * 10
RING = 12  # the ring's width: 1.2 mm
TEXT_HEIGHT = 80  # 8 mm
# the characters' centres: 1.2 mm inside the ring
TEXT_RADIUS = SIZE / 2 - RING - 12 - TEXT_HEIGHT / 2
STAR_RADIUS = 66


def full_name(company_name, unit_name):
    """The organisation's full name of a unit: the company's name and the
    unit's, overlapping words once (集团公司 + 公司办公室 → 集团公司办公室);
    the unit's name alone when it already is the full name."""
    company_name = company_name or ""
    unit_name = unit_name or ""
    if not company_name or unit_name.startswith(company_name):
        return unit_name
    for size in range(min(len(company_name), len(unit_name)), 0, -1):
        if company_name.endswith(unit_name[:size]):
            return company_name + unit_name[size:]
    return company_name + unit_name


def unit_full_name(unit):
    """The full name of an OA unit (hr.department): a top unit's own name,
    the company's name joined to a sub-unit's name."""
    unit = unit.sudo()
    if not unit.parent_id:
        return unit.name
    company = unit.company_id or unit.env.company
    return full_name(company.name, unit.name)


# the project group's name, as its prints sign and its seal reads it (after
# the company's name)
PROJECT_GROUP = "协同办公项目组"


def project_group_name(env):
    """The full name of the project group (集团公司协同办公项目组), which
    issues the assessment notices and the project's training certificates."""
    return full_name(env.company.name, PROJECT_GROUP)


@functools.cache
def _font():
    """The reportlab font whose outlines draw the seal's characters, or
    None when the font file is missing."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        path = file_path(FONT_FILE)
    except FileNotFoundError:
        return None
    font = TTFont(FONT_NAME, path)
    pdfmetrics.registerFont(font)
    return font


def _glyph_path(char):
    """The SVG path of ``char`` on a 1000-unit em (y up, the em box from
    -120 to 880), or None when the font lacks it."""
    font = _font()
    if font is None or ord(char) not in font.face.charToGlyph:
        return None

    return _glyph_path_cached(char)


@functools.lru_cache(maxsize=4096)
def _glyph_path_cached(char):
    from reportlab.graphics.utils import text2PathDescription

    parts = []
    for op, *args in text2PathDescription(char, 0, 0, FONT_NAME, 1000):
        coords = " ".join(f"{v:.1f}" for v in args)
        parts.append(
            {"moveTo": "M", "lineTo": "L", "curveTo": "C", "closePath": "Z"}[op]
            + coords
        )
    return "".join(parts)


def _star(cx, cy, radius):
    points = []
    for i in range(10):
        angle = -math.pi / 2 + i * math.pi / 5
        r = radius if i % 2 == 0 else radius * 0.382
        points.append(f"{cx + r * math.cos(angle):.1f},{cy + r * math.sin(angle):.1f}")
    return f'<polygon points="{" ".join(points)}"/>'


def seal_layout(name):
    """Where each character of ``name`` goes: [(char, angle in degrees from
    the top, clockwise; width)], evenly along the upper arc."""
    count = len(name)
    span = min(250.0, max(170.0, 19.0 * count))
    pitch = 2 * math.pi * TEXT_RADIUS * span / 360 / max(count, 1)
    width = min(TEXT_HEIGHT * 0.9, pitch * 0.9)
    return [
        (char, -span / 2 + span * (index + 0.5) / count, width)
        for index, char in enumerate(name)
    ]


def seal_svg(name):
    """The seal of the organisation ``name`` (its full name), as SVG."""
    centre = SIZE / 2
    body = [
        f'<circle cx="{centre}" cy="{centre}" r="{centre - RING / 2}" '
        f'fill="none" stroke="{SEAL_RED}" stroke-width="{RING}"/>',
        _star(centre, centre, STAR_RADIUS),
    ]
    for char, angle, width in seal_layout(name):
        rad = math.radians(angle)
        x = centre + TEXT_RADIUS * math.sin(rad)
        y = centre - TEXT_RADIUS * math.cos(rad)
        place = f"translate({x:.1f} {y:.1f}) rotate({angle:.2f})"
        path = _glyph_path(char)
        if path:
            # the em box centred on (x, y), y down; stroked for a seal's
            # bold strokes
            body.append(
                f'<path transform="{place} scale({width / 1000:.4f} '
                f'{-TEXT_HEIGHT / 1000:.4f}) translate(-500 -380)" d="{path}" '
                f'stroke="{SEAL_RED}" stroke-width="36" stroke-linejoin="round"/>'
            )
        else:
            body.append(
                f'<text transform="{place}" y="{TEXT_HEIGHT * 0.38:.1f}" '
                f'font-size="{TEXT_HEIGHT}" text-anchor="middle" '
                f'font-weight="bold">{escape(char)}</text>'
            )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SEAL_DIAMETER_MM}mm" '
        f'height="{SEAL_DIAMETER_MM}mm" viewBox="0 0 {SIZE} {SIZE}">'
        f'<g fill="{SEAL_RED}">{"".join(body)}</g></svg>'
    )


def seal_data_uri(name):
    """The seal as a data URI for an ``<img src>`` of a print."""
    svg = seal_svg(name).encode()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()

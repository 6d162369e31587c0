# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Measuring a rendered print, for the tests of the prints: the words with
their boxes (``pdftotext -bbox``) and the painted shapes (rules, seals) read
from the pages' content streams, all in points from the top-left corner of
the page."""

import io
import re
import subprocess
import tempfile

from odoo.tools.pdf import PdfFileReader

try:
    from PyPDF2.generic import ContentStream
except ImportError:  # pypdf
    from pypdf.generic import ContentStream

MM = 72 / 25.4  # points per millimetre
SEAL_RED = (0xD7 / 255, 0, 0x0F / 255)
RING_MM = 1.2  # the seal's ring (tools/seal.py)


def pdf_text(pdf, *args):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        return subprocess.run(
            ["pdftotext", *args, f.name, "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout


def pdf_words(pdf):
    """[(page, xMin, yMin, xMax, yMax, word)] in points, from the top-left."""
    words = []
    page = 0
    for line in pdf_text(pdf, "-bbox").splitlines():
        if "<page " in line:
            page += 1
        match = re.search(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
            r"([^<]*)</word>",
            line,
        )
        if match:
            box = tuple(float(v) for v in match.groups()[:4])
            words.append((page, *box, match.group(5)))
    return words


def page_size(pdf):
    """(width, height) of the first page, in points."""
    match = re.search(
        r'<page width="([\d.]+)" height="([\d.]+)"', pdf_text(pdf, "-bbox")
    )
    return float(match.group(1)), float(match.group(2))


def _multiply(a, b):
    """The product of two PDF matrices [a b c d e f] (a then b)."""
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


PAINT = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*"}


class _Painter:
    """Follows the graphics state of one page's content stream and keeps
    the box of each painted path."""

    def __init__(self, number, height):
        self.number, self.height = number, height
        self.ctm = [1, 0, 0, 1, 0, 0]
        self.stack = []
        self.fill = self.stroke = (0, 0, 0)
        self.points = []
        self.shapes = []

    def point(self, x, y):
        m = self.ctm
        self.points.append((m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]))

    def paint(self, op):
        if op in PAINT and self.points:
            xs = [p[0] for p in self.points]
            ys = [self.height - p[1] for p in self.points]
            colour = self.stroke if op in ("S", "s") else self.fill
            self.shapes.append(
                (self.number, colour, min(xs), min(ys), max(xs), max(ys))
            )
        self.points = []

    def state(self, op, values):
        if op == "q":
            self.stack.append((self.ctm, self.fill, self.stroke))
        elif op == "Q" and self.stack:
            self.ctm, self.fill, self.stroke = self.stack.pop()
        elif op == "cm":
            self.ctm = _multiply(values, self.ctm)
        elif op in ("scn", "sc", "rg") and len(values) == 3:
            self.fill = tuple(values)
        elif op in ("SCN", "SC", "RG") and len(values) == 3:
            self.stroke = tuple(values)

    def do(self, op, values):
        if op in ("m", "l", "c", "v", "y"):
            for i in range(0, len(values) - 1, 2):
                self.point(values[i], values[i + 1])
        elif op == "re":
            x, y, w, h = values
            for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h)):
                self.point(px, py)
        elif op in PAINT or op == "n":
            self.paint(op)
        else:
            self.state(op, values)


def _number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def pdf_shapes(pdf):
    """The painted paths of every page: [(page, (r, g, b) of the fill or the
    stroke, x0, y0, x1, y1)] in points from the top-left corner (images and
    text are not shapes)."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    shapes = []
    for number, page in enumerate(reader.pages, start=1):
        painter = _Painter(number, float(page.mediabox.height))
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            op = operator.decode() if isinstance(operator, bytes) else operator
            painter.do(op, [_number(v) for v in operands])
        shapes += painter.shapes
    return shapes


def same_colour(a, b, tolerance=0.02):
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def seal_box(shapes, page=None):
    """The box of the seal's shapes (SEAL_RED) on ``page`` (any page when
    None), or None: the paths' box and the outer half of the ring's stroke
    (the paths give the middle of a stroke)."""
    red = [s for s in shapes if same_colour(s[1], SEAL_RED) and page in (None, s[0])]
    if not red:
        return None
    half = RING_MM / 2 * MM
    return (
        red[0][0],
        min(s[2] for s in red) - half,
        min(s[3] for s in red) - half,
        max(s[4] for s in red) + half,
        max(s[5] for s in red) + half,
    )


def overlaps(box, word, margin=0.0):
    """Do the box (x0, y0, x1, y1) and the word's box overlap?"""
    x0, y0, x1, y1 = box
    _page, wx0, wy0, wx1, wy1, _text = word
    return not (
        wx1 <= x0 + margin
        or wx0 >= x1 - margin
        or wy1 <= y0 + margin
        or wy0 >= y1 - margin
    )


def pdf_fonts(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        return subprocess.run(
            ["pdffonts", f.name], capture_output=True, check=True, text=True
        ).stdout


def assert_gb_letter(test, pdf, number, issuer, date):
    """Check a letter of the suite (``tools/gb_print.py``) on its PDF: the
    GB/T 9704 版心 (± 1 mm), 3号 仿宋 text, its ``number`` printed, the
    ``issuer`` signing centred over the ``date``, the seal centred on both
    and over no other text."""
    test.assertIn("ZhuqueFangsong", pdf_fonts(pdf))
    words = pdf_words(pdf)
    flat = "".join(w[5] for w in words)
    test.assertIn(number, flat)
    for word in words:
        with test.subTest(word=word[5]):
            test.assertGreaterEqual(word[1] / MM, 28 - 1)
            test.assertLessEqual(word[3] / MM, 28 + 156 + 1)
            test.assertGreaterEqual(word[2] / MM, 37 - 1)
            test.assertLessEqual(word[4] / MM, 37 + 225 + 1)
    date_word = next((w for w in words if w[5] == date), None)
    test.assertTrue(date_word, (date, [w[5] for w in words]))
    signature = next(
        w
        for w in words
        if w[0] == date_word[0] and w[5] == issuer and w[4] <= date_word[2] + 1
    )
    # 3号 (16 pt) 仿宋: the box spans the font's ascent and descent (1.2 em)
    test.assertAlmostEqual((signature[4] - signature[2]) / 1.2, 16, delta=0.5)
    middle = (date_word[1] + date_word[3]) / 2
    test.assertAlmostEqual((signature[1] + signature[3]) / 2, middle, delta=1 * MM)
    box = seal_box(pdf_shapes(pdf), page=date_word[0])
    test.assertTrue(box, "no seal")
    _page, x0, y0, x1, y1 = box
    test.assertAlmostEqual((x1 - x0) / MM, 40, delta=1)
    test.assertAlmostEqual((x0 + x1) / 2, middle, delta=1 * MM)
    test.assertGreater((signature[4] + date_word[2]) / 2, (y0 + y1) / 2)
    for word in words:
        if word[0] == date_word[0] and word not in (signature, date_word):
            with test.subTest(word=word[5]):
                test.assertFalse(overlaps((x0, y0, x1, y1), word), word)

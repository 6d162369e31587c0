# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What every printed PDF of the suite needs from wkhtmltopdf, in one place
(the red-header documents, the periodicals, the assessment notices):

- the scale: Debian's wkhtmltopdf (unpatched Qt) prints a CSS pixel smaller
  than a patched one, so the prints give lengths in the pixels of the one
  installed (``wkhtmltopdf_pt_per_px``);
- the text layer: Qt writes each glyph's ToUnicode entry from the font's
  cmap, and the CJK fonts map a Kangxi radical (⼈ U+2F08) to the very glyph
  of the ideograph (人 U+4EBA): such entries are mapped back to the ideograph
  (``repair_fonts``, ``fix_cjk_text``), so that search, copy, indexing and
  archiving read what is printed;
- page numbers, which an unpatched wkhtmltopdf does not print from Odoo's
  footer HTML, stamped afterwards (``finish_pdf``);
- Chinese dates (2026年4月1日) and a private runtime directory for Qt.
"""

import io
import os
import re
import subprocess
import tempfile
import unicodedata
import zlib

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from odoo.tools.pdf import PdfFileReader, PdfFileWriter

A4 = (210 * mm, 297 * mm)

# Debian's wkhtmltopdf (unpatched Qt) ignores --dpi, --zoom and
# --disable-smart-shrinking and prints 1 CSS pixel as 0.5762 pt (measured on
# blocks of 100 to 1000 px); a wkhtmltopdf "with patched qt" prints at 96 dpi
# (0.75 pt).  The prints give their lengths in pixels of the one in use.
UNPATCHED_QT_PT_PER_PX = 0.57619
PATCHED_QT_PT_PER_PX = 0.75
_zoom_cache = []


def wkhtmltopdf_pt_per_px():
    """The printed points of one CSS pixel with the installed wkhtmltopdf
    (asked once per process)."""
    if not _zoom_cache:
        from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

        try:
            version = subprocess.run(
                [_get_wkhtmltopdf_bin(), "--version"],
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            version = ""
        patched = "patched qt" in version.lower()
        _zoom_cache.append(PATCHED_QT_PT_PER_PX if patched else UNPATCHED_QT_PT_PER_PX)
    return _zoom_cache[0]


_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
_ARRAY = re.compile(rb"\[[^\]]*\]")
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>[ \t]*<([0-9A-Fa-f]+)>")
_BFCHAR_BLOCK = re.compile(rb"beginbfchar.*?endbfchar", re.S)


def _is_radical(codepoint):
    return 0x2E80 <= codepoint <= 0x2EFF or 0x2F00 <= codepoint <= 0x2FDF


def _ideograph(codepoint):
    """The unified ideograph a radical stands for (NFKC), or None."""
    char = unicodedata.normalize("NFKC", chr(codepoint))
    if len(char) == 1 and not _is_radical(ord(char)):
        return ord(char)
    return RADICAL_SUPPLEMENT.get(codepoint)


# CJK Radicals Supplement without a compatibility decomposition: the
# simplified forms a Chinese text prints with these glyphs.
RADICAL_SUPPLEMENT = {
    0x2E8A: 0x535C,  # ⺊ 卜
    0x2E8C: 0x5C0F,  # ⺌ 小
    0x2E8D: 0x5C0F,
    0x2E95: 0x5F50,  # ⺕ 彐
    0x2E97: 0x5FC3,  # ⺗ 心
    0x2EA7: 0x725B,  # ⺧ 牛
    0x2EA9: 0x738B,  # ⺩ 王
    0x2EAA: 0x758B,  # ⺪ 疋
    0x2EAE: 0x7AF9,  # ⺮ 竹
    0x2EB6: 0x7F8A,  # ⺶ 羊
    0x2EB7: 0x7F8A,
    0x2EB9: 0x8002,  # ⺹ 耂
    0x2EBE: 0x8279,  # ⺾ 艹
    0x2EBB: 0x807F,  # ⺻ 聿
    0x2EC0: 0x8278,  # ⻀ 艸
    0x2EC3: 0x8980,  # ⻃ 襾
    0x2EC4: 0x897F,  # ⻄ 西
    0x2EC5: 0x89C1,  # ⻅ 见
    0x2EC6: 0x89D2,  # ⻆ 角
    0x2ECA: 0x8DB3,  # ⻊ 足
    0x2ECF: 0x961D,  # ⻏ 阝
    0x2ED6: 0x961D,  # ⻖ 阝
    0x2ED8: 0x9752,  # ⻘ 青
    0x2EDA: 0x9875,  # ⻚ 页
    0x2EE0: 0x9963,  # ⻠ 饣
    0x2EE3: 0x9AA8,  # ⻣ 骨
    0x2EC8: 0x8BA0,  # ⻈ 讠
    0x2ECB: 0x8F66,  # ⻋ 车
    0x2ED0: 0x9485,  # ⻐ 钅
    0x2ED3: 0x957F,  # ⻓ 长
    0x2ED4: 0x95E8,  # ⻔ 门
    0x2EDB: 0x98CE,  # ⻛ 风
    0x2EDC: 0x98DE,  # ⻜ 飞
    0x2EDD: 0x98DF,  # ⻝ 食
    0x2EE2: 0x9A6C,  # ⻢ 马
    0x2EE4: 0x9B3C,  # ⻤ 鬼
    0x2EE5: 0x9C7C,  # ⻥ 鱼
    0x2EE6: 0x9E1F,  # ⻦ 鸟
    0x2EE7: 0x5364,  # ⻧ 卤
    0x2EE8: 0x9EA6,  # ⻨ 麦
    0x2EE9: 0x9EC4,  # ⻩ 黄
    0x2EEA: 0x9EFE,  # ⻪ 黾
    0x2EEB: 0x6589,  # ⻫ 斉
    0x2EEC: 0x9F50,  # ⻬ 齐
    0x2EEF: 0x9F7F,  # ⻯ 齿
    0x2EF0: 0x9F99,  # ⻰ 龙
    0x2EF2: 0x4E80,  # ⻲ 亀
    0x2EF3: 0x9F9F,  # ⻳ 龟
}


def _fix_target(token):
    """``<2F08>`` → ``<4EBA>``: a radical target becomes its ideograph."""
    target = int(token, 16)
    if len(token) == 4 and _is_radical(target):
        ideograph = _ideograph(target)
        if ideograph:
            return b"%04X" % ideograph
    return token


def repair_to_unicode(cmap_data):
    """Return the ToUnicode CMap ``cmap_data`` (bytes) with every radical
    target replaced by its ideograph: in the target arrays of ``bfrange``
    (as Qt writes them) and the targets of ``bfchar`` entries."""

    def fix_array(match):
        return _HEX.sub(lambda m: b"<" + _fix_target(m.group(1)) + b">", match.group(0))

    def fix_bfchar_block(match):
        return _BFCHAR.sub(
            lambda m: b"<%s> <%s>" % (m.group(1), _fix_target(m.group(2))),
            match.group(0),
        )

    data = _ARRAY.sub(fix_array, cmap_data)
    return _BFCHAR_BLOCK.sub(fix_bfchar_block, data)


def repair_fonts(page, done):
    """Repair, in place, the ToUnicode maps of the fonts of ``page`` (each
    stream once: ``done`` holds those already seen)."""
    resources = page.get("/Resources")
    resources = resources.get_object() if resources else None
    fonts = resources.get("/Font") if resources is not None else None
    if fonts is None:
        return
    for font_ref in fonts.get_object().values():
        to_unicode = font_ref.get_object().get("/ToUnicode")
        if to_unicode is None:  # (an empty stream dictionary is falsy)
            continue
        stream = to_unicode.get_object()
        if id(stream) in done:
            continue
        done.add(id(stream))
        data = stream.get_data()
        repaired = repair_to_unicode(data)
        if repaired == data:
            continue
        if stream.get("/Filter") == "/FlateDecode" and not stream.get("/DecodeParms"):
            stream._data = zlib.compress(repaired)
            stream.decoded_self = None
        elif not stream.get("/Filter"):
            stream._data = repaired


def fix_cjk_text(pdf_bytes):
    """``pdf_bytes`` with the text layer of every page repaired."""
    return finish_pdf(pdf_bytes)


def finish_pdf(pdf_bytes, page_number=None):
    """Repair the text layer of a rendered PDF and, with ``page_number``
    (``page_number(canvas, number, count)`` draws one page's number on an
    A4 reportlab canvas), stamp the page numbers."""
    reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    count = len(reader.pages)
    overlay = None
    if page_number:
        packet = io.BytesIO()
        can = canvas.Canvas(packet, pagesize=A4)
        for number in range(1, count + 1):
            page_number(can, number, count)
            can.showPage()
        can.save()
        packet.seek(0)
        overlay = PdfFileReader(packet, strict=False)
    writer = PdfFileWriter()
    done = set()
    for index, page in enumerate(reader.pages):
        repair_fonts(page, done)
        if overlay:
            page.merge_page(overlay.pages[index])
        writer.add_page(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def chinese_date(value):
    """A date as Chinese prints write it: 2026年4月1日 (no leading zeros)."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def ensure_runtime_dir():
    """Qt wants a private runtime directory, and says so on stderr (which
    Odoo logs as a warning) when XDG_RUNTIME_DIR is unset, as it is for a
    service: give it the one it would use."""
    if os.environ.get("XDG_RUNTIME_DIR"):
        return
    path = os.path.join(tempfile.gettempdir(), f"runtime-{os.getuid()}")
    os.makedirs(path, mode=0o700, exist_ok=True)
    if os.stat(path).st_uid == os.getuid():
        os.chmod(path, 0o700)
        os.environ["XDG_RUNTIME_DIR"] = path


FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">{system}</include>
  <dir>{fonts}</dir>
</fontconfig>
"""


def ensure_fonts():
    """Give wkhtmltopdf the suite's fonts (``oa_base/static/fonts``: the
    仿宋 of the prints) without installing them on the machine: a font
    found through fontconfig is embedded as text, whereas a web font of an
    ``@font-face`` rule is printed as outlines (Qt embeds only fonts that
    have a file), with no text layer.  The wkhtmltopdf processes inherit a
    fontconfig file that includes the system's and adds the addon's
    folder."""
    from odoo.tools.misc import file_path

    try:
        fonts = file_path("oa_base/static/fonts")
    except FileNotFoundError:
        return
    current = os.environ.get("FONTCONFIG_FILE")
    name = f"oa-fontconfig-{os.getuid()}.conf"
    if current and os.path.basename(current) == name and os.path.exists(current):
        return
    system = current or "/etc/fonts/fonts.conf"
    content = FONTCONFIG.format(system=system, fonts=fonts)
    path = os.path.join(tempfile.gettempdir(), name)
    try:
        with open(path, encoding="utf-8") as handle:
            same = handle.read() == content
    except OSError:
        same = False
    if not same:
        fd, tmp = tempfile.mkstemp(prefix="oa-fontconfig-", dir=tempfile.gettempdir())
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
        os.replace(tmp, path)
    os.environ["FONTCONFIG_FILE"] = path

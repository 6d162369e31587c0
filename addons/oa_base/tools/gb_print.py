# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The page of the suite's official letters that are not red-header
documents (the training certificate, the assessment notice): the GB/T
9704-2012 geometry (A4, 版心 156 × 225 mm, 37 mm from the top and 28 mm
from the left edge, the paper format ``oa_base.paperformat_oa_gb_9704``),
3号 仿宋 body text on 22 lines, a 小标宋-like bold title, a red line, and
the 署名 centred over the date with the issuing unit's seal (see
``seal.py``).

Lengths are printed points converted to the CSS pixels of the wkhtmltopdf
in use (``pdf.wkhtmltopdf_pt_per_px``)."""

import math

from markupsafe import Markup

from .pdf import wkhtmltopdf_pt_per_px
from .seal import SEAL_DIAMETER_MM, seal_data_uri

MM = 72 / 25.4
LINE = 225 * MM / 22  # 22 lines in the 版心
FANGSONG = (
    '"Zhuque Fangsong", "Zhuque Fangsong Web", "FangSong_GB2312", "FangSong", '
    '"STFangsong", '
    '"Noto Serif CJK SC", serif'
)
SONGTI = '"FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "SimSun", serif'
HEITI = '"SimHei", "Noto Sans CJK SC", sans-serif'
RED = "#e60012"

TEMPLATE = """
html, body.o_body_pdf {
    margin: 0 !important; padding: 0 !important; max-width: none !important;
    width: auto !important; background: none !important;
}
.o_oa_letter {
    font-family: %(fangsong)s; font-size: %(body)s; line-height: %(line)s;
    color: #000; text-align: justify; word-break: break-all;
}
.o_oa_letter div, .o_oa_letter p, .o_oa_letter span, .o_oa_letter td,
.o_oa_letter th, .o_oa_letter table {
    margin: 0; padding: 0; font-family: inherit; font-weight: normal;
}
.o_oa_letter .o_oa_letter_line { height: %(line)s; white-space: nowrap; }
.o_oa_letter .o_oa_letter_head {
    font-family: %(songti)s; font-weight: bold; color: %(red)s; text-align: center;
    font-size: %(head)s; line-height: %(head_line)s; height: %(head_line)s;
    white-space: nowrap; letter-spacing: %(head_spacing)s;
}
.o_oa_letter .o_oa_letter_center { text-align: center; }
.o_oa_letter .o_oa_letter_right { text-align: right; }
.o_oa_letter .o_oa_letter_rule {
    height: %(line)s; box-sizing: border-box; padding-top: %(rule_top)s;
}
.o_oa_letter .o_oa_letter_rule div { border-top: %(rule)s solid %(red)s; height: 0; }
.o_oa_letter .o_oa_letter_title {
    font-family: %(songti)s; font-weight: bold; text-align: center;
    font-size: %(title)s; line-height: %(line)s;
}
.o_oa_letter p.o_oa_letter_text { text-indent: 2em; }
.o_oa_letter .o_oa_letter_small, .o_oa_letter table.o_oa_letter_table td,
.o_oa_letter table.o_oa_letter_table th {
    font-size: %(small)s; line-height: %(small_line)s;
}
.o_oa_letter table.o_oa_letter_table {
    width: 100%%; border-collapse: collapse; table-layout: fixed;
    margin: %(half)s 0;
}
.o_oa_letter table.o_oa_letter_table td, .o_oa_letter table.o_oa_letter_table th {
    border: 1px solid #000; padding: %(cell_pad)s; vertical-align: top;
}
.o_oa_letter table.o_oa_letter_table th {
    font-family: %(heiti)s; text-align: center; vertical-align: middle;
}
/* a line and a half above the 署名 and a line under the date, in one block
   with the seal that reaches into them: a page break never cuts it; the
   closing paragraph goes with it (no page with the signature alone) */
.o_oa_letter .o_oa_letter_signature {
    text-align: right; padding: %(line15)s 4em %(line)s 0; page-break-inside: avoid;
}
.o_oa_letter .o_oa_letter_closing { page-break-inside: avoid; }
.o_oa_letter table.o_oa_letter_table tr, .o_oa_letter table.o_oa_letter_table td {
    page-break-inside: avoid;
}
.o_oa_letter table.o_oa_letter_table thead { display: table-header-group; }
.o_oa_letter .o_oa_letter_signature_box {
    display: inline-block; position: relative; text-align: center;
}
.o_oa_letter .o_oa_letter_seal {
    position: absolute; left: 50%%; margin-left: -%(seal_half)s; top: %(seal_top)s;
    width: %(seal)s; height: %(seal)s;
}
"""


def letter_css(pt_per_px=None):
    """The CSS of the letters, in the pixels of the installed wkhtmltopdf."""
    pt_per_px = pt_per_px or wkhtmltopdf_pt_per_px()

    def pt(value):
        return f"{value / pt_per_px:.3f}px"

    line = math.floor(LINE / pt_per_px)
    seal = SEAL_DIAMETER_MM * MM
    return Markup(
        TEMPLATE
        % {
            "fangsong": FANGSONG,
            "songti": SONGTI,
            "heiti": HEITI,
            "red": RED,
            "body": f"{round(16 / pt_per_px)}px",  # 3号
            "line": f"{line}px",
            "line15": f"{line * 3 // 2}px",
            "half": f"{line // 2}px",
            "head": f"{round(30 / pt_per_px)}px",
            "head_line": f"{2 * line}px",
            "head_spacing": pt(2),
            "rule_top": pt(5),
            "rule": pt(1.5),
            "title": f"{round(22 / pt_per_px)}px",  # 2号
            "small": f"{round(14 / pt_per_px)}px",  # 4号
            "small_line": pt(22),
            "cell_pad": f"{pt(3)} {pt(5)}",
            "seal": pt(seal),
            "seal_half": pt(seal / 2),
            # the 署名 and the date a little under the seal's centre
            "seal_top": pt(line * pt_per_px - seal / 2 - 3 * MM),
        }
    )


def letter_values(issuer):
    """What a letter's template needs: its CSS and the seal of ``issuer``
    (the issuing organisation's full name)."""
    return {"css": letter_css(), "seal": seal_data_uri(issuer)}

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The type of the GB/T 9704 prints, as CSS in true sizes: every length is
given in printed points and converted to the CSS pixels of the wkhtmltopdf
in use (see ``wkhtmltopdf_pt_per_px``), so that 16 pt prints as 16 pt and
the 版心 is 156 × 225 mm.  WebKit keeps font sizes, line heights and letter
spacing in whole pixels: those are rounded so that 22 lines of 28
characters fit the 版心, as GB/T 9704 asks."""

import math

from markupsafe import Markup

LINE = 225 / 25.4 * 72 / 22  # 22 lines in the 225 mm of the 版心 (28.99 pt)
BODY = 16  # 3号
FANGSONG = (
    '"FangSong", "FangSong_GB2312", "STFangsong", "Noto Serif CJK SC", '
    '"Noto Serif CJK", serif'
)
HEITI = '"SimHei", "Noto Sans CJK SC", "Noto Sans CJK", sans-serif'
KAITI = '"KaiTi", "KaiTi_GB2312", "STKaiti", "Noto Serif CJK SC", serif'
SONGTI = '"FZXiaoBiaoSong-B05S", "SimSun", "Noto Serif CJK SC", serif'

TEMPLATE = """
html, body.o_body_pdf {
    margin: 0 !important; padding: 0 !important; max-width: none !important;
    width: auto !important; background: none !important;
}
.o_oa_gb {
    position: relative; font-family: %(fangsong)s; font-size: %(body)s;
    line-height: %(line)s; letter-spacing: %(spacing)s; color: #000;
    text-align: justify; word-break: break-all;
}
.o_oa_gb p, .o_oa_gb div, .o_oa_gb h1, .o_oa_gb h2, .o_oa_gb h3, .o_oa_gb h4,
.o_oa_gb ul, .o_oa_gb ol, .o_oa_gb table, .o_oa_gb span {
    margin: 0; padding: 0; font-size: %(body)s; line-height: %(line)s;
    font-weight: normal; font-family: inherit;
}
.o_oa_gb_body p { text-indent: 2em; }
.o_oa_gb .o_oa_gb_sans { font-family: %(heiti)s; }
.o_oa_gb .o_oa_gb_kai { font-family: %(kaiti)s; }
.o_oa_gb .o_oa_gb_song { font-family: %(songti)s; }
.o_oa_gb .o_oa_gb_red { color: #e60012; }
.o_oa_gb .o_oa_gb_line { height: %(line)s; overflow: hidden; white-space: nowrap; }
.o_oa_gb .o_oa_gb_first { height: %(line)s; line-height: %(body)s; }
.o_oa_gb .o_oa_gb_center { text-align: center; }
.o_oa_gb .o_oa_gb_right { text-align: right; }
.o_oa_gb .o_oa_gb_gap_down { height: %(gap_down)s; }
.o_oa_gb .o_oa_gb_gap_up { height: %(gap_up)s; }
.o_oa_gb .o_oa_gb_issuer {
    height: %(line2)s; line-height: %(line2)s; font-weight: bold;
    white-space: nowrap; letter-spacing: %(issuer_spacing)s;
}
.o_oa_gb .o_oa_gb_rule {
    height: %(line)s;
    box-sizing: border-box;
    padding-top: %(rule_top)s;
}
.o_oa_gb .o_oa_gb_rule div { border-top: %(rule)s solid #e60012; height: 0; }
.o_oa_gb .o_oa_gb_title {
    font-size: %(title)s; font-weight: bold; text-align: center; letter-spacing: 0;
}
.o_oa_gb .o_oa_gb_mark {
    position: absolute; top: 0; right: 0; border: %(mark_border)s solid #e60012;
    color: #e60012; font-family: %(heiti)s; font-size: %(mark)s; line-height: %(line)s;
    padding: 0 %(mark_pad)s; letter-spacing: %(mark_pad)s;
}
.o_oa_gb .o_oa_gb_watermark {
    position: absolute; top: %(watermark_top)s; left: 0; width: 100%%;
    text-align: center; font-family: %(heiti)s; font-size: %(watermark)s;
    line-height: %(watermark_line)s; color: rgba(230, 0, 18, 0.12);
    -webkit-transform: rotate(-30deg); transform: rotate(-30deg);
    letter-spacing: %(watermark_spacing)s;
}
.o_oa_gb .o_oa_gb_signature { position: relative; page-break-inside: avoid; }
.o_oa_gb .o_oa_gb_seal {
    position: absolute; right: %(seal_right)s; top: %(seal_top)s;
    width: %(seal)s; height: %(seal)s; opacity: 0.85;
}
.o_oa_gb .o_oa_gb_indent2 { padding-right: 2em; }
.o_oa_gb .o_oa_gb_indent4 { padding-right: 4em; }
.o_oa_gb .o_oa_gb_fingerprint, .o_oa_gb .o_oa_gb_fingerprint div {
    font-family: %(heiti)s; font-size: %(small)s; line-height: %(half)s;
    color: #555; letter-spacing: 0; word-break: break-all;
}
.o_oa_gb .o_oa_gb_fingerprint { height: %(line2)s; page-break-inside: avoid; }
.o_oa_gb .o_oa_gb_fingerprint img { width: %(qr)s; height: %(qr)s; float: right; }
.o_oa_gb .o_oa_gb_colophon { page-break-inside: avoid; }
.o_oa_gb .o_oa_gb_colophon div {
    font-size: %(colophon)s; box-sizing: border-box; height: %(line)s;
    line-height: %(colophon_line)s; padding: 0 %(colophon)s; letter-spacing: 0;
    white-space: nowrap; overflow: hidden;
}
.o_oa_gb .o_oa_gb_colophon .o_oa_gb_thick_top { border-top: %(thick)s solid #000; }
.o_oa_gb .o_oa_gb_thin_top { border-top: %(thin)s solid #000; }
.o_oa_gb .o_oa_gb_colophon .o_oa_gb_thick_bottom {
    border-bottom: %(thick)s solid #000;
}
.o_oa_gb .o_oa_gb_colophon span {
    font-size: %(colophon)s;
    line-height: %(colophon_line)s;
}
.o_oa_gb .o_oa_gb_slip_head {
    font-size: %(slip_title)s;
    line-height: %(line2)s;
    height: %(line2)s;
    font-weight: bold;
    letter-spacing: 2px;
}
.o_oa_gb .o_oa_gb_slip_meta, .o_oa_gb .o_oa_gb_slip_meta span {
    font-size: %(colophon)s;
    letter-spacing: 0;
}
.o_oa_gb table.o_oa_gb_slip {
    width: 100%%;
    border-collapse: collapse;
    table-layout: fixed;
}
.o_oa_gb .o_oa_gb_slip td, .o_oa_gb .o_oa_gb_slip th, .o_oa_gb .o_oa_gb_slip td div {
    font-size: %(colophon)s; line-height: %(slip_line)s; letter-spacing: 0;
}
.o_oa_gb .o_oa_gb_slip td, .o_oa_gb .o_oa_gb_slip th {
    border: %(thin)s solid #e60012; padding: %(cell_pad)s; vertical-align: top;
}
.o_oa_gb .o_oa_gb_slip th {
    color: #e60012; font-weight: normal; text-align: center; vertical-align: middle;
    white-space: nowrap;
}
.o_oa_gb .o_oa_gb_slip .o_oa_gb_box { height: %(box)s; }
.o_oa_gb .o_oa_gb_slip .o_oa_gb_box div.o_oa_gb_box_text {
    min-height: %(box_text)s;
    white-space: pre-wrap;
}
"""


def line_px(pt_per_px):
    """The line pitch in whole CSS pixels: 22 lines fit the 225 mm."""
    return math.floor(LINE / pt_per_px)


def gb_css(pt_per_px):
    """The CSS of the prints for a wkhtmltopdf printing 1 CSS pixel as
    ``pt_per_px`` points."""

    def pt(value):
        return f"{value / pt_per_px:.3f}px"

    def font(value):
        return f"{round(value / pt_per_px)}px"

    line = line_px(pt_per_px)
    return Markup(
        TEMPLATE
        % {
            "fangsong": FANGSONG,
            "heiti": HEITI,
            "kaiti": KAITI,
            "songti": SONGTI,
            "body": font(BODY),
            "line": f"{line}px",
            "line2": f"{2 * line}px",
            "half": f"{line // 2}px",
            # WebKit keeps whole pixels of letter spacing: -1 px brings 28
            # characters, and not 29, into the 156 mm; justified
            "spacing": "-1px",
            # 发文机关标志: its top 35 mm under the top of the 版心 (80 mm
            # for 上行文), after the first line
            "gap_down": pt(35 / 25.4 * 72 - LINE),
            "gap_up": pt(80 / 25.4 * 72 - LINE),
            "issuer_spacing": pt(2),
            "rule_top": pt(11),  # the red line 4 mm under the number
            "rule": pt(1.5),
            "title": font(22),  # 2号
            "mark": font(18),
            "mark_border": pt(2),
            "mark_pad": pt(4),
            "watermark": font(80),
            "watermark_line": pt(100),
            "watermark_top": pt(250),
            "watermark_spacing": pt(20),
            "seal": pt(120),
            "seal_right": pt(48),
            "seal_top": pt(-30),
            "small": font(9),
            "qr": pt(54),
            "colophon": font(14),  # 4号
            "colophon_line": f"{line - 3}px",
            "thick": pt(1),
            "thin": pt(0.7),
            "slip_title": font(26),
            "slip_line": font(22),
            "cell_pad": f"{pt(4)} {pt(6)}",
            "box": pt(130),
            "box_text": pt(100),
        }
    )

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The type of the GB/T 9704 prints, as CSS in true sizes: every length is
given in printed points and converted to the CSS pixels of the wkhtmltopdf
in use (see ``wkhtmltopdf_pt_per_px``), so that 16 pt prints as 16 pt and
the 版心 is 156 × 225 mm.  WebKit keeps font sizes, line heights and letter
spacing in whole pixels: those are rounded so that 22 lines of 28
characters fit the 版心, as GB/T 9704 asks."""

import math

from markupsafe import Markup

MM = 72 / 25.4  # points per millimetre
LINE = 225 * MM / 22  # 22 lines in the 225 mm of the 版心 (28.99 pt)
BODY = 16  # 3号
# 仿宋: 朱雀仿宋, shipped with oa_base (static/fonts, declared in the report
# assets), so that every server prints the same type; its line metrics
# (hhea, in em) and its ideographic em box (OS/2 typo: 0.85 above the
# baseline, 0.15 below) place the red line and the seal
FANGSONG = (
    '"Zhuque Fangsong", "Zhuque Fangsong Web", "FangSong_GB2312", "FangSong", '
    '"STFangsong", '
    '"Noto Serif CJK SC", serif'
)
FANGSONG_ASCENT, FANGSONG_DESCENT, FANGSONG_EM_BOTTOM = 1.05, 0.15, 0.15
# 小标宋-like: Noto Serif CJK SC Bold (hhea 1.151 / 0.286, em box top 0.88)
SONGTI_ASCENT, SONGTI_DESCENT, SONGTI_EM_TOP = 1.151, 0.286, 0.88
SEAL = 40  # mm: the seal's diameter (企业印章 Ø 40 mm)
RED_LINE_UNDER_NUMBER = 4  # mm
HEITI = '"SimHei", "Noto Sans CJK SC", "Noto Sans CJK", sans-serif'
KAITI = '"KaiTi", "KaiTi_GB2312", "STKaiti", "Noto Serif CJK SC", serif'
SONGTI = '"FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "SimSun", serif'

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
.o_oa_gb .o_oa_gb_issuer {
    font-weight: bold; white-space: nowrap; letter-spacing: %(issuer_spacing)s;
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
.o_oa_gb div.o_oa_gb_signature {
    text-align: right; padding: %(line2)s 0 %(line)s 0; page-break-inside: avoid;
}
.o_oa_gb .o_oa_gb_signature_box {
    display: inline-block; position: relative; text-align: center;
}
.o_oa_gb .o_oa_gb_seal {
    position: absolute; left: 50%%; margin-left: -%(seal_half)s; top: %(seal_top)s;
    width: %(seal)s; height: %(seal)s;
}
.o_oa_gb .o_oa_gb_fingerprint, .o_oa_gb .o_oa_gb_fingerprint div {
    font-family: %(heiti)s; font-size: %(small)s; line-height: %(half)s;
    color: #555; letter-spacing: 0; word-break: break-all;
}
.o_oa_gb .o_oa_gb_fingerprint { height: %(line2)s; page-break-inside: avoid; }
.o_oa_gb .o_oa_gb_fingerprint img { width: %(qr)s; height: %(qr)s; float: right; }
.o_oa_gb .o_oa_gb_foot, .o_oa_gb .o_oa_gb_colophon { page-break-inside: avoid; }
.o_oa_gb .o_oa_gb_colophon div.o_oa_gb_cline {
    font-size: %(colophon)s; height: %(cline)s; line-height: %(cline)s;
    padding: 0 %(colophon)s; letter-spacing: 0; white-space: nowrap; overflow: hidden;
}
/* the rules: WebKit draws borders in whole pixels (0.2 mm here), a scaled
   block in true size */
.o_oa_gb .o_oa_gb_colophon div.o_oa_gb_hr {
    height: 2px; line-height: 2px; background: #000;
    -webkit-transform-origin: 0 0; transform-origin: 0 0;
}
.o_oa_gb .o_oa_gb_colophon div.o_oa_gb_hr_thick {
    -webkit-transform: scaleY(%(thick_scale)s); transform: scaleY(%(thick_scale)s);
}
.o_oa_gb .o_oa_gb_colophon div.o_oa_gb_hr_thin {
    -webkit-transform: scaleY(%(thin_scale)s); transform: scaleY(%(thin_scale)s);
}
.o_oa_gb .o_oa_gb_colophon span {
    font-size: %(colophon)s;
    line-height: %(cline)s;
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


RULE = 1.5  # pt: the red separator line


def rule_top_px(pt_per_px, line, body_px):
    """The space above the red line in its block (the line after the
    发文字号) so that the line's middle is 4 mm under the number's
    characters (their em box, in the 仿宋 of the number's line)."""
    size = body_px * pt_per_px
    # the em box's bottom under the top of the number's line (line-height
    # ``line``: the font's ascent and descent centred in it)
    em_bottom = (
        line * pt_per_px / 2
        + (FANGSONG_ASCENT - FANGSONG_DESCENT) / 2 * size
        + FANGSONG_EM_BOTTOM * size
    )
    below = line * pt_per_px - em_bottom
    return round((RED_LINE_UNDER_NUMBER * MM - below - RULE / 2) / pt_per_px)


def issuer_gap(pt_per_px, issuer_px, upward=False):
    """The height (CSS) between the first line and the 发文机关标志, whose
    characters' top is 35 mm (上行文: 80 mm) under the top of the 版心: its
    line-height is its font size, the font's ascent and descent centred."""
    size = issuer_px * pt_per_px
    em_top = (
        size / 2 + (SONGTI_ASCENT - SONGTI_DESCENT) / 2 * size - SONGTI_EM_TOP * size
    )
    line = line_px(pt_per_px) * pt_per_px
    top = (80 if upward else 35) * MM
    return f"{(top - line - em_top) / pt_per_px:.3f}px"


def text_width(text):
    """The width of a line of the 仿宋 in em: ideographs 1, the rest
    (digits) about half."""
    return sum(1 if ord(char) > 0x2E80 else 0.53 for char in text)


TITLE = 22  # 2号
TITLE_LINE = 156 * MM / TITLE  # characters of the title on one line (20)


# where a title's line may end without cutting a word: after these
# particles and punctuation, or after these words of official titles
TITLE_BREAK_AFTER = "的、，,和及与"
TITLE_WORDS = (
    "关于",
    "系统",
    "公司",
    "工作",
    "方案",
    "单位",
    "项目",
    "考核",
    "情况",
    "管理",
    "办公",
    "安全",
    "期间",
    "运行",
    "建设",
    "实施",
    "开展",
    "做好",
    "集团",
    "上线",
)


def _title_breaks(title):
    """The places (character counts) after which a title may break."""
    places = set()
    for index, char in enumerate(title):
        if char in TITLE_BREAK_AFTER:
            places.add(index + 1)
        if title[index : index + 2] in TITLE_WORDS:
            places.update((index, index + 2))
    return places


def title_lines(title):
    """The title in lines of about even length (GB/T 9704: a title of
    several lines keeps its words whole and is set as a trapezoid or a
    diamond, never with a last word alone), breaking between words where
    one is known near the middle."""
    width = text_width(title)
    count = math.ceil(width / TITLE_LINE) if width else 1
    if count <= 1:
        return [title]
    breaks = _title_breaks(title)
    lines, start = [], 0
    for part in range(1, count):
        target = width * part / count
        # the break nearest the even one, within three characters and
        # leaving each line within the 版心; else the even one
        candidates = [
            place
            for place in breaks
            if start < place < len(title)
            and abs(text_width(title[:place]) - target) <= 3
            and text_width(title[start:place]) <= TITLE_LINE
        ]
        even = start + 1
        while even < len(title) and text_width(title[:even]) < target:
            even += 1
        place = (
            min(candidates, key=lambda p: (abs(text_width(title[:p]) - target), -p))
            if candidates
            else even
        )
        lines.append(title[start:place])
        start = place
    lines.append(title[start:])
    return lines


def gb_css(pt_per_px):
    """The CSS of the prints for a wkhtmltopdf printing 1 CSS pixel as
    ``pt_per_px`` points."""

    def pt(value):
        return f"{value / pt_per_px:.3f}px"

    def font(value):
        return f"{round(value / pt_per_px)}px"

    line = line_px(pt_per_px)
    body_px = round(BODY / pt_per_px)
    return Markup(
        TEMPLATE
        % {
            "fangsong": FANGSONG,
            "heiti": HEITI,
            "kaiti": KAITI,
            "songti": SONGTI,
            "body": f"{body_px}px",
            "line": f"{line}px",
            "line2": f"{2 * line}px",
            "half": f"{line // 2}px",
            # WebKit keeps whole pixels of letter spacing: -1 px brings 28
            # characters, and not 29, into the 156 mm; justified
            "spacing": "-1px",
            "issuer_spacing": pt(2),
            "rule_top": f"{rule_top_px(pt_per_px, line, body_px)}px",
            "rule": pt(RULE),
            "title": font(TITLE),
            "mark": font(18),
            "mark_border": pt(2),
            "mark_pad": pt(4),
            "watermark": font(80),
            "watermark_line": pt(100),
            "watermark_top": pt(250),
            "watermark_spacing": pt(20),
            "seal": pt(SEAL * MM),
            "seal_half": pt(SEAL * MM / 2),
            # the 署名 and the date a little under the seal's centre (3 mm)
            "seal_top": pt(line * pt_per_px - SEAL * MM / 2 - 3 * MM),
            "small": font(9),
            "qr": pt(54),
            "colophon": font(14),  # 4号
            # each line of the 版记 and its rule take one line of the 版心
            "cline": f"{line - 2}px",
            # 2 px scaled to 0.35 mm and 0.25 mm
            "thick_scale": f"{0.35 * MM / pt_per_px / 2:.4f}",
            "thin_scale": f"{0.25 * MM / pt_per_px / 2:.4f}",
            "thin": pt(0.7),
            "slip_title": font(26),
            "slip_line": font(22),
            "cell_pad": f"{pt(4)} {pt(6)}",
            "box": pt(120),
            "box_text": pt(90),
        }
    )

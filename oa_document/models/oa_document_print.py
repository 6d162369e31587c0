# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The prints of the document flow: the red-header copy (红头文件, GB/T
9704-2012) of an outgoing document and the 收文处理笺 of a receipt.

wkhtmltopdf renders the HTML; the PDF is then finished here:

- the page numbers (“— 1 —”) are stamped with reportlab, since Debian's
  wkhtmltopdf (unpatched Qt) ignores Odoo's header/footer HTML;
- the text layer is repaired: Qt writes each glyph's ToUnicode entry from the
  font's cmap, and the CJK fonts map a Kangxi radical (⼈ U+2F08) to the very
  glyph of the ideograph (人 U+4EBA): such entries are mapped back to the
  ideograph, so that search, copy and archiving read what is printed.
"""

import io
import re
import subprocess
import unicodedata
import zlib

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from odoo import api, fields, models
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from .oa_document_print_css import gb_css

# The reports finished here, and how their page numbers are placed.
GB_REPORTS = {
    "oa_document.report_oa_document": "gb",
    "oa_document.report_oa_document_incoming": "centre",
}
# GB/T 9704-2012: A4, 版心 156 × 225 mm, 37 mm from the top, 28 mm from the
# left edge; the page number 7 mm under the 版心, 4号 (14 pt).
PAGE_NUMBER_SIZE = 14
PAGE_NUMBER_BASELINE = (297 - 37 - 225 - 7) * mm - PAGE_NUMBER_SIZE
TYPE_AREA_LEFT = 28 * mm
TYPE_AREA_RIGHT = (28 + 156) * mm

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


def _repair_fonts(page, done):
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


def _page_number_overlay(count, placement):
    """A PDF of ``count`` pages holding only “— n —”."""
    packet = io.BytesIO()
    can = canvas.Canvas(packet, pagesize=(210 * mm, 297 * mm))
    indent = PAGE_NUMBER_SIZE  # one character (空一字)
    for number in range(1, count + 1):
        text = f"\u2014 {number} \u2014"
        can.setFont("Times-Roman", PAGE_NUMBER_SIZE)
        if placement == "centre":
            can.drawCentredString(105 * mm, PAGE_NUMBER_BASELINE, text)
        elif number % 2:  # odd pages: right, one character in
            can.drawRightString(TYPE_AREA_RIGHT - indent, PAGE_NUMBER_BASELINE, text)
        else:  # even pages: left, one character in
            can.drawString(TYPE_AREA_LEFT + indent, PAGE_NUMBER_BASELINE, text)
        can.showPage()
    can.save()
    packet.seek(0)
    return packet


def finish_pdf(pdf_bytes, placement="gb"):
    """Stamp the page numbers and repair the text layer of a rendered PDF."""
    reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    count = len(reader.pages)
    overlay = PdfFileReader(_page_number_overlay(count, placement), strict=False)
    writer = PdfFileWriter()
    done = set()
    for index, page in enumerate(reader.pages):
        _repair_fonts(page, done)
        page.merge_page(overlay.pages[index])
        writer.add_page(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        report = self._get_report(report_ref)
        placement = GB_REPORTS.get(report.report_name)
        if not placement or not res_ids:
            return super()._render_qweb_pdf_prepare_streams(
                report_ref, data, res_ids=res_ids
            )
        # one document at a time: its own page numbers, its own 版记
        streams = {}
        for res_id in res_ids:
            stream = self._oa_gb_render(report_ref, data, res_id, placement)
            streams[res_id] = {"stream": stream, "attachment": None}
        return streams

    def _oa_gb_render(self, report_ref, data, res_id, placement):
        def render(report):
            result = super()._render_qweb_pdf_prepare_streams(
                report_ref, dict(data or {}), res_ids=[res_id]
            )
            return next(iter(result.values()))["stream"]

        stream = render(self)
        if placement == "gb":
            # second rendering: the 版记 pushed to the foot of the last page
            spacer = colophon_spacer(stream.getvalue(), wkhtmltopdf_pt_per_px())
            if spacer:
                context = dict(self.env.context, oa_gb_spacer={res_id: spacer})
                stream = render(self.with_context(context))
        return io.BytesIO(finish_pdf(stream.getvalue(), placement))


# the lowest baseline of the 版记 (印发机关 and 印发日期) above the bottom of
# the 版心 when the 版记 closes the 版心 (measured)
COLOPHON_BASELINE_OFFSET = 9
TYPE_AREA_BOTTOM = (37 + 225) * mm


def colophon_spacer(pdf_bytes, pt_per_px):
    """The CSS pixels to add above the 版记 so that it ends at the bottom
    of the 版心 of the last page, as rendered in ``pdf_bytes``."""
    reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    page = reader.pages[-1]
    height = float(page.mediabox.height)
    lowest = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            lowest.append(height - y)

    page.extract_text(visitor_text=visit)
    if not lowest:
        return 0
    gap = TYPE_AREA_BOTTOM - COLOPHON_BASELINE_OFFSET - max(lowest)
    return max(0, int(gap / pt_per_px) - 1)


def full_name(company_name, unit_name):
    """The organisation's full name of a unit: the company's name and the
    unit's, overlapping words once (集团公司 + 公司办公室 → 集团公司办公室);
    the unit's name alone when it already is the full name."""
    company_name = company_name or ""
    if not company_name or unit_name.startswith(company_name):
        return unit_name
    for size in range(min(len(company_name), len(unit_name)), 0, -1):
        if company_name.endswith(unit_name[:size]):
            return company_name + unit_name[size:]
    return company_name + unit_name


def chinese_date(value):
    """成文日期 in Arabic numerals, no leading zeros: 2026年4月1日."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


class OaDocument(models.Model):
    _inherit = "oa.document"

    def _print_issuer_name(self):
        self.ensure_one()
        unit = self.issuing_unit_id.sudo()
        if unit.parent_id:
            company = unit.company_id or self.env.company
            return full_name(company.name, unit.name)
        return unit.name

    def _print_info(self):
        """What the red-header print shows, worked out once."""
        self.ensure_one()
        doc = self.sudo()
        issuer = doc._print_issuer_name()
        sign = doc.step_ids.filtered(
            lambda s: s.step_type == "sign" and s.state == "done"
        ).sorted("id")[-1:]
        if not doc.signed_by_id:
            mark = "草稿"
        elif not doc.sealed:
            mark = "未用印"
        else:
            mark = False
        printed = doc.date_distributed or doc.date_signed
        pt_per_px = wkhtmltopdf_pt_per_px()
        urgency = {"urgent": "加急", "very_urgent": "特急"}.get(doc.urgency)
        return {
            "issuer": issuer,
            # the 发文机关标志 fits the 版心 (156 mm ≈ 442 pt), 36 pt at most
            "issuer_size": "%dpx" % (min(36, 420 / (len(issuer) + 2)) / pt_per_px),
            "upward": doc.is_upward,
            "signer": doc.signed_by_id.name,
            "sign_opinion": sign.comment,
            "urgency": urgency,
            "main": "、".join(doc.main_unit_ids.mapped("name")),
            "copy": "、".join((doc.copy_unit_ids - doc.main_unit_ids).mapped("name")),
            "date": chinese_date(doc._print_local(doc.date_signed)),
            # 印发机关: the issuing unit (its office prints and sends)
            "printer": issuer,
            "print_date": chinese_date(doc._print_local(printed)),
            "mark": mark,
            "css": gb_css(pt_per_px),
            "spacer": (self.env.context.get("oa_gb_spacer") or {}).get(doc.id, 0),
        }

    def _print_local(self, value):
        """A datetime in the reader's time zone (China by default)."""
        if not value:
            return False
        tz = self.env.user.tz or "Asia/Shanghai"
        return fields.Datetime.context_timestamp(self.with_context(tz=tz), value)


class OaDocumentIncoming(models.Model):
    _inherit = "oa.document.incoming"

    def _print_info(self):
        """What the 收文处理笺 shows, worked out once."""
        self.ensure_one()
        inc = self.sudo()
        doc = self.env["oa.document"]

        def local_date(value):
            return chinese_date(doc._print_local(value))

        unit = inc.unit_id
        company = unit.company_id or self.env.company
        note = []
        if inc.paper_received:
            note.append(f"纸质文件已于{local_date(inc.paper_received_date)}收到")
        if inc.last_action_for_id:
            note.append(
                f"{inc.last_action_by_id.name}代{inc.last_action_for_id.name}办理"
            )
        return {
            "unit": full_name(company.name, unit.name) if unit.parent_id else unit.name,
            "from": inc.document_id._print_issuer_name() if inc.document_id else "",
            "received": local_date(inc.date_received),
            "recipient_type": "主送" if inc.recipient_type == "main" else "抄送",
            "urgency": {"urgent": "加急", "very_urgent": "特急"}.get(inc.urgency),
            "proposed_by": inc.proposed_by_id.name,
            "proposed_on": local_date(inc.date_proposed),
            "instructed_by": inc.instructed_by_id.name,
            "instructed_on": local_date(inc.date_instructed),
            "handlers": "、".join(inc.handler_ids.mapped("name")),
            "done_by": inc.done_by_id.name,
            "done_on": local_date(inc.date_done),
            "note": "；".join(note),
            "css": gb_css(wkhtmltopdf_pt_per_px()),
        }

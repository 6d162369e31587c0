# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The prints of the document flow: the red-header copy (红头文件, GB/T
9704-2012) of an outgoing document and the 收文处理笺 of a receipt.

wkhtmltopdf renders the HTML; the PDF is then finished here:

- the page numbers (“— 1 —”) are stamped with reportlab, since Debian's
  wkhtmltopdf (unpatched Qt) ignores Odoo's header/footer HTML;
- the text layer is repaired (radicals mapped back to ideographs): see
  ``oa_base.tools.pdf``.
"""

import io

from reportlab.lib.units import mm

from odoo import api, models
from odoo.tools.pdf import PdfFileReader

from odoo.addons.oa_base.tools import pdf
from odoo.addons.oa_base.tools.local_time import company_tz, to_local
from odoo.addons.oa_base.tools.pdf import chinese_date, wkhtmltopdf_pt_per_px
from odoo.addons.oa_base.tools.seal import (  # noqa: F401 (full_name: imported from here)
    full_name,
    seal_data_uri,
    unit_full_name,
)

from .oa_document_print_css import gb_css, issuer_gap, text_width, title_lines

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


def _draw_page_number(placement):
    """How “— n —” is placed: GB/T 9704 (odd pages right, even pages left,
    one character in) or centred (the 收文处理笺)."""

    def draw(can, number, _count):
        text = f"\u2014 {number} \u2014"
        indent = PAGE_NUMBER_SIZE  # one character (空一字)
        can.setFont("Times-Roman", PAGE_NUMBER_SIZE)
        if placement == "centre":
            can.drawCentredString(105 * mm, PAGE_NUMBER_BASELINE, text)
        elif number % 2:  # odd pages: right, one character in
            can.drawRightString(TYPE_AREA_RIGHT - indent, PAGE_NUMBER_BASELINE, text)
        else:  # even pages: left, one character in
            can.drawString(TYPE_AREA_LEFT + indent, PAGE_NUMBER_BASELINE, text)

    return draw


def finish_pdf(pdf_bytes, placement="gb"):
    """Stamp the page numbers and repair the text layer of a rendered PDF."""
    return pdf.finish_pdf(pdf_bytes, page_number=_draw_page_number(placement))


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
                stream = render(self.with_context(oa_gb_spacer={res_id: spacer}))
        return io.BytesIO(finish_pdf(stream.getvalue(), placement))


# the lowest baseline of the 版记 (印发机关 and 印发日期, 4号 仿宋) above the bottom of
# the 版心 when the 版记 closes the 版心 (measured)
COLOPHON_BASELINE_OFFSET = 10
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


class OaDocument(models.Model):
    _inherit = "oa.document"

    def _print_issuer_name(self):
        self.ensure_one()
        return unit_full_name(self.issuing_unit_id)

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
        # the 发文机关标志 fits the 版心 (156 mm ≈ 442 pt), 36 pt at most
        issuer_px = int(min(36, 420 / (len(issuer) + 2)) / pt_per_px)
        date = chinese_date(doc._print_local(doc.date_signed))
        return {
            "issuer": issuer,
            "title": title_lines(doc.name or ""),
            "issuer_size": f"{issuer_px}px",
            "issuer_gap": issuer_gap(pt_per_px, issuer_px, doc.is_upward),
            # the 成文日期 右空四字, the 署名 centred over it: a 署名 longer
            # than the date moves the pair left only when it would overflow
            "signature_indent": max(
                0, 4 - max(0, text_width(issuer) - text_width(date)) / 2
            ),
            "seal": doc.sealed and seal_data_uri(issuer),
            "upward": doc.is_upward,
            "signer": doc.signed_by_id.name,
            "sign_opinion": sign.comment,
            "urgency": urgency,
            "main": "、".join(doc.main_unit_ids.mapped("name")),
            "copy": "、".join((doc.copy_unit_ids - doc.main_unit_ids).mapped("name")),
            "date": date,
            # 印发机关: the issuing unit (its office prints and sends)
            "printer": issuer,
            "print_date": chinese_date(doc._print_local(printed)),
            "mark": mark,
            "css": gb_css(pt_per_px),
            "spacer": (self.env.context.get("oa_gb_spacer") or {}).get(doc.id, 0),
        }

    def _print_local(self, value):
        """A datetime on the company's clock: a document's dates are the
        same whoever prints it, wherever he is."""
        if not value:
            return False
        return to_local(self.env, value, company_tz(self.env))


class OaDocumentIncoming(models.Model):
    _inherit = "oa.document.incoming"

    def _print_info(self):
        """What the 收文处理笺 shows, worked out once."""
        self.ensure_one()
        inc = self.sudo()
        doc = self.env["oa.document"]

        def local_date(value):
            return chinese_date(doc._print_local(value))

        note = []
        if inc.paper_received:
            note.append(f"纸质文件已于{local_date(inc.paper_received_date)}收到")
        if inc.last_action_for_id:
            note.append(
                f"{inc.last_action_by_id.name}代{inc.last_action_for_id.name}办理"
            )
        return {
            "unit": unit_full_name(inc.unit_id),
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

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The print of a periodical issue: a red masthead (报头), the contents and
the manuscripts in order, then the colophon (版记).

The report brings its own CSS and fonts (the system's Noto CJK) and uses a
layout without web assets: wkhtmltopdf then fetches nothing over HTTP, so the
issue renders the same while the module installs (the demo issue), in tests
and in production.  Page numbers are stamped afterwards with reportlab, since
Debian's wkhtmltopdf (unpatched Qt) ignores header and footer HTML."""

import re

import lxml.html
from markupsafe import Markup
from reportlab.lib.units import mm

from odoo import models

from odoo.addons.oa_base.tools.pdf import (
    chinese_date,
    ensure_runtime_dir,
    finish_pdf,
    wkhtmltopdf_pt_per_px,
)

REPORT_NAME = "oa_portal_columns.report_oa_periodical"
LAYOUT = "oa_portal_columns.report_oa_periodical_layout"

SERIF = '"Noto Serif CJK SC", "SimSun", "Songti SC", serif'
SANS = '"Noto Sans CJK SC", "SimHei", "Heiti SC", sans-serif'

CSS = """
html, body { margin: 0; padding: 0; background: #fff; }
.o_oa_pq { font-family: %(serif)s; font-size: %(body)s; line-height: %(line)s;
    color: #000; text-align: justify; }
.o_oa_pq p { margin: 0; text-indent: 2em; }
.o_oa_pq .o_oa_pq_masthead { color: #d7000f; text-align: center;
    font-size: %(mast)s; line-height: 1.3; font-weight: bold;
    letter-spacing: %(mast_spacing)s; padding-top: %(mast_top)s; }
.o_oa_pq .o_oa_pq_internal { text-align: center; font-family: %(sans)s;
    font-size: %(small)s; line-height: 1.6; color: #d7000f; }
.o_oa_pq .o_oa_pq_issue { text-align: center; font-size: %(issue)s;
    line-height: 1.8; margin-top: %(gap)s; }
.o_oa_pq .o_oa_pq_meta { font-size: %(small)s; line-height: 1.6;
    overflow: hidden; margin-top: %(gap)s; }
.o_oa_pq .o_oa_pq_left { float: left; }
.o_oa_pq .o_oa_pq_right { float: right; }
.o_oa_pq .o_oa_pq_rule { border-top: %(thick)s solid #d7000f;
    border-bottom: %(thin)s solid #d7000f; height: %(rule_gap)s;
    margin: %(gap)s 0 %(gap2)s 0; }
.o_oa_pq .o_oa_pq_note { font-size: %(small)s; margin-bottom: %(gap2)s; }
.o_oa_pq h2.o_oa_pq_toc_head { font-family: %(sans)s; font-size: %(h3)s;
    font-weight: bold; text-align: center; letter-spacing: %(spacing)s;
    margin: 0 0 %(gap)s 0; }
.o_oa_pq table.o_oa_pq_toc { width: 100%%; border-collapse: collapse;
    margin-bottom: %(gap2)s; }
.o_oa_pq table.o_oa_pq_toc td { font-size: %(small)s; line-height: 1.7;
    padding: %(cell)s 0; border-bottom: %(hair)s dotted #999;
    vertical-align: top; }
.o_oa_pq table.o_oa_pq_toc td.o_oa_pq_no { width: 8%%; color: #d7000f;
    font-family: %(sans)s; }
.o_oa_pq table.o_oa_pq_toc td.o_oa_pq_unit { width: 26%%; text-align: right;
    color: #444; }
.o_oa_pq .o_oa_pq_item { margin-top: %(gap2)s; }
.o_oa_pq .o_oa_pq_item h1 { font-size: %(h1)s; line-height: 1.5;
    text-align: center; font-weight: bold; margin: 0; }
.o_oa_pq .o_oa_pq_byline { text-align: center; font-family: %(sans)s;
    font-size: %(small)s; color: #555; line-height: 1.8;
    margin-bottom: %(gap)s; }
.o_oa_pq .o_oa_pq_body img { max-width: 100%%; }
.o_oa_pq .o_oa_pq_colophon { margin-top: %(gap3)s; page-break-inside: avoid;
    font-size: %(small)s; line-height: 1.9; }
.o_oa_pq .o_oa_pq_colophon div { border-top: %(thin)s solid #000;
    padding: 0 %(cell)s; overflow: hidden; }
.o_oa_pq .o_oa_pq_colophon div.o_oa_pq_last { border-bottom: %(thin)s solid #000; }
.o_oa_pq .o_oa_pq_draft { color: #d7000f; font-family: %(sans)s; }
"""


def periodical_css(pt_per_px):
    def pt(value):
        return f"{value / pt_per_px:.2f}px"

    return Markup(
        CSS
        % {
            "serif": SERIF,
            "sans": SANS,
            "body": pt(14),
            "line": pt(26),
            "mast": pt(46),
            "mast_spacing": pt(8),
            "mast_top": pt(6),
            "issue": pt(16),
            "small": pt(12),
            "h1": pt(18),
            "h3": pt(15),
            "spacing": pt(4),
            "gap": pt(6),
            "gap2": pt(14),
            "gap3": pt(30),
            "thick": pt(2.5),
            "thin": pt(0.8),
            "hair": pt(0.5),
            "rule_gap": pt(2),
            "cell": pt(3),
        }
    )


# the URLs the HTML editor gives the pictures it uploads
IMAGE_URL = re.compile(r"^(?:https?://[^/]+)?/web/(?:image|content)/(\d+)")


def _centred_number(can, number, _count):
    """“— n —” centred under the text of every page."""
    can.setFont("Times-Roman", 11)
    can.drawCentredString(105 * mm, 10 * mm, f"\u2014 {number} \u2014")


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_layout(self):
        if self and self.report_name == REPORT_NAME:
            return (
                self.env.ref(LAYOUT, raise_if_not_found=False) or super()._get_layout()
            )
        return super()._get_layout()

    def _run_wkhtmltopdf(
        self, bodies, report_ref=False, header=None, footer=None, **kw
    ):
        """The issue has no header nor footer HTML (its page numbers are
        stamped afterwards): none is passed, so that an unpatched wkhtmltopdf
        has nothing to warn about."""
        if report_ref and self._get_report(report_ref).report_name == REPORT_NAME:
            header = footer = None
            ensure_runtime_dir()
        return super()._run_wkhtmltopdf(
            bodies, report_ref=report_ref, header=header, footer=footer, **kw
        )


class OaPeriodical(models.Model):
    _inherit = "oa.periodical"

    def _print_info(self):
        """What the print shows, worked out once (as superuser: the print
        is made by the flow or previewed by an editor)."""
        self.ensure_one()
        issue = self.sudo()
        manuscripts = issue.line_ids.manuscript_id
        return {
            "issue": issue.name or f"{issue.year}年第　期",
            "draft": issue.state == "draft",
            "unit": issue.unit_id.name or "",
            "date": chinese_date(issue.issue_date),
            "targets": "、".join(issue.target_unit_ids.mapped("name")),
            "items": [
                {
                    "no": index,
                    "title": manuscript.name,
                    "unit": manuscript.unit_id.name or "",
                    "author": manuscript.author_id.name or "",
                    "body": manuscript._oa_print_body(),
                }
                for index, manuscript in enumerate(manuscripts, start=1)
            ],
            "css": periodical_css(wkhtmltopdf_pt_per_px()),
        }

    def _oa_render_pdf(self):
        return finish_pdf(super()._oa_render_pdf(), page_number=_centred_number)


class OaManuscript(models.Model):
    _inherit = "oa.manuscript"

    def _oa_print_body(self):
        """The text for the print, its pictures inlined: wkhtmltopdf fetches
        nothing.  Only the manuscript's own pictures are printed (those
        uploaded into it, or by its author before it was saved): a picture
        of another record, linked by its id, is dropped, as are external
        ones."""
        self.ensure_one()
        body = self.sudo().body or ""
        if "<img" not in body:
            return body
        root = lxml.html.fragment_fromstring(body, create_parent="div")
        Attachment = self.env["ir.attachment"].sudo()
        for img in list(root.iter("img")):
            src = img.get("src") or ""
            if src.startswith("data:image/"):
                continue
            match = IMAGE_URL.match(src)
            attachment = match and Attachment.browse(int(match[1])).exists()
            if attachment and self._oa_owns_picture(attachment):
                img.set(
                    "src",
                    f"data:{attachment.mimetype};base64,"
                    f"{attachment.datas.decode()}",
                )
            else:
                img.drop_tree()
        html = lxml.html.tostring(root, encoding="unicode")
        return Markup(html[len("<div>") : -len("</div>")])

    def _oa_owns_picture(self, attachment):
        if not (attachment.mimetype or "").startswith("image/"):
            return False
        if attachment.res_model != self._name:
            return False
        return attachment.res_id == self.id or (
            not attachment.res_id and attachment.create_uid == self.author_id
        )

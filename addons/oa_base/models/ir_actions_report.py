# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Prints are reads: a report of the suite renders only records the
requesting user may read, checked as him before anything is rendered (the
prints themselves may then use ``sudo`` helpers for the layout)."""

from odoo import api, models
from odoo.exceptions import AccessError

from ..tools.pdf import ensure_fonts, fix_cjk_text


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _oa_check_print_access(self, report_ref, res_ids):
        """Refuse to print records of an ``oa.*`` model that the user may
        not read (a 403 over HTTP, logged as a warning by Odoo)."""
        if self.env.su or not res_ids:
            return
        report = self._get_report(report_ref)
        if not (report.model or "").startswith("oa.") or report.model not in self.env:
            return
        if isinstance(res_ids, int):
            res_ids = [res_ids]
        records = self.env[report.model].browse(res_ids)
        self.env["oa.print.guard"].check_printable(records)

    def _oa_in_user_lang(self):
        """A print asked without a language (a link, an integration, a
        session without context) is in the user's own language, not in
        English."""
        if self.env.context.get("lang") or self.env.su:
            return self
        return self.with_context(lang=self.env.user.lang)

    @api.model
    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        self._oa_check_print_access(report_ref, res_ids)
        return super(IrActionsReport, self._oa_in_user_lang())._render_qweb_pdf(
            report_ref, res_ids=res_ids, data=data
        )

    @api.model
    def _render_qweb_html(self, report_ref, docids, data=None):
        self._oa_check_print_access(report_ref, docids)
        return super(IrActionsReport, self._oa_in_user_lang())._render_qweb_html(
            report_ref, docids, data=data
        )

    @api.model
    def _render_qweb_text(self, report_ref, docids, data=None):
        self._oa_check_print_access(report_ref, docids)
        return super(IrActionsReport, self._oa_in_user_lang())._render_qweb_text(
            report_ref, docids, data=data
        )

    def _run_wkhtmltopdf(self, bodies, *args, **kwargs):
        """Every PDF of the suite comes out with its Chinese text as itself:
        wkhtmltopdf maps some ideographs (厂工日月目…) to Kangxi radicals in
        the text layer (search, copy and paste would fail); the repair is
        the same for every print and does nothing to a repaired one.  The
        suite's fonts are given to wkhtmltopdf first (``ensure_fonts``)."""
        ensure_fonts()
        pdf = super()._run_wkhtmltopdf(bodies, *args, **kwargs)
        report_ref = kwargs.get("report_ref") or (args[0] if args else False)
        if report_ref:
            report = self._get_report(report_ref)
            if (report.model or "").startswith("oa."):
                pdf = fix_cjk_text(pdf)
        return pdf


class OaPrintGuard(models.AbstractModel):
    """The check every print of the suite goes through (PDF and xlsx)."""

    _name = "oa.print.guard"
    _description = "Print access check"

    @api.model
    def check_printable(self, records):
        if self.env.su or not records:
            return
        records = records.with_env(self.env)
        try:
            records.check_access("read")
        except AccessError as error:
            model = self.env["ir.model"].sudo()._get(records._name)
            raise AccessError(
                self.env._(
                    "You may not print these records (%(model)s): a print shows "
                    "what the record holds, so only records you may open can be "
                    "printed.",
                    model=model.name or records._description,
                )
            ) from error

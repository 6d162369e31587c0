# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import re
import zipfile

from odoo import api, models
from odoo.exceptions import AccessError, UserError

# the used range of a worksheet, near the start of its XML
DIMENSION = re.compile(rb'<dimension ref="(?:[A-Z]+\d+:)?[A-Z]+(\d+)"')
# the wizard's values said in the row of an xlsx asked through a wizard
WIZARD_VALUE_TYPES = ("char", "date", "datetime", "selection", "integer", "boolean")


def xlsx_rows(content):
    """Rows of an xlsx file (every sheet's used range), or None."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            rows = 0
            for name in book.namelist():
                if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
                    with book.open(name) as sheet:
                        match = DIMENSION.search(sheet.read(4096))
                    rows += int(match.group(1)) if match else 0
            return rows
    except (zipfile.BadZipFile, TypeError, ValueError):
        return None


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _oa_log_print(self, report_ref, res_ids):
        """A print of an ``oa.*`` record by a user is a row of the trail
        (after oa_base checked he may read what he prints)."""
        if self.env.su or not res_ids:
            return
        report = self._get_report(report_ref)
        if not (report.model or "").startswith("oa."):
            return
        ids = [res_ids] if isinstance(res_ids, int) else list(res_ids)
        self.env["oa.audit.log"]._oa_log(
            "print",
            model=report.model,
            res_id=ids[0] if len(ids) == 1 else None,
            record_name=report.report_name,
            detail=",".join(map(str, ids)),
        )

    @api.model
    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        res = super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        self._oa_log_print(report_ref, res_ids)
        return res

    @api.model
    def _render_qweb_text(self, report_ref, docids, data=None):
        res = super()._render_qweb_text(report_ref, docids, data=data)
        self._oa_log_print(report_ref, docids)
        return res

    # ---- xlsx (OCA report_xlsx) ----
    #
    # This module does not depend on report_xlsx: where it is installed it
    # loads before this module (it depends on base and web only, this one on
    # oa_base), so this override sits above its ``_render_xlsx``; where it is
    # not, no report has the type xlsx and this method is never called.

    @api.model
    def _render_xlsx(self, report_ref, docids, data):
        try:
            res = super()._render_xlsx(report_ref, docids, data)
        except (UserError, AccessError) as error:
            self._oa_log_xlsx(report_ref, docids, error=error)
            raise
        self._oa_log_xlsx(report_ref, docids, content=res and res[0])
        return res

    @api.model
    def _oa_log_xlsx(self, report_ref, docids, content=None, error=None):
        """An xlsx report of suite records is an export: a row with the
        report, the records (for a dialog, its values: the month…) and the
        rows of the file, or the refusal."""
        if self.env.su:
            return
        report = self._get_report(report_ref)
        if not (report.model or "").startswith("oa."):
            return
        Log = self.env["oa.audit.log"]
        ids = [docids] if isinstance(docids, int) else list(docids or [])
        records = self.env[report.model].browse(ids)
        shown = ",".join(map(str, ids)) or "-"
        if error:
            detail = self.env._("Records: %(ids)s", ids=shown)
        else:
            rows = xlsx_rows(content) if content else None
            detail = self.env._(
                "%(rows)s rows, records: %(ids)s",
                rows="?" if rows is None else rows,
                ids=shown,
            )
        if records._transient and records:
            values = records.sudo().exists()[:1]
            said = []
            for name, field in values._fields.items():
                if (
                    field.type in WIZARD_VALUE_TYPES
                    and field.store
                    and not field.automatic
                ):
                    said.append(name + "=" + str(values[name]))
            if said:
                detail = detail + " (" + ", ".join(said) + ")"
        row = Log._oa_row(
            "export",
            "refused" if error else "success",
            model=report.model,
            res_id=ids[0] if len(ids) == 1 and not records._transient else None,
            record_name=report.report_name,
            detail=detail
            if not error
            else detail + ": " + str(error.args[0] if error.args else error),
        )
        if error:
            Log._oa_log_refused([row])
        else:
            Log._oa_queue().append(row)

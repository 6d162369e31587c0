# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A refused xlsx export is a 403 (or 400) with the reason, logged as a
warning.

OCA report_xlsx answers any failure of an xlsx download with HTTP 200 and
logs it as an ERROR with its traceback; a user asking for what he may not
read, or told what is missing, is no server error."""

import json
import logging

from werkzeug.urls import url_decode

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import content_disposition, request
from odoo.tools import html_escape

from odoo.addons.report_xlsx.controllers.main import ReportController

_logger = logging.getLogger(__name__)


class OaReportController(ReportController):
    @http.route()
    def report_download(self, data, context=None, token=None, readonly=True):
        url, report_type = json.loads(data)[:2]
        if report_type != "xlsx":
            return super().report_download(
                data, context, token=token, readonly=readonly
            )
        reportname = url.split("/report/xlsx/")[1].split("?")[0]
        docids = None
        if "/" in reportname:
            reportname, docids = reportname.split("/")
        try:
            if docids:
                response = self.report_routes(
                    reportname, docids=docids, converter="xlsx", context=context
                )
            else:
                params = (
                    dict(url_decode(url.split("?")[1]).items()) if "?" in url else {}
                )
                if "context" in params:
                    context = json.dumps(
                        {
                            **json.loads(context or "{}"),
                            **json.loads(params.pop("context")),
                        }
                    )
                response = self.report_routes(
                    reportname, converter="xlsx", context=context, **params
                )
        except (AccessError, UserError) as error:
            status = 403 if isinstance(error, AccessError) else 400
            _logger.warning(
                "xlsx report %s refused to user #%s: %s",
                reportname,
                request.env.uid,
                error.args[0],
            )
            payload = {
                "code": status,
                "message": error.args[0],
                "data": http.serialize_exception(error),
            }
            return request.make_response(
                html_escape(json.dumps(payload)), status=status
            )
        report = request.env["ir.actions.report"]._get_report_from_name(reportname)
        if not response.headers.get("Content-Disposition"):
            response.headers.add(
                "Content-Disposition", content_disposition(f"{report.name}.xlsx")
            )
        return response

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The upload routes say the attachment policy of the suite's records (types,
size) before anything is stored.  Without this, a refused file gives the
web client's "上传错误 / 出现糟糕的事情" (and an ERROR in the server log):
the policy itself is enforced by ``ir.attachment`` whatever the route."""

import json

from odoo import http
from odoo.http import request

from odoo.addons.mail.controllers.attachment import AttachmentController
from odoo.addons.web.controllers.binary import Binary

from ..models.ir_attachment import _is_oa_model


def _refusal(upload):
    """The policy's refusal of the uploaded file ``upload``, or None."""
    upload.stream.seek(0, 2)
    size = upload.stream.tell()
    upload.stream.seek(0)
    return request.env["ir.attachment"]._oa_policy_refusal(upload.filename, size)


class OaBinary(Binary):
    @http.route()
    def upload_attachment(self, model, id, ufile, callback=None):
        # the file widgets of a form (documents, articles, manuscripts); the
        # legacy iframe upload (callback) keeps Odoo's answer
        if _is_oa_model(model) and not callback:
            files = request.httprequest.files.getlist("ufile")
            refusals = [_refusal(upload) for upload in files]
            if any(refusals):
                other = request.env._(
                    "Not uploaded: upload the other files again without the "
                    "refused one."
                )
                return json.dumps([{"error": refusal or other} for refusal in refusals])
        return super().upload_attachment(model, id, ufile, callback=callback)


class OaAttachmentController(AttachmentController):
    @http.route()
    def mail_attachment_upload(
        self, ufile, thread_id, thread_model, is_pending=False, **kwargs
    ):
        # the chatter's paperclip on a suite record
        if _is_oa_model(thread_model):
            refusal = _refusal(ufile)
            if refusal:
                return request.make_json_response({"error": refusal})
        return super().mail_attachment_upload(
            ufile, thread_id, thread_model, is_pending=is_pending, **kwargs
        )

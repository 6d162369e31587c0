# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Attachments of the document models: type and size limits (settings),
checked wherever an attachment becomes a guarded record's — created on it,
re-pointed to it (``res_model``/``res_id``), renamed or refilled, linked
through the ``attachment_ids`` commands of a document (oa_base's ownership
rule: one's own upload, moved onto the document), or posted with a message
in its chatter (whoever posts it must be able to read it).  A document's
attachment is never public."""

import os

from odoo import api, models
from odoo.exceptions import AccessError, ValidationError

GUARDED_MODELS = ("oa.document", "oa.document.incoming", "oa.supervision")
# A write of one of these may make an attachment a guarded record's or change
# what the limits look at.
LIMITED_FIELDS = {"name", "res_model", "res_id", "datas", "raw", "db_datas", "public"}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        attachments = super().create(vals_list)
        attachments._oa_check_limits()
        return attachments

    def write(self, vals):
        res = super().write(vals)
        if LIMITED_FIELDS & set(vals):
            self._oa_check_limits()
        return res

    def _oa_check_limits(self, linked=False):
        """Size and type limits of document attachments (settings), for the
        attachments of a guarded model — or all of ``self`` when
        ``linked``: they are being linked to a guarded record."""
        guarded = (
            self if linked else self.filtered(lambda a: a.res_model in GUARDED_MODELS)
        )
        if not guarded:
            return
        params = self.env["ir.config_parameter"].sudo()
        max_mb = float(params.get_param("oa_document.attachment_max_mb", 20) or 0)
        allowed = {
            ext.strip().lower().lstrip(".")
            for ext in (
                params.get_param("oa_document.attachment_extensions") or ""
            ).split(",")
            if ext.strip()
        }
        for att in guarded.sudo():
            if att.public:
                raise ValidationError(
                    self.env._(
                        "“%(name)s” cannot be public: the attachments of official "
                        "documents and supervision items follow their record's access.",
                        name=att.name,
                    )
                )
            if att.type == "url" or att.res_field:
                continue  # a link, or the storage of a binary field
            ext = os.path.splitext(att.name or "")[1].lower().lstrip(".")
            if allowed and ext not in allowed:
                raise ValidationError(
                    self.env._(
                        "“%(name)s” is not allowed: document attachments must be of "
                        "type %(types)s.",
                        name=att.name,
                        types=", ".join(sorted(allowed)),
                    )
                )
            if max_mb and att.file_size > max_mb * 1024 * 1024:
                raise ValidationError(
                    self.env._(
                        "“%(name)s” is %(size).1f MB: document attachments may not "
                        "exceed %(max)s MB.",
                        name=att.name,
                        size=att.file_size / 1024 / 1024,
                        max=max_mb,
                    )
                )

    def _oa_check_attachable(self, record):
        super()._oa_check_attachable(record)
        if record._name in GUARDED_MODELS:
            self._oa_check_limits(linked=True)

    def _oa_check_linkable(self):
        """``self`` (in the caller's environment) is being linked to a
        guarded record: the caller must be able to read each attachment, and
        each must respect the limits."""
        if not self:
            return
        if not self.env.su:
            try:
                self.check("read")  # the res_model/res_id access of each
            except AccessError as error:
                raise AccessError(
                    self.env._("You cannot attach a file you are not allowed to read.")
                ) from error
        self._oa_check_limits(linked=True)


def _linked_attachment_ids(values):
    """Ids linked by the ``attachment_ids`` commands ``mail.thread`` builds
    for a message."""
    ids = []
    for command in values.get("attachment_ids") or []:
        if command[0] == 4:
            ids.append(command[1])
        elif command[0] == 6:
            ids.extend(command[2])
    return ids


def _check_posted_attachments(record, values):
    """The attachments ``mail.thread`` links to a message posted on
    ``record`` (a guarded model) in ``values``."""
    record.env["ir.attachment"].browse(
        _linked_attachment_ids(values)
    )._oa_check_linkable()
    return values


class OaDocument(models.Model):
    # the suite's ownership rule for the files listed in ``attachment_ids``
    _name = "oa.document"
    _inherit = ["oa.document", "oa.attachment.owner"]

    def _process_attachments_for_post(
        self, attachments, attachment_ids, message_values
    ):
        values = super()._process_attachments_for_post(
            attachments, attachment_ids, message_values
        )
        return _check_posted_attachments(self, values)


class OaDocumentIncoming(models.Model):
    _inherit = "oa.document.incoming"

    def _process_attachments_for_post(
        self, attachments, attachment_ids, message_values
    ):
        values = super()._process_attachments_for_post(
            attachments, attachment_ids, message_values
        )
        return _check_posted_attachments(self, values)


class OaSupervision(models.Model):
    _inherit = "oa.supervision"

    def _process_attachments_for_post(
        self, attachments, attachment_ids, message_values
    ):
        values = super()._process_attachments_for_post(
            attachments, attachment_ids, message_values
        )
        return _check_posted_attachments(self, values)

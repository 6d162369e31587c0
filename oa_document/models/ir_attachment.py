# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Attachments of the document models.  The attachment policy (types and
size, the settings of this addon) is oa_base's, the same for every record
of the suite (``ir.attachment._oa_check_limits``): checked wherever an
attachment becomes a document's, a receipt's or a supervision item's —
created on it, re-pointed to it, renamed or refilled, linked through the
``attachment_ids`` commands of a document (oa_base's ownership rule: one's
own upload, moved onto the document).  Here: posted with a message in
their chatter, whoever posts it must be able to read it; and an attachment
of these records is never public, whoever makes it."""

from odoo import models
from odoo.exceptions import AccessError, ValidationError

GUARDED_MODELS = ("oa.document", "oa.document.incoming", "oa.supervision")


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _oa_check_limits(self, linked=False):
        """oa_base's policy, and no public attachment on a document, a
        receipt or a supervision item (the superuser's neither)."""
        super()._oa_check_limits(linked=linked)
        guarded = (
            self if linked else self.filtered(lambda a: a.res_model in GUARDED_MODELS)
        )
        public = guarded.sudo().filtered("public")
        if public:
            raise ValidationError(
                self.env._(
                    "“%(name)s” cannot be public: the attachments of official "
                    "documents and supervision items follow their record's access.",
                    name=public[0].name,
                )
            )

    def _oa_check_linkable(self):
        """``self`` (in the caller's environment) is being linked to a
        guarded record: the caller must be able to read each attachment, and
        each must respect the policy."""
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

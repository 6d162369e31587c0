# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one ownership rule of the suite's attachments.

A user may attach to a record (through its ``attachment_ids``) an
attachment that is either his own upload not yet linked to any record (what
the web client makes when a file is chosen, also in a form not saved yet),
or one already on that record.  Linked, the attachment is moved onto the
record (``res_model``/``res_id``), so that Odoo checks the record's access
before serving it: whoever may read the record may read its files, and a
file attached before the first save does not stay private to the uploader."""

from odoo import api, models
from odoo.exceptions import AccessError, ValidationError


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        attachments = super().create(vals_list)
        if any(vals.get("public") for vals in vals_list):
            attachments._oa_check_not_public()
        return attachments

    def write(self, vals):
        res = super().write(vals)
        if vals.get("public") or (
            vals.get("res_model") and self.sudo().filtered("public")
        ):
            self._oa_check_not_public()
        return res

    def _oa_check_not_public(self):
        """The files of the suite's records follow their record's access:
        none is public (readable without logging in), whoever asks."""
        if self.env.su:
            return
        public = self.sudo().filtered(
            lambda a: a.public and (a.res_model or "").startswith("oa.")
        )
        if public:
            raise ValidationError(
                self.env._(
                    "“%(name)s” cannot be public: the files of the office suite "
                    "follow the access of their record.",
                    name=public[0].name,
                )
            )

    def _oa_is_loose_upload_of(self, user):
        """An upload of ``user`` not yet linked to a record."""
        self.ensure_one()
        return not self.res_id and not self.res_field and self.create_uid == user

    def _oa_check_attachable(self, record):
        """Refuse, for anyone but the superuser, to link ``self`` to
        ``record`` unless each attachment is the caller's own loose upload
        or already ``record``'s."""
        if self.env.su or not self:
            return
        user = self.env.user
        for attachment in self.sudo():
            if attachment.res_model == record._name and attachment.res_id == record.id:
                continue
            if attachment._oa_is_loose_upload_of(user):
                continue
            raise AccessError(
                self.env._(
                    "“%(name)s” belongs to another record: attach a file by "
                    "uploading it here.",
                    name=attachment.name,
                )
            )

    def _oa_attach_to(self, record):
        """Move ``self`` onto ``record`` (after ``_oa_check_attachable``)."""
        loose = self.sudo().filtered(
            lambda a: a.res_model != record._name or a.res_id != record.id
        )
        if loose:
            loose.write({"res_model": record._name, "res_id": record.id})


class OaAttachmentOwner(models.AbstractModel):
    """For models whose ``attachment_ids`` (a many2many to ``ir.attachment``)
    holds the record's files: the ownership rule on create and write."""

    _name = "oa.attachment.owner"
    _description = "Record owning the attachments it lists"

    def _oa_linked_attachments(self):
        return self.sudo().attachment_ids

    def _oa_own_attachments(self, before=None):
        """Check and move the attachments linked since ``before`` (a dict
        record id → attachments, or None for a new record)."""
        for record in self:
            linked = record._oa_linked_attachments()
            if before is not None:
                linked -= before.get(record.id, linked.browse())
            linked = linked.with_env(self.env)
            linked._oa_check_attachable(record)
            linked._oa_attach_to(record)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if any("attachment_ids" in vals for vals in vals_list):
            records._oa_own_attachments()
        return records

    def write(self, vals):
        if "attachment_ids" not in vals:
            return super().write(vals)
        before = {record.id: record._oa_linked_attachments() for record in self}
        res = super().write(vals)
        self._oa_own_attachments(before)
        return res

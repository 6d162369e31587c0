# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one ownership rule of the suite's attachments.

A user may attach to a record (through its ``attachment_ids``) an
attachment that is either his own upload not yet linked to any record (what
the web client makes when a file is chosen, also in a form not saved yet),
or one already on that record.  Linked, the attachment is moved onto the
record (``res_model``/``res_id``), so that Odoo checks the record's access
before serving it: whoever may read the record may read its files, and a
file attached before the first save does not stay private to the uploader.

And the one attachment policy of the suite's records (any model ``oa.*``):
the allowed file types and the size limit (settings of the document
management, ``oa_document.attachment_extensions`` and
``oa_document.attachment_max_mb``: until they are set, any type of at
most 20 MB; an empty list of types allows any type), checked wherever an
attachment becomes a suite record's — created on it, re-pointed to it
(``res_model``/``res_id``), renamed or refilled, or linked through its
``attachment_ids`` — whoever does it."""

import os

from odoo import api, models
from odoo.exceptions import AccessError, ValidationError

OA_MODEL_PREFIX = "oa."
MAX_MB_PARAM = "oa_document.attachment_max_mb"
EXTENSIONS_PARAM = "oa_document.attachment_extensions"
DEFAULT_MAX_MB = 20
# A write of one of these may make an attachment a suite record's or change
# what the policy looks at.
LIMITED_FIELDS = {"name", "res_model", "res_id", "datas", "raw", "db_datas", "public"}


def _is_oa_model(model_name):
    return (model_name or "").startswith(OA_MODEL_PREFIX)


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        attachments = super().create(vals_list)
        if any(vals.get("public") for vals in vals_list):
            attachments._oa_check_not_public()
        attachments._oa_check_limits()
        return attachments

    def write(self, vals):
        res = super().write(vals)
        if vals.get("public") or (
            vals.get("res_model") and self.sudo().filtered("public")
        ):
            self._oa_check_not_public()
        if LIMITED_FIELDS & set(vals):
            self._oa_check_limits()
        return res

    @api.model
    def _oa_attachment_policy(self):
        """``(allowed extensions, size limit in MB)`` of the suite's
        attachments: an empty set allows every type, 0 MB any size."""
        params = self.env["ir.config_parameter"].sudo()
        max_mb = params.get_param(MAX_MB_PARAM, DEFAULT_MAX_MB)
        try:
            max_mb = max(float(max_mb or 0), 0)
        except (TypeError, ValueError):
            max_mb = DEFAULT_MAX_MB
        # unset (emptied in the settings): any type
        extensions = params.get_param(EXTENSIONS_PARAM)
        allowed = {
            ext.strip().lower().lstrip(".")
            for ext in (extensions or "").split(",")
            if ext.strip()
        }
        return allowed, max_mb

    def _oa_check_limits(self, linked=False):
        """The attachment policy (types, size) for the attachments of a suite
        record — or all of ``self`` when ``linked``: they are being linked to
        one.  Whoever the caller is: the superuser's files too."""
        checked = self if linked else self.filtered(lambda a: _is_oa_model(a.res_model))
        if not checked:
            return
        for att in checked.sudo():
            if att.type == "url" or att.res_field:
                continue  # a link, or the storage of a binary field
            refusal = self._oa_policy_refusal(att.name, att.file_size)
            if refusal:
                raise ValidationError(refusal)

    @api.model
    def _oa_policy_refusal(self, name, size):
        """Why a file ``name`` of ``size`` bytes may not be a suite record's
        (the rule, in a sentence), or ``None``.  Also asked by the upload
        routes before anything is stored, so that the user reads the rule
        instead of the web client's "something bad happened"."""
        allowed, max_mb = self._oa_attachment_policy()
        ext = os.path.splitext(name or "")[1].lower().lstrip(".")
        if allowed and ext not in allowed:
            return self.env._(
                "“%(name)s” is not allowed. %(rule)s",
                name=name,
                rule=self._oa_policy_text(allowed, max_mb),
            )
        if max_mb and (size or 0) > max_mb * 1024 * 1024:
            return self.env._(
                "“%(name)s” is %(size).1f MB: the files of the office suite "
                "may not exceed %(max)s MB. %(rule)s",
                name=name,
                size=size / 1024 / 1024,
                max=format(max_mb, "g"),
                rule=self._oa_policy_text(allowed, max_mb),
            )
        return None

    @api.model
    def _oa_policy_text(self, allowed, max_mb):
        """The policy in one sentence, for the user whose file is refused."""
        parts = []
        if allowed:
            parts.append(
                self.env._("types %(types)s", types=", ".join(sorted(allowed)))
            )
        if max_mb:
            parts.append(
                self.env._("at most %(max)s MB per file", max=format(max_mb, "g"))
            )
        return (
            self.env._(
                "Files of the office suite: %(rule)s.",
                rule="; ".join(parts),
            )
            if parts
            else ""
        )

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
        or already ``record``'s; and, for everyone, unless each respects the
        attachment policy when ``record`` is a suite record."""
        if not self:
            return
        if not self.env.su:
            user = self.env.user
            for attachment in self.sudo():
                if (
                    attachment.res_model == record._name
                    and attachment.res_id == record.id
                ):
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
        # the policy, for everyone (the superuser's links too)
        if _is_oa_model(record._name):
            self._oa_check_limits(linked=True)

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

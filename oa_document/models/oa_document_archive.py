# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fingerprint of the electronic text and the tamper-evident archive chain:
each archived document's hash covers the previous one's.  The chain is
checked every day and on demand by the project group; each check is kept."""

import base64
import hashlib
import json

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import html2plaintext
from odoo.tools.image import image_data_uri

# The archive chain is numbered by one counter row (unit-less, year 0).
ARCHIVE_COUNTER_KIND = "archive"


class OaDocument(models.Model):
    _inherit = "oa.document"

    # ---- Fingerprint ----

    def _fingerprint_payload(self):
        self.ensure_one()
        doc = self.sudo()
        return json.dumps(
            {
                "number": doc.number or "",
                "title": doc.name or "",
                "unit": doc.issuing_unit_id.name or "",
                "kind": doc.kind,
                "main": sorted(doc.main_unit_ids.mapped("name")),
                "copy": sorted(doc.copy_unit_ids.mapped("name")),
                "text": html2plaintext(doc.body or "").strip(),
                "attachments": sorted(doc.attachment_ids.mapped("checksum")),
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    def _compute_fingerprint(self):
        return hashlib.sha256(self._fingerprint_payload().encode()).hexdigest()

    def fingerprint_qr_src(self):
        """The fingerprint as a QR code image (data URI), embedded in the
        print so that the PDF renderer needs no round trip to the server."""
        self.ensure_one()
        if not self.fingerprint:
            return False
        png = self.env["ir.actions.report"].barcode(
            "QR", self.fingerprint, width=240, height=240
        )
        return image_data_uri(base64.b64encode(png))

    @api.model
    def _find_by_fingerprint(self, fingerprint):
        """The document the current user may read whose electronic text has
        this fingerprint, and whether its current text still matches it.  A
        document he may not read is not found (nothing leaks)."""
        if not isinstance(fingerprint, str) or not fingerprint.strip():
            return self.browse(), False
        doc = self.search([("fingerprint", "=", fingerprint.strip())], limit=1)
        return doc, bool(doc) and doc._compute_fingerprint() == doc.sudo().fingerprint

    # ---- Archive chain ----

    def _archive_hash(self, prev_hash, seq, date_archived, fingerprint):
        self.ensure_one()
        payload = "|".join(
            [
                prev_hash or "",
                str(self.id),
                str(seq),
                self.sudo().number or "",
                fingerprint,
                fields.Datetime.to_string(date_archived),
            ]
        )
        return hashlib.sha256(payload.encode()).hexdigest()

    def _compute_archive_hash(self):
        self.ensure_one()
        doc = self.sudo()
        return doc._archive_hash(
            doc.archive_prev_hash,
            doc.archive_seq,
            doc.date_archived,
            doc._compute_fingerprint(),
        )

    def _do_archive(self):
        """The next link of the chain: its sequence comes from a locked
        counter row, so two archivings at once are serialised (the second
        waits, then is retried by Odoo after the first committed) and never
        share a sequence or a previous hash."""
        doc = self.sudo()
        seq = (
            self.env["oa.document.number.counter"]
            .sudo()
            ._take_next(self.env["hr.department"], ARCHIVE_COUNTER_KIND, 0)
        )
        previous = (
            doc.search([("archive_seq", "=", seq - 1)], limit=1)
            if seq > 1
            else doc.browse()
        )
        now = fields.Datetime.now()
        fingerprint = doc.fingerprint or doc._compute_fingerprint()
        prev_hash = previous.archive_hash or ""
        doc._oa_step_log(
            self.env._("Archived by %(user)s.", user=self.env.user.name),
            "oa_document.mt_document_archived",
        )
        doc.write(
            {
                "state": "archived",
                "date_archived": now,
                "archive_seq": seq,
                "archive_prev_hash": prev_hash,
                "fingerprint": fingerprint,
                "archive_hash": doc._archive_hash(prev_hash, seq, now, fingerprint),
            }
        )
        doc._oa_todo_clear()

    @api.model
    def _archive_chain_broken(self):
        """Recompute the archive chain; return the documents where it breaks
        (content changed after archiving, a link removed or out of order)."""
        archived = self.sudo().search(
            [("archive_seq", ">", 0)], order="archive_seq asc"
        )
        broken = self.browse()
        previous_hash = ""
        expected_seq = 1
        for doc in archived:
            if (
                doc.archive_seq != expected_seq
                or (doc.archive_prev_hash or "") != previous_hash
                or doc._compute_archive_hash() != doc.archive_hash
                or doc._compute_fingerprint() != doc.fingerprint
            ):
                broken |= doc
            previous_hash = doc.archive_hash or ""
            expected_seq = doc.archive_seq + 1
        return broken, len(archived)


class OaDocumentArchiveCheck(models.Model):
    """One run of the archive chain check (daily, or on demand by the
    project group): what was checked and which documents break the chain."""

    _name = "oa.document.archive.check"
    _description = "Archive Chain Check"
    _order = "id desc"
    _rec_name = "create_date"

    checked_count = fields.Integer(string="Documents Checked", readonly=True)
    broken_count = fields.Integer(string="Broken Links", readonly=True)
    broken_document_ids = fields.Many2many(
        "oa.document", string="Broken Documents", readonly=True
    )
    result = fields.Selection(
        [("ok", "Chain intact"), ("broken", "Chain broken")],
        readonly=True,
        required=True,
    )
    origin = fields.Selection(
        [("manual", "On Demand"), ("cron", "Daily Check")],
        readonly=True,
        required=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "Archive chain checks are recorded by the check itself: use "
                    "“Check the Archive Chain”."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise AccessError(self.env._("An archive chain check is never changed."))
        return super().write(vals)

    @api.model
    def action_run_check(self):
        """Button of the project group: check the chain now and show the
        result."""
        self._check_can_run()
        check = self._do_run_check("manual")
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": check.id,
            "view_mode": "form",
            "target": "current",
        }

    @api.model
    def _cron_check(self):
        self._do_run_check("cron")

    def _check_can_run(self):
        if not (self.env.su or self.env.user._oa_is_project()):
            raise AccessError(
                self.env._("Only the project group can check the archive chain.")
            )

    @api.model
    def _do_run_check(self, origin):
        broken, count = self.env["oa.document"]._archive_chain_broken()
        return self.sudo().create(
            {
                "checked_count": count,
                "broken_count": len(broken),
                "broken_document_ids": [fields.Command.set(broken.ids)],
                "result": "broken" if broken else "ok",
                "origin": origin,
            }
        )

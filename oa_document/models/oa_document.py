# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import hashlib
import json
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html2plaintext
from odoo.tools.image import image_data_uri

from .common import (
    CLASSIFICATIONS,
    CLASSIFIED,
    KIND_NUMBER_WORD,
    KINDS,
    STEP_TYPES,
    URGENCIES,
    selection_label,
)

_logger = logging.getLogger(__name__)

STATES = [
    ("draft", "Draft"),
    *STEP_TYPES,
    ("distributed", "Distributed"),
    ("archived", "Archived"),
]
# What makes up the document: frozen once it left the drafter.
CONTENT_FIELDS = {
    "name",
    "kind",
    "urgency",
    "classification",
    "issuing_unit_id",
    "main_unit_ids",
    "copy_unit_ids",
    "body",
    "attachment_ids",
}
# Fields that may still change on an archived document (chatter, followers).
ARCHIVE_WRITABLE_PREFIXES = ("message_", "activity_", "website_message", "rating_")
# Serialises the archive hash chain (pg_advisory_xact_lock key).
ARCHIVE_CHAIN_LOCK = 42_2026_02


class OaDocument(models.Model):
    """An outgoing official document (发文): 拟稿 → 审核/会签 → 核稿 → 签发 →
    编号 → 用印 → 分发 → 归档, following its issuing unit's flow."""

    _name = "oa.document"
    _description = "Official Document"
    _inherit = ["mail.thread.main.attachment", "mail.activity.mixin"]
    _mail_post_access = "read"
    _order = "id desc"
    _rec_names_search = ["name", "number"]

    name = fields.Char(string="Title", required=True, tracking=True, index="trigram")
    number = fields.Char(
        string="Document Number", readonly=True, copy=False, index=True, tracking=True
    )
    number_year = fields.Integer(readonly=True, copy=False)
    number_seq = fields.Integer(readonly=True, copy=False)
    kind = fields.Selection(KINDS, required=True, default="formal", tracking=True)
    urgency = fields.Selection(
        URGENCIES, required=True, default="normal", tracking=True
    )
    classification = fields.Selection(
        CLASSIFICATIONS, required=True, default="internal", tracking=True
    )
    issuing_unit_id = fields.Many2one(
        "hr.department",
        string="Issuing Unit",
        required=True,
        index=True,
        domain=[("is_oa_unit", "=", True)],
        default=lambda self: self.env.user.oa_unit_id,
        tracking=True,
    )
    drafter_id = fields.Many2one(
        "res.users",
        string="Drafter",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        readonly=True,
    )
    main_unit_ids = fields.Many2many(
        "hr.department",
        "oa_document_main_unit_rel",
        "document_id",
        "unit_id",
        string="Main Recipients",
        domain=[("is_oa_unit", "=", True)],
    )
    copy_unit_ids = fields.Many2many(
        "hr.department",
        "oa_document_copy_unit_rel",
        "document_id",
        "unit_id",
        string="Copy Recipients",
        domain=[("is_oa_unit", "=", True)],
    )
    body = fields.Html(string="Main Text", sanitize_style=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "oa_document_attachment_rel",
        "document_id",
        "attachment_id",
        string="Attachments",
    )
    state = fields.Selection(
        STATES, required=True, default="draft", tracking=True, index=True, copy=False
    )
    step_ids = fields.One2many("oa.document.step", "document_id", string="Steps")
    current_step_ids = fields.One2many(
        "oa.document.step",
        "document_id",
        domain=[("state", "=", "pending")],
        string="Current Steps",
    )
    incoming_ids = fields.One2many(
        "oa.document.incoming", "document_id", string="Receipts"
    )
    incoming_count = fields.Integer(compute="_compute_incoming_count")
    signed_by_id = fields.Many2one("res.users", string="Signed Off By", readonly=True)
    date_signed = fields.Datetime(string="Signed Off On", readonly=True, copy=False)
    sealed = fields.Boolean(readonly=True, copy=False)
    date_distributed = fields.Datetime(readonly=True, copy=False)
    # Paper copy sent in parallel during the trial run (纸质和电子文件同步).
    paper_sent = fields.Boolean(string="Paper Copy Sent", tracking=True, copy=False)
    paper_sent_date = fields.Datetime(string="Paper Copy Sent On", copy=False)
    fingerprint = fields.Char(
        readonly=True,
        copy=False,
        index=True,
        help="SHA-256 of the electronic text, printed on the paper copy.",
    )
    # Tamper-evident archive: each archived document's hash chains to the
    # previous archived document's.
    archive_seq = fields.Integer(readonly=True, copy=False, index=True)
    archive_prev_hash = fields.Char(readonly=True, copy=False)
    archive_hash = fields.Char(readonly=True, copy=False)
    date_archived = fields.Datetime(readonly=True, copy=False)
    can_act = fields.Boolean(compute="_compute_can_act")
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue"
    )
    supervision_ids = fields.One2many("oa.supervision", "document_id")

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "state" in init_values:
            return self.env.ref("oa_document.mt_document_state")
        return super()._track_subtype(init_values)

    # ---- Compute ----

    def _compute_incoming_count(self):
        counts = dict(
            self.env["oa.document.incoming"]._read_group(
                [("document_id", "in", self.ids)], ["document_id"], ["__count"]
            )
        )
        for doc in self:
            doc.incoming_count = counts.get(doc, 0)

    @api.depends("state", "current_step_ids")
    @api.depends_context("uid")
    def _compute_can_act(self):
        user = self.env.user
        for doc in self:
            doc.can_act = any(
                step._can_act(user) for step in doc.sudo().current_step_ids
            )

    def _compute_is_overdue(self):
        overdue = self.env["oa.document.step"].search(
            [("document_id", "in", self.ids), ("is_overdue", "=", True)]
        )
        for doc in self:
            doc.is_overdue = doc in overdue.document_id

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        overdue = [("is_overdue", "=", True), ("state", "=", "pending")]
        if (operator == "=") == value:
            return [("step_ids", "any", overdue)]
        return [("step_ids", "not any", overdue)]

    # ---- Constraints ----

    @api.constrains("classification")
    def _check_classification(self):
        for doc in self:
            if doc.classification in CLASSIFIED:
                raise ValidationError(
                    self.env._(
                        "“%(title)s” is classified (%(level)s): classified documents "
                        "may not enter the system and must be handled on paper.",
                        title=doc.name,
                        level=selection_label(
                            doc, "classification", doc.classification
                        ),
                    )
                )

    @api.constrains("number", "issuing_unit_id")
    def _check_number_unique(self):
        numbered = self.filtered("number")
        if not numbered:
            return
        duplicates = self.search_count(
            [
                ("number", "in", numbered.mapped("number")),
                ("id", "not in", numbered.ids),
            ]
        )
        if duplicates:
            raise ValidationError(
                self.env._("This document number is already used by another document.")
            )

    # ---- CRUD ----

    def write(self, vals):
        if not self.env.context.get("oa_transition"):
            self._check_write_allowed(vals)
        return super().write(vals)

    def _check_write_allowed(self, vals):
        changed = set(vals)
        for doc in self:
            if doc.state == "archived" and any(
                not name.startswith(ARCHIVE_WRITABLE_PREFIXES) for name in changed
            ):
                raise UserError(
                    self.env._(
                        "“%(title)s” is archived: archived documents are read-only.",
                        title=doc.name,
                    )
                )
            if doc.state != "draft" and changed & CONTENT_FIELDS:
                raise UserError(
                    self.env._(
                        "“%(title)s” has left the draft stage: its content can only "
                        "change after it is returned to the drafter.",
                        title=doc.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_unsent_drafts(self):
        for doc in self:
            if doc.state != "draft" or doc.step_ids:
                raise UserError(
                    self.env._(
                        "“%(title)s” has been sent: documents that entered a flow are "
                        "never deleted.",
                        title=doc.name,
                    )
                )

    # ---- Actions ----

    def action_submit(self):
        """拟稿 → first step of the issuing unit's flow."""
        for doc in self:
            doc._check_can_submit()
            doc._do_submit()
        return True

    def action_approve(self, comment=False):
        """The actor of the current step completes it (审核/会签/核稿/签发/
        编号/用印/分发, depending on the step)."""
        for doc in self:
            step, principal = doc._check_can_act()
            doc._do_complete_step(step, principal, comment)
        return True

    def action_archive_document(self):
        """分发完成 → 归档, chaining the archive hash."""
        for doc in self:
            doc._check_can_archive()
            doc._do_archive()
        return True

    def action_record_paper_sent(self):
        """Record that the paper copy left (parallel running); the flow does
        not move."""
        for doc in self:
            doc._check_can_record_paper()
        self._transition().write(
            {"paper_sent": True, "paper_sent_date": fields.Datetime.now()}
        )
        return True

    def action_open_return_wizard(self):
        self.ensure_one()
        self._check_can_act()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Return the Document"),
            "res_model": "oa.document.return.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_document_id": self.id},
        }

    def action_open_incoming(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Receipts of %(doc)s", doc=self.display_name),
            "res_model": "oa.document.incoming",
            "view_mode": "list,form",
            "domain": [("document_id", "=", self.id)],
        }

    # ---- Guards ----

    def _check_can_submit(self):
        self.ensure_one()
        if self.state != "draft":
            raise UserError(
                self.env._(
                    "Only a draft can be submitted; “%(title)s” is not one.",
                    title=self.name,
                )
            )
        if self.env.user != self.drafter_id and not self.env.su:
            raise AccessError(
                self.env._(
                    "Only the drafter %(user)s can submit this draft.",
                    user=self.drafter_id.name,
                )
            )
        if not (self.main_unit_ids or self.copy_unit_ids):
            raise UserError(
                self.env._("Choose at least one main or copy recipient unit.")
            )

    def _check_can_act(self):
        """Return (step, principal): the pending step the current user may
        complete and the user he acts as (himself, or the user he is proxy
        for).  Raise if he may not act."""
        self.ensure_one()
        user = self.env.user
        if self.state in ("draft", "distributed", "archived"):
            raise UserError(
                self.env._("“%(title)s” has no open step to act on.", title=self.name)
            )
        for step in self.sudo().current_step_ids:
            principal = step._can_act(user)
            if principal:
                return step, principal
        raise AccessError(
            self.env._(
                "You are not the actor of the current step of “%(title)s”.",
                title=self.name,
            )
        )

    def _check_can_record_paper(self):
        self.ensure_one()
        user = self.env.user
        if self.state == "archived":
            raise UserError(self.env._("Archived documents are read-only."))
        if not (
            self.env.su
            or user == self.drafter_id
            or user in self.sudo().step_ids.actor_ids
            or (
                user.has_group("oa_base.group_oa_document_clerk")
                and user.oa_unit_id == self.issuing_unit_id
            )
        ):
            raise AccessError(
                self.env._(
                    "Only the drafter, the actors of the document or a document clerk "
                    "of the issuing unit can record its paper copy."
                )
            )

    def _check_can_archive(self):
        self.ensure_one()
        if self.state != "distributed":
            raise UserError(self.env._("Only a distributed document can be archived."))
        user = self.env.user
        allowed = (
            user == self.drafter_id
            or self.env.su
            or user.has_group("oa_base.group_oa_project")
            or (
                user.has_group("oa_base.group_oa_document_clerk")
                and user.oa_unit_id == self.issuing_unit_id
            )
        )
        if not allowed:
            raise AccessError(
                self.env._(
                    "Only the drafter or a document clerk of the issuing unit can "
                    "archive this document."
                )
            )

    # ---- Transitions ----

    def _transition(self):
        """The record as the system moves it, after a guard said who may."""
        return self.sudo().with_context(oa_transition=True)

    def _do_submit(self):
        doc = self._transition()
        definitions = (
            self.env["oa.document.flow"]
            .sudo()
            ._get_flow_steps(doc.issuing_unit_id, doc.kind)
        )
        vals_list = []
        for definition in definitions:
            vals_list.extend(doc._step_vals(definition))
        steps = self.env["oa.document.step"].sudo().create(vals_list)
        doc.message_post(body=self.env._("Submitted for review."))
        doc._open_next_steps(steps)

    def _step_vals(self, definition):
        Step = self.env["oa.document.step"]
        base = {
            "document_id": self.id,
            "sequence": definition["sequence"],
            "step_type": definition["step_type"],
            "time_limit_hours": definition.get("time_limit_hours") or 24,
        }
        if definition["step_type"] == "countersign":
            leader_def = {"actor_type": "role", "role": "leader"}
            return [
                dict(
                    base,
                    unit_id=unit.id,
                    user_ids=[
                        fields.Command.set(
                            Step.env["oa.document.flow.step"]
                            ._resolve_actors(leader_def, unit)
                            .ids
                        )
                    ],
                )
                for unit in definition["countersign_units"]
            ]
        users = self.env["oa.document.flow.step"]._resolve_actors(
            definition, self.issuing_unit_id
        )
        if not users:
            raise UserError(
                self.env._(
                    "Nobody can act at the %(step)s step of this flow: ask the unit "
                    "administrator to complete it.",
                    step=selection_label(
                        self.env["oa.document.step"],
                        "step_type",
                        definition["step_type"],
                    ),
                )
            )
        return [
            dict(
                base,
                unit_id=self.issuing_unit_id.id,
                user_ids=[fields.Command.set(users.ids)],
            )
        ]

    def _open_next_steps(self, steps=None):
        """Open the lowest waiting sequence; the document's state follows."""
        steps = (steps if steps is not None else self.step_ids).sudo()
        waiting = steps.filtered(lambda s: s.state == "waiting")
        if not waiting:
            self._transition().write({"state": "distributed"})
            self._transition().activity_unlink(["mail.mail_activity_data_todo"])
            return
        first = min(waiting.mapped("sequence"))
        batch = waiting.filtered(lambda s: s.sequence == first)
        batch._open()
        state = (
            "review" if "review" in batch.mapped("step_type") else batch[0].step_type
        )
        if state == "countersign":
            state = "review"
        self._transition().write({"state": state})
        self._schedule_activities(batch)

    def _schedule_activities(self, steps):
        """A to-do for each user asked to act (mail activity)."""
        doc = self._transition()
        doc.activity_unlink(["mail.mail_activity_data_todo"])
        for step in steps:
            for user in step.user_ids:
                doc.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=step.date_deadline.date(),
                    summary=self.env._(
                        "%(step)s: %(title)s",
                        step=selection_label(step, "step_type", step.step_type),
                        title=doc.name,
                    ),
                    user_id=user.id,
                )

    def _do_complete_step(self, step, principal, comment=False):
        user = self.env.user
        handler = getattr(self, f"_do_step_{step.step_type}", None)
        if handler:
            handler(step, user)
        step._close(user, principal, comment)
        if principal != user:
            message = self.env._(
                "%(step)s done by %(proxy)s on behalf of %(user)s.",
                step=selection_label(step, "step_type", step.step_type),
                proxy=user.name,
                user=principal.name,
            )
        else:
            message = self.env._(
                "%(step)s done by %(user)s.",
                step=selection_label(step, "step_type", step.step_type),
                user=user.name,
            )
        if comment:
            message += " " + comment
        self._transition().message_post(body=message)
        pending = self.sudo().step_ids.filtered(lambda s: s.state == "pending")
        if not pending:
            self._open_next_steps()

    def _do_step_sign(self, step, user):
        self._transition().write(
            {"signed_by_id": user.id, "date_signed": fields.Datetime.now()}
        )
        self._notify_webhooks("signed")

    def _do_step_number(self, step, user):
        if self.number:
            return
        year = fields.Date.context_today(self).year
        seq = (
            self.env["oa.document.number.counter"]
            .sudo()
            ._take_next(self.issuing_unit_id, self.kind, year)
        )
        prefix = (self.issuing_unit_id.oa_short_name or self.issuing_unit_id.name) + (
            KIND_NUMBER_WORD.get(self.kind, "")
        )
        doc = self._transition()
        doc.write(
            {
                "number": f"{prefix}〔{year}〕{seq}号",
                "number_year": year,
                "number_seq": seq,
            }
        )
        doc.write({"fingerprint": doc._compute_fingerprint()})

    def _do_step_seal(self, step, user):
        if not user.has_group("oa_base.group_oa_seal_keeper"):
            raise AccessError(
                self.env._("Only a seal keeper may apply the electronic seal.")
            )
        self._transition().write({"sealed": True})

    def _do_step_distribute(self, step, user):
        self._distribute()

    def _distribute(self):
        """Create the incoming document (收文) of every receiving unit: the
        number of queries does not grow with the recipients."""
        doc = self._transition()
        main = doc.main_unit_ids
        recipients = [(unit, "main") for unit in main] + [
            (unit, "copy") for unit in doc.copy_unit_ids - main
        ]
        self.env["oa.document.incoming"].sudo()._create_for_distribution(
            doc, recipients
        )
        doc.write({"date_distributed": fields.Datetime.now()})
        doc.message_post(
            body=self.env._("Distributed to %(count)s units.", count=len(recipients))
        )
        self._notify_webhooks("distributed")

    def _do_return(self, step_sequence, reason):
        """Send the document back to an earlier step (or to the drafter when
        ``step_sequence`` is 0); the open steps are closed as returned and the
        steps from the target on are opened again as new rows."""
        user = self.env.user
        step, principal = self._check_can_act()
        if not reason or not reason.strip():
            raise UserError(self.env._("Give the reason for returning the document."))
        if step_sequence >= step.sequence:
            raise UserError(
                self.env._("A document can only be returned to an earlier step.")
            )
        doc = self._transition()
        Step = self.env["oa.document.step"].sudo()
        pending = doc.step_ids.filtered(lambda s: s.state == "pending")
        pending._close(user, principal, reason, state="returned")
        doc.step_ids.filtered(lambda s: s.state == "waiting").write({"state": "cancel"})
        doc.message_post(
            body=self.env._(
                "Returned by %(user)s: %(reason)s", user=user.name, reason=reason
            )
        )
        if not step_sequence:
            doc.activity_unlink(["mail.mail_activity_data_todo"])
            doc.write({"state": "draft"})
            doc.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Returned: %(reason)s", reason=reason),
                user_id=doc.drafter_id.id,
            )
            return
        # reopen, from the target on, the latest row of every step of the flow
        latest = {}
        for row in doc.step_ids.sorted("id"):
            if row.sequence >= step_sequence:
                latest[(row.sequence, row.unit_id.id, row.step_type)] = row
        new_steps = Step.create([row._reopen_vals() for row in latest.values()])
        doc._open_next_steps(new_steps)

    def _do_archive(self):
        doc = self._transition()
        self.env.cr.execute("SELECT pg_advisory_xact_lock(%s)", [ARCHIVE_CHAIN_LOCK])
        last = self.sudo().search(
            [("archive_seq", "!=", 0)], order="archive_seq desc", limit=1
        )
        now = fields.Datetime.now()
        vals = {
            "state": "archived",
            "date_archived": now,
            "archive_seq": (last.archive_seq or 0) + 1,
            "archive_prev_hash": last.archive_hash or "",
        }
        if not doc.fingerprint:
            vals["fingerprint"] = doc._compute_fingerprint()
        doc.write(vals)
        doc.write({"archive_hash": doc._compute_archive_hash()})
        doc.activity_unlink(["mail.mail_activity_data_todo"])

    # ---- Fingerprint and archive chain ----

    def _fingerprint_payload(self):
        self.ensure_one()
        return json.dumps(
            {
                "number": self.number or "",
                "title": self.name or "",
                "unit": self.issuing_unit_id.name or "",
                "kind": self.kind,
                "main": sorted(self.main_unit_ids.mapped("name")),
                "copy": sorted(self.copy_unit_ids.mapped("name")),
                "text": html2plaintext(self.body or "").strip(),
                "attachments": sorted(self.attachment_ids.sudo().mapped("checksum")),
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    def _compute_fingerprint(self):
        return hashlib.sha256(self._fingerprint_payload().encode()).hexdigest()

    def _compute_archive_hash(self):
        self.ensure_one()
        payload = "|".join(
            [
                self.archive_prev_hash or "",
                str(self.id),
                str(self.archive_seq),
                self.number or "",
                self._compute_fingerprint(),
                fields.Datetime.to_string(self.date_archived),
            ]
        )
        return hashlib.sha256(payload.encode()).hexdigest()

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
    def _check_archive_chain(self):
        """Recompute the archive chain; return the documents where it breaks
        (content changed after archiving, or a link removed)."""
        archived = self.sudo().search(
            [("archive_seq", "!=", 0)], order="archive_seq asc"
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
        return broken

    @api.model
    def _find_by_fingerprint(self, fingerprint):
        """The document whose electronic text has this fingerprint, and
        whether its current text still matches it."""
        doc = self.sudo().search(
            [("fingerprint", "=", (fingerprint or "").strip())], limit=1
        )
        return doc, bool(doc) and doc._compute_fingerprint() == doc.fingerprint

    # ---- Integration ----

    def _notify_webhooks(self, event):
        hooks = (
            self.env["oa.document.webhook"]
            .sudo()
            .search(
                [
                    ("unit_id", "parent_of", self.issuing_unit_id.id),
                    ("active", "=", True),
                    (f"on_{event}", "=", True),
                ]
            )
        )
        if hooks:
            hooks._send(event, self)

    def _api_state(self):
        return [
            {
                "id": doc.id,
                "number": doc.number or False,
                "title": doc.name,
                "state": doc.state,
                "issuing_unit": doc.issuing_unit_id.name,
                "receipts": [
                    {
                        "unit": inc.unit_id.name,
                        "state": inc.state,
                        "received_on": fields.Datetime.to_string(inc.date_received)
                        if inc.date_received
                        else False,
                    }
                    for inc in doc.sudo().incoming_ids
                ],
            }
            for doc in self
        ]

    @api.model
    def api_create_draft(self, values):
        """JSON-RPC entry point for business systems: create a draft.

        ``values``: title, body (HTML or text), kind, urgency,
        classification, main_units / copy_units (unit names or ids).
        Returns the state of the new draft (see ``api_get_state``)."""
        if not isinstance(values, dict) or not values.get("title"):
            raise UserError(self.env._("A draft needs at least a title."))
        unknown = set(values) - {
            "title",
            "body",
            "kind",
            "urgency",
            "classification",
            "main_units",
            "copy_units",
        }
        if unknown:
            raise UserError(
                self.env._(
                    "Unknown fields: %(fields)s", fields=", ".join(sorted(unknown))
                )
            )
        vals = {
            "name": values["title"],
            "body": values.get("body") or False,
            "kind": values.get("kind") or "formal",
            "urgency": values.get("urgency") or "normal",
            "classification": values.get("classification") or "internal",
            "main_unit_ids": [
                fields.Command.set(self._api_units(values.get("main_units")))
            ],
            "copy_unit_ids": [
                fields.Command.set(self._api_units(values.get("copy_units")))
            ],
        }
        return self.create(vals)._api_state()[0]

    @api.model
    def api_get_state(self, ids=None, numbers=None):
        """JSON-RPC entry point: state of documents by id or by number."""
        domain = []
        if ids:
            domain = [("id", "in", list(ids))]
        elif numbers:
            domain = [("number", "in", list(numbers))]
        else:
            raise UserError(self.env._("Give document ids or numbers."))
        return self.search(domain)._api_state()

    def _api_units(self, names):
        Unit = self.env["hr.department"]
        ids = []
        for name in names or []:
            unit = (
                Unit.browse(name)
                if isinstance(name, int)
                else Unit.search(
                    [("name", "=", name), ("is_oa_unit", "=", True)], limit=1
                )
            )
            if not unit.exists():
                raise UserError(self.env._("Unknown unit: %(unit)s", unit=name))
            ids.append(unit.id)
        return ids

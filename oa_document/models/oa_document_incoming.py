# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

INCOMING_STATES = [
    ("to_receive", "To Receive"),
    ("registered", "Registered"),
    ("proposed", "Handling Proposed"),
    ("instructed", "Instructed"),
    ("handling", "Being Handled"),
    ("done", "Done"),
    ("archived", "Archived"),
]

# state → (action, who may do it, next state)
# clerk: a document clerk of the receiving unit (or its unit administrator)
# leader: the leader chosen when the handling was proposed
# handler: the users the leader assigned
TRANSITIONS = {
    "receive": ("to_receive", "clerk", "registered"),
    "propose": ("registered", "clerk", "proposed"),
    "instruct": ("proposed", "leader", "instructed"),
    "start": ("instructed", "handler", "handling"),
    "finish": ("handling", "handler", "done"),
    "archive": ("done", "clerk", "archived"),
}


class OaDocumentIncoming(models.Model):
    """The incoming document (收文) of one receiving unit: 签收 → 登记 →
    拟办 → 批办 → 承办 (with feedback) → 办结 → 归档."""

    _name = "oa.document.incoming"
    _description = "Incoming Document"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _mail_post_access = "read"
    _order = "id desc"
    _rec_names_search = ["name", "receipt_number", "document_number"]

    document_id = fields.Many2one(
        "oa.document", string="Outgoing Document", index=True, ondelete="restrict"
    )
    name = fields.Char(
        string="Title", compute="_compute_from_document", store=True, readonly=False
    )
    document_number = fields.Char(
        compute="_compute_from_document",
        store=True,
        index=True,
        readonly=False,
    )
    issuing_unit_id = fields.Many2one(
        "hr.department",
        string="From Unit",
        compute="_compute_from_document",
        store=True,
        readonly=False,
    )
    kind = fields.Selection(related="document_id.kind", store=True)
    urgency = fields.Selection(related="document_id.urgency", store=True)
    body = fields.Html(related="document_id.body", string="Main Text")
    attachment_ids = fields.Many2many(
        related="document_id.attachment_ids", string="Attachments"
    )
    unit_id = fields.Many2one(
        "hr.department",
        string="Receiving Unit",
        required=True,
        index=True,
        domain=[("is_oa_unit", "=", True)],
    )
    recipient_type = fields.Selection(
        [("main", "Main"), ("copy", "Copy")], required=True, default="main"
    )
    state = fields.Selection(
        INCOMING_STATES, required=True, default="to_receive", tracking=True, index=True
    )
    receipt_number = fields.Char(readonly=True, copy=False)
    received_by_id = fields.Many2one("res.users", string="Received By", readonly=True)
    date_received = fields.Datetime(string="Received On", readonly=True)
    proposal = fields.Text(string="Proposed Handling", tracking=True)
    leader_id = fields.Many2one("res.users", string="Instructing Leader", tracking=True)
    instruction = fields.Text(string="Leader's Instruction", tracking=True)
    handler_ids = fields.Many2many("res.users", string="Handlers", tracking=True)
    feedback = fields.Text(string="Handling Feedback", tracking=True)
    date_done = fields.Datetime(string="Done On", readonly=True)
    # Paper copy received in parallel during the trial run: recorded only, it
    # never moves the electronic flow (纸质文件先于电子文件送达时不得转入下一流程).
    paper_received = fields.Boolean(string="Paper Copy Received", tracking=True)
    paper_received_date = fields.Datetime(string="Paper Copy Received On")
    actor_ids = fields.Many2many(
        "res.users",
        "oa_document_incoming_actor_rel",
        "incoming_id",
        "user_id",
        string="May Act",
        compute="_compute_actor_ids",
        store=True,
        help="Clerks and administrators of the receiving unit, the leader, the "
        "handlers and their proxies.",
    )
    last_action_by_id = fields.Many2one(
        "res.users", string="Last Acted By", readonly=True
    )
    last_action_for_id = fields.Many2one(
        "res.users", string="On Behalf Of", readonly=True
    )

    @api.depends("document_id")
    def _compute_from_document(self):
        for inc in self:
            doc = inc.document_id.sudo()
            if doc:
                inc.name = doc.name
                inc.document_number = doc.number
                inc.issuing_unit_id = doc.issuing_unit_id

    @api.depends("unit_id", "leader_id", "handler_ids")
    def _compute_actor_ids(self):
        clerk_group = self.env.ref("oa_base.group_oa_document_clerk")
        clerks = (
            self.env["res.users"]
            .sudo()
            ._read_group(
                [
                    ("oa_unit_id", "in", self.unit_id.ids),
                    ("groups_id", "in", clerk_group.ids),
                ],
                ["oa_unit_id"],
                ["id:recordset"],
            )
        )
        clerks_by_unit = {unit: users for unit, users in clerks}
        people = self.leader_id | self.handler_ids
        proxies = self.env["oa.proxy"].sudo()._get_upcoming_proxies(people)
        for inc in self:
            actors = (
                clerks_by_unit.get(inc.unit_id, self.env["res.users"])
                | inc.unit_id.sudo().oa_admin_ids
                | inc.leader_id
                | inc.handler_ids
            )
            for user in inc.leader_id | inc.handler_ids:
                actors |= proxies[user.id]
            inc.actor_ids = actors

    @api.model
    def _create_for_distribution(self, document, recipients):
        """Create the receipts of ``document`` for ``recipients`` (a list of
        (unit, recipient_type)) with a fixed number of queries whatever
        their number: one INSERT for the receipts, one for who may act on
        them (the receiving units' clerks and administrators, as
        ``_compute_actor_ids`` says for a new receipt)."""
        if not recipients:
            return self.browse()
        self.env.flush_all()
        now = fields.Datetime.now()
        self.env.cr.execute(
            """
            INSERT INTO oa_document_incoming
                   (document_id, unit_id, recipient_type, state, name,
                    document_number, issuing_unit_id, kind, urgency,
                    create_uid, write_uid, create_date, write_date)
            SELECT d.id, r.unit_id, r.recipient_type, 'to_receive', d.name,
                   d.number, d.issuing_unit_id, d.kind, d.urgency,
                   %(uid)s, %(uid)s, %(now)s, %(now)s
              FROM oa_document d,
                   unnest(%(units)s::int[], %(types)s::varchar[])
                       AS r(unit_id, recipient_type)
             WHERE d.id = %(doc)s
            RETURNING id
            """,
            {
                "doc": document.id,
                "units": [unit.id for unit, _type in recipients],
                "types": [rtype for _unit, rtype in recipients],
                "uid": self.env.uid,
                "now": now,
            },
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.env.cr.execute(
            """
            INSERT INTO oa_document_incoming_actor_rel (incoming_id, user_id)
            SELECT i.id, u.id
              FROM oa_document_incoming i
              JOIN res_users u ON u.oa_unit_id = i.unit_id AND u.active
              JOIN res_groups_users_rel g ON g.uid = u.id AND g.gid = %(clerk)s
             WHERE i.id = ANY(%(ids)s)
             UNION
            SELECT i.id, a.user_id
              FROM oa_document_incoming i
              JOIN oa_unit_admin_rel a ON a.department_id = i.unit_id
             WHERE i.id = ANY(%(ids)s)
            """,
            {"ids": ids, "clerk": self.env.ref("oa_base.group_oa_document_clerk").id},
        )
        self.invalidate_model()
        document.invalidate_recordset(["incoming_ids"])
        return self.browse(ids)

    # ---- Actions ----

    def action_receive(self):
        return self._act("receive")

    def action_propose(self):
        return self._act("propose")

    def action_instruct(self):
        return self._act("instruct")

    def action_start(self):
        return self._act("start")

    def action_finish(self):
        return self._act("finish")

    def action_archive_incoming(self):
        return self._act("archive")

    def action_record_paper_received(self):
        # records the date only: the state stays where the electronic flow is
        self.write(
            {"paper_received": True, "paper_received_date": fields.Datetime.now()}
        )
        return True

    def _act(self, action):
        for inc in self:
            principal = inc._check_can(action)
            inc._do(action, principal)
        return True

    # ---- Guards ----

    def _check_can(self, action):
        """Return the user the current user acts as, or raise."""
        self.ensure_one()
        from_state, role, _to = TRANSITIONS[action]
        if self.state != from_state:
            raise UserError(
                self.env._(
                    "“%(title)s” is %(state)s: this step is not possible now.",
                    title=self.name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        self.state
                    ],
                )
            )
        self._check_step_inputs(action)
        user = self.env.user
        if self.env.su:
            return user
        principal = (
            self.env["oa.proxy"].sudo()._acting_as(user, self._allowed_users(role))
        )
        if principal:
            return principal
        raise AccessError(
            self.env._("You may not do this step of “%(title)s”.", title=self.name)
        )

    def _check_step_inputs(self, action):
        missing = {
            "propose": not (self.proposal and self.leader_id),
            "instruct": not (self.instruction and self.handler_ids),
            "finish": not self.feedback,
        }.get(action)
        if missing:
            message = {
                "propose": self.env._(
                    "Write the proposed handling and choose the instructing leader."
                ),
                "instruct": self.env._(
                    "Write the instruction and choose the handlers."
                ),
                "finish": self.env._("Write the handling feedback before finishing."),
            }[action]
            raise UserError(message)

    def _allowed_users(self, role):
        if role == "leader":
            return self.leader_id
        if role == "handler":
            return self.handler_ids
        clerks = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("oa_unit_id", "=", self.unit_id.id),
                    (
                        "groups_id",
                        "in",
                        self.env.ref("oa_base.group_oa_document_clerk").ids,
                    ),
                ]
            )
        )
        return clerks | self.unit_id.sudo().oa_admin_ids

    # ---- Transitions ----

    def _do(self, action, principal):
        user = self.env.user
        inc = self.sudo()
        vals = {
            "state": TRANSITIONS[action][2],
            "last_action_by_id": user.id,
            "last_action_for_id": principal.id if principal != user else False,
        }
        if action == "receive":
            year = fields.Date.context_today(self).year
            seq = (
                self.env["oa.document.number.counter"]
                .sudo()
                ._take_next(inc.unit_id, "incoming", year)
            )
            short = inc.unit_id.oa_short_name or inc.unit_id.name
            vals.update(
                {
                    "received_by_id": user.id,
                    "date_received": fields.Datetime.now(),
                    "receipt_number": f"{short}收〔{year}〕{seq}号",
                }
            )
        elif action == "finish":
            vals["date_done"] = fields.Datetime.now()
        inc.write(vals)
        next_users = {
            "propose": inc.leader_id,
            "instruct": inc.handler_ids,
        }.get(action)
        inc.activity_unlink(["mail.mail_activity_data_todo"])
        for next_user in next_users or []:
            inc.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Handle: %(title)s", title=inc.name),
                user_id=next_user.id,
            )
        if principal != user:
            inc.message_post(
                body=self.env._(
                    "%(proxy)s on behalf of %(user)s.",
                    proxy=user.name,
                    user=principal.name,
                )
            )

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.labels import field_labels

# Who stands in for whom is fixed when the window is created.
FIXED_FIELDS = ("user_id", "proxy_user_id", "oa_unit_id")

# A window may start a little before it is saved (the form proposes "now").
PAST_TOLERANCE = timedelta(minutes=15)


class OaProxy(models.Model):
    """A proxy (公文代办人) acts for a user during a trip or a leave.

    Later addons ask ``_get_acting_users`` who should receive or may do the
    work of a user at a given time.
    """

    _name = "oa.proxy"
    _description = "OA Proxy"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"
    _rec_names_search = ["user_id", "proxy_user_id"]

    user_id = fields.Many2one(
        "res.users",
        string="Principal",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        ondelete="cascade",
    )
    proxy_user_id = fields.Many2one(
        "res.users",
        string="Proxy",
        required=True,
        index=True,
        tracking=True,
        ondelete="cascade",
        domain=[("share", "=", False)],
    )
    date_from = fields.Datetime(
        string="From", required=True, tracking=True, default=fields.Datetime.now
    )
    date_to = fields.Datetime(string="To", required=True, tracking=True)
    reason = fields.Selection(
        [("trip", "Business Trip"), ("leave", "Leave"), ("other", "Other")],
        required=True,
        default="trip",
        tracking=True,
    )
    note = fields.Text()
    active = fields.Boolean(default=True, tracking=True)
    oa_unit_id = fields.Many2one(
        related="user_id.oa_unit_id", store=True, string="Unit", index=True
    )
    is_current = fields.Boolean(
        string="In Effect Now",
        compute="_compute_is_current",
        search="_search_is_current",
    )

    has_started = fields.Boolean(compute="_compute_has_started")
    is_over = fields.Boolean(compute="_compute_has_started")

    @api.depends("date_from", "date_to")
    def _compute_has_started(self):
        now = fields.Datetime.now()
        for rec in self:
            rec.has_started = bool(rec.id and rec.date_from and rec.date_from <= now)
            rec.is_over = bool(rec.id and rec.date_to and rec.date_to <= now)

    @api.depends("user_id", "proxy_user_id")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "%(proxy)s for %(user)s",
                proxy=rec.proxy_user_id.name or "",
                user=rec.user_id.name or "",
            )

    @api.depends("date_from", "date_to", "active")
    def _compute_is_current(self):
        now = fields.Datetime.now()
        for rec in self:
            rec.is_current = bool(
                rec.active
                and rec.date_from
                and rec.date_to
                and rec.date_from <= now < rec.date_to
            )

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        now = fields.Datetime.now()
        domain = [("date_from", "<=", now), ("date_to", ">", now)]
        if (operator == "=") != value:
            return ["!", "&", *domain]
        return domain

    # ---- Constraints ----

    @api.constrains("proxy_user_id")
    def _check_proxy_internal(self):
        for rec in self:
            if rec.proxy_user_id.share:
                raise ValidationError(
                    self.env._(
                        "%(user)s is not an internal user and cannot act as a "
                        "proxy.",
                        user=rec.proxy_user_id.name,
                    )
                )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for rec in self:
            if rec.date_from >= rec.date_to:
                raise ValidationError(
                    self.env._(
                        "The end of the proxy window (%(end)s) must be after its "
                        "start (%(start)s).",
                        start=fields.Datetime.to_string(rec.date_from),
                        end=fields.Datetime.to_string(rec.date_to),
                    )
                )

    @api.constrains("user_id", "proxy_user_id")
    def _check_not_self(self):
        for rec in self:
            if rec.user_id == rec.proxy_user_id:
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot be his or her own proxy: choose another "
                        "colleague.",
                        user=rec.user_id.name,
                    )
                )

    @api.constrains("user_id", "date_from", "date_to", "active")
    def _check_no_overlap(self):
        active = self.filtered("active")
        if not active:
            return
        # One query for the whole batch: any other active window of the same
        # principal that intersects one of ours.
        self.flush_model(["user_id", "date_from", "date_to", "active"])
        self.env.cr.execute(
            """
            SELECT a.id, b.id
              FROM oa_proxy a
              JOIN oa_proxy b
                ON b.user_id = a.user_id
               AND b.id <> a.id
               AND b.active
               AND b.date_from < a.date_to
               AND a.date_from < b.date_to
             WHERE a.id IN %s
             LIMIT 1
            """,
            [tuple(active.ids)],
        )
        row = self.env.cr.fetchone()
        if row:
            mine, other = self.browse(row[0]), self.browse(row[1]).sudo()
            raise ValidationError(
                self.env._(
                    "%(user)s already has a proxy (%(proxy)s) from %(start)s to "
                    "%(end)s; proxy windows of one user may not overlap.",
                    user=mine.user_id.name,
                    proxy=other.proxy_user_id.name,
                    start=fields.Datetime.to_string(other.date_from),
                    end=fields.Datetime.to_string(other.date_to),
                )
            )

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            earliest = fields.Datetime.now() - PAST_TOLERANCE
            for vals in vals_list:
                start = vals.get("date_from")
                if start and fields.Datetime.to_datetime(start) < earliest:
                    raise UserError(self._oa_past_message())
        proxies = super().create(vals_list)
        if not self.env.su:
            proxies._oa_check_can_name_proxy()
        self.env.registry.clear_cache()  # _oa_proxy_windows
        # a proxy named: he may act on the open steps of his principal
        proxies.user_id._oa_refresh_open_steps()
        return proxies

    def write(self, vals):
        if not self.env.su:
            self._oa_check_write(vals)
        users = self.user_id
        res = super().write(vals)
        self.env.registry.clear_cache()  # _oa_proxy_windows
        (self.user_id | users)._oa_refresh_open_steps()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()  # _oa_proxy_windows
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if self.env.su:
            return
        now = fields.Datetime.now()
        if any(rec.date_from <= now for rec in self):
            raise UserError(
                self.env._(
                    "A proxy window that has started is kept as a record of who "
                    "could act for whom: end it now instead of deleting it."
                )
            )

    def _oa_check_write(self, vals):
        """Principal and proxy never change; of the dates only the future
        changes: a started window keeps its start, an ended one its end, and
        no date moves into the past (work done in a window stays explained by
        it, and nothing done outside one becomes covered)."""
        fixed = [name for name in FIXED_FIELDS if name in vals]
        if fixed:
            raise UserError(
                self.env._(
                    "%(fields)s of a proxy window cannot be changed: archive it "
                    "(or end it now) and create a new one.",
                    fields=field_labels(self, fixed),
                )
            )
        now = fields.Datetime.now()
        earliest = now - PAST_TOLERANCE
        started = self.filtered(lambda rec: rec.date_from <= now)
        if started and ("date_from" in vals or "active" in vals):
            raise UserError(
                self.env._(
                    "The window of %(user)s has started: its start cannot move "
                    "and it cannot be archived; end it now by setting its end.",
                    user=started[0].user_id.name,
                )
            )
        if "date_to" in vals:
            if self.filtered(lambda rec: rec.date_to <= now):
                raise UserError(
                    self.env._("A proxy window that is over cannot be changed.")
                )
        for name in ("date_from", "date_to"):
            value = vals.get(name)
            if value and fields.Datetime.to_datetime(value) < earliest:
                raise UserError(self._oa_past_message())

    def _oa_past_message(self):
        return self.env._(
            "A proxy window cannot begin or end in the past: it would make past "
            "actions look covered, or uncovered."
        )

    def _oa_check_can_name_proxy(self):
        """A user names his own proxies; his unit administrator and the project
        group may name them for him (record rules say the same)."""
        actor = self.env.user
        if actor._oa_is_project():
            return
        managed = self.env["hr.department"]
        if actor.has_group("oa_base.group_oa_unit_admin"):
            managed = actor._oa_administered_units()
        for rec in self.sudo():
            if rec.user_id != actor and rec.user_id.oa_unit_id not in managed:
                raise AccessError(
                    self.env._(
                        "Only %(user)s, the administrators of his unit or the "
                        "project group may name his proxy.",
                        user=rec.user_id.name,
                    )
                )

    # ---- Business methods ----

    @api.model
    @tools.ormcache("day")
    def _oa_proxy_windows(self, day):
        """Every active window not over before ``day`` (a date): a tuple of
        ``(user_id, proxy_user_id, date_from, date_to)``.  Every step of
        every flow asks who stands in for its actors (to-dos, who may act,
        who holds the record): the windows are few and rarely change, so
        they are read once per day and process, and any change of a window
        (create, write, unlink) clears the cache in every worker."""
        self.flush_model(["user_id", "proxy_user_id", "date_from", "date_to", "active"])
        self.env.cr.execute(
            """
            SELECT user_id, proxy_user_id, date_from, date_to
              FROM oa_proxy
             WHERE active AND date_to > %s
             ORDER BY id
            """,
            [day],
        )
        return tuple(self.env.cr.fetchall())

    @api.model
    def _oa_windows_of(self, users, now):
        """The cached windows of ``users`` not over at ``now``."""
        ids = set(users.ids)
        return [
            window
            for window in self._oa_proxy_windows(now.date())
            if window[0] in ids and window[3] > now
        ]

    @api.model
    def _get_acting_users(self, users, when=None):
        """Return ``{user_id: acting res.users}`` for ``users`` at ``when``.

        A user with a proxy window covering ``when`` is represented by the
        proxy; the others act for themselves (no query once the windows are
        cached).
        """
        when = when or fields.Datetime.now()
        acting = {user.id: user for user in users}
        if not users:
            return acting
        for user_id, proxy_id, date_from, _date_to in self._oa_windows_of(users, when):
            if date_from <= when:
                acting[user_id] = self.env["res.users"].browse(proxy_id)
        return acting

    @api.model
    def _get_upcoming_proxies(self, users):
        """``{user_id: proxies}`` of the windows of ``users`` not yet over:
        used to give a proxy read access to the work he will cover, while
        acting stays checked against the exact window."""
        result = {user.id: self.env["res.users"] for user in users}
        if not users:
            return result
        proxies = {}
        now = fields.Datetime.now()
        for user_id, proxy_id, _from, _to in self._oa_windows_of(users, now):
            proxies.setdefault(user_id, []).append(proxy_id)
        for user_id, proxy_ids in proxies.items():
            result[user_id] = self.env["res.users"].browse(proxy_ids)
        return result

    @api.model
    def _get_principals(self, proxy_user, when=None):
        """Users for whom ``proxy_user`` may act at ``when`` (the cached
        windows: no query), the latest window first."""
        when = when or fields.Datetime.now()
        windows = sorted(
            (
                window
                for window in self._oa_proxy_windows(when.date())
                if window[1] == proxy_user.id and window[2] <= when < window[3]
            ),
            key=lambda window: window[2],
            reverse=True,
        )
        return self.env["res.users"].browse(
            dict.fromkeys(window[0] for window in windows)
        )

    @api.model
    def _acting_as(self, actor, users, when=None):
        """The user among ``users`` that ``actor`` may act as at ``when``:
        himself if he is one of them, else the one whose proxy he is (one
        query); an empty recordset if neither."""
        if actor in users:
            return actor
        acting = self._get_acting_users(users, when)
        return next(
            (user for user in users if acting[user.id] == actor),
            self.env["res.users"],
        )

    @api.model
    def _can_act_for(self, actor, user, when=None):
        """True if ``actor`` is ``user`` or ``user``'s proxy at ``when``."""
        return bool(self._acting_as(actor, user, when))

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.oa_base.tools.local_time import local_month_start
from odoo.addons.oa_base.tools.names import check_not_blank

COLUMN_KINDS = [
    ("news", "News Centre"),
    ("notice", "Notices"),
    ("knowledge", "Knowledge Centre"),
]


class OaColumn(models.Model):
    """A column (栏目) of a unit: its news centre, its notices, its knowledge
    centre (whose categories nest under it).  Each OA unit gets the three root
    columns when it is created; its administrators manage them."""

    _name = "oa.column"
    _description = "OA Column"
    _parent_store = True
    _order = "unit_id, parent_path, sequence, id"
    _rec_names_search = ["name", "unit_id.oa_short_name", "unit_id.name"]

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(compute="_compute_complete_name", recursive=True)
    kind = fields.Selection(COLUMN_KINDS, required=True, index=True)
    unit_id = fields.Many2one(
        "hr.department",
        string="Unit",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_oa_unit", "=", True)],
    )
    parent_id = fields.Many2one(
        "oa.column",
        string="Parent Column",
        index=True,
        ondelete="cascade",
        help="Knowledge categories nest under the unit's knowledge centre.",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("oa.column", "parent_id", string="Categories")
    publisher_ids = fields.Many2many(
        "res.users",
        "oa_column_publisher_rel",
        "column_id",
        "user_id",
        string="Publishers",
        domain=[("share", "=", False)],
        help="Users who may write and publish articles in this column, besides "
        "the unit's administrators.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text()
    article_ids = fields.One2many("oa.article", "column_id", string="Articles")
    article_count = fields.Integer(
        string="Number of Articles", compute="_compute_article_count"
    )
    can_manage = fields.Boolean(compute="_compute_can_manage")
    last_update = fields.Datetime(
        string="Last Publication", compute="_compute_freshness"
    )
    articles_this_month = fields.Integer(
        string="Published This Month", compute="_compute_freshness"
    )
    is_stale = fields.Boolean(
        string="Stale",
        compute="_compute_freshness",
        search="_search_is_stale",
        help="No article published for the number of days set in the settings.",
    )
    can_publish = fields.Boolean(
        compute="_compute_can_publish", search="_search_can_publish"
    )

    _sql_constraints = [
        (
            "kind_root_unique",
            "EXCLUDE (unit_id WITH =, kind WITH =) WHERE (parent_id IS NULL)",
            "A unit has only one root column of each kind.",
        ),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for column in self:
            if column.parent_id:
                column.complete_name = (
                    f"{column.parent_id.complete_name} / {column.name}"
                )
            else:
                column.complete_name = column.name

    @api.depends("complete_name", "unit_id.oa_short_name", "unit_id.name")
    def _compute_display_name(self):
        for column in self:
            unit = column.unit_id.sudo()
            prefix = unit.oa_short_name or unit.name
            column.display_name = (
                f"{prefix} · {column.complete_name}" if prefix else column.complete_name
            )

    def _compute_can_publish(self):
        for column in self:
            column.can_publish = column._oa_user_can_publish(self.env.user)

    def _search_can_publish(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        user = self.env.user
        managed = self._oa_user_manages_unit_ids(user)
        if managed is None:
            domain = [(1, "=", 1)]
        else:
            domain = [
                "|",
                "|",
                ("unit_id", "in", list(managed)),
                ("publisher_ids", "in", [user.id]),
                ("parent_id.publisher_ids", "in", [user.id]),
            ]
        if (operator == "=") != value:
            return ["!", *domain] if len(domain) > 1 else [(0, "=", 1)]
        return domain

    def _compute_article_count(self):
        counts = dict(
            self.env["oa.article"]._read_group(
                [("column_id", "in", self.ids)], ["column_id"], ["__count"]
            )
        )
        for column in self:
            column.article_count = counts.get(column, 0)

    def _compute_can_manage(self):
        for column in self:
            column.can_manage = column._oa_user_manages_unit(self.env.user)

    # ---- Constraints ----

    @api.constrains("name")
    def _check_name_not_blank(self):
        check_not_blank(self, "name")

    @api.constrains("parent_id", "unit_id", "kind")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self.env._("Columns cannot be nested in a loop."))
        for column in self.filtered("parent_id"):
            parent = column.parent_id
            if parent.unit_id != column.unit_id or parent.kind != column.kind:
                raise ValidationError(
                    self.env._(
                        "“%(column)s” must belong to the same unit and be of the same "
                        "kind as its parent column “%(parent)s”.",
                        column=column.name,
                        parent=parent.name,
                    )
                )

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        columns = super().create(vals_list)
        columns._oa_check_can_manage()
        return columns

    def write(self, vals):
        self._oa_check_can_manage()
        res = super().write(vals)
        if "unit_id" in vals:
            self._oa_check_can_manage()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_empty(self):
        self._oa_check_can_manage()
        if not self.env.su and self.with_context(active_test=False).article_ids:
            raise UserError(
                self.env._(
                    "Columns that hold articles cannot be deleted: archive them "
                    "instead."
                )
            )

    # ---- Business methods ----

    @api.model
    def _oa_user_manages_unit_ids(self, user):
        """Ids of the units whose columns ``user`` manages (None: all)."""
        if user._oa_is_project():
            return None
        return set(user._oa_administered_units().ids)

    def _oa_user_manages_unit(self, user):
        self.ensure_one()
        managed = self._oa_user_manages_unit_ids(user)
        return managed is None or self.unit_id.id in managed

    def _oa_check_can_manage(self):
        """Python guard behind the record rules: only the administrators of
        the column's unit (and the project group) manage its columns."""
        if self.env.su:
            return
        managed = self._oa_user_manages_unit_ids(self.env.user)
        if managed is None:
            return
        for column in self.sudo():
            if column.unit_id.id not in managed:
                raise AccessError(
                    self.env._(
                        "Only the system administrators of %(unit)s manage its "
                        "columns.",
                        unit=column.unit_id.display_name,
                    )
                )

    def _oa_user_can_publish(self, user):
        """Administrators of the unit and the column's publishers (those of a
        parent column too) may write and publish articles."""
        self.ensure_one()
        column = self.sudo()
        if user in column.publisher_ids | column.parent_id.publisher_ids:
            return True
        return column._oa_user_manages_unit(user)

    @api.model
    def _oa_translate_root_names(self):
        """Root columns keep the name of their kind (新闻中心, 通知公告,
        知识中心) in every installed language, unless the unit renamed them:
        one statement per kind and language."""
        self.flush_model(["name"])
        kinds = dict(self._fields["kind"].selection)
        for lang, _name in self.env["res.lang"].get_installed():
            if lang == "en_US":
                continue
            labels = dict(
                self._fields["kind"]._description_selection(
                    self.with_context(lang=lang).env
                )
            )
            for kind, english in kinds.items():
                self.env.cr.execute(
                    SQL(
                        """
                        UPDATE oa_column
                           SET name = name || jsonb_build_object(%s::text, %s::text)
                         WHERE parent_id IS NULL AND kind = %s
                           AND name->>'en_US' = %s
                           AND name->>%s IS DISTINCT FROM %s
                        """,
                        lang,
                        labels[kind],
                        kind,
                        english,
                        lang,
                        labels[kind],
                    )
                )
        self.invalidate_model(["name"])

    # ---- Freshness (栏目及时更新) ----

    @api.model
    def _oa_stale_days(self):
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("oa_portal_columns.stale_days", 30)
        )
        try:
            return max(int(param), 1)
        except (TypeError, ValueError):
            return 30

    def _compute_freshness(self):
        """Last publication and articles published this month: two grouped
        queries for all the columns shown."""
        Article = self.env["oa.article"].sudo()
        domain = [("column_id", "in", self.ids), ("state", "!=", "draft")]
        last = dict(Article._read_group(domain, ["column_id"], ["publish_date:max"]))
        # the month of the user's calendar (Beijing time by default), not UTC's
        month_start = local_month_start(self.env)
        month = dict(
            Article._read_group(
                domain + [("publish_date", ">=", month_start)],
                ["column_id"],
                ["__count"],
            )
        )
        limit = fields.Datetime.now() - timedelta(days=self._oa_stale_days())
        for column in self:
            column.last_update = last.get(column, False)
            column.articles_this_month = month.get(column, 0)
            column.is_stale = not column.last_update or column.last_update < limit

    def _search_is_stale(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        limit = fields.Datetime.now() - timedelta(days=self._oa_stale_days())
        fresh = (
            self.env["oa.article"]
            .sudo()
            ._search([("state", "!=", "draft"), ("publish_date", ">=", limit)])
            .subselect("column_id")
        )
        stale = (operator == "=") == value
        return [("id", "not in" if stale else "in", fresh)]

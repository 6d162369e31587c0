# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class OaArticleRead(models.Model):
    """One row per reader and article: the read receipt (阅读回执).

    Rows are written by ``_oa_upsert`` with one INSERT … ON CONFLICT
    statement; nobody creates or edits them through the ORM."""

    _name = "oa.article.read"
    _description = "OA Article Read Receipt"
    _order = "last_view desc, id desc"
    _log_access = True

    article_id = fields.Many2one(
        "oa.article", required=True, index=True, ondelete="cascade", readonly=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Reader",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    unit_id = fields.Many2one(
        "hr.department",
        string="Unit",
        index=True,
        readonly=True,
        help="The reader's unit when he first read the article.",
    )
    first_view = fields.Datetime(string="First Read", readonly=True)
    last_view = fields.Datetime(string="Last Read", readonly=True)
    view_count = fields.Integer(string="Views", readonly=True)
    ack_date = fields.Datetime(string="Acknowledged On", readonly=True)

    _sql_constraints = [
        (
            "article_user_unique",
            "UNIQUE(article_id, user_id)",
            "One read receipt per reader and article.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self._oa_refuse_orm_write()
        return super().create(vals_list)

    def write(self, vals):
        self._oa_refuse_orm_write()
        return super().write(vals)

    def _oa_refuse_orm_write(self):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "Read receipts are recorded by reading the article; they cannot "
                    "be created or changed by hand."
                )
            )

    @api.model
    def _oa_upsert(self, articles, user, acknowledge=False):
        """Record one view of ``articles`` by ``user`` — one statement.

        With ``acknowledge``, also set the acknowledgement date unless it is
        already set; returns the ids of the rows written (none when the user
        had already acknowledged)."""
        now = fields.Datetime.now()
        ack = now if acknowledge else None
        values = SQL(", ").join(
            SQL(
                "(%s, %s, %s, %s, %s, 1, %s, %s, %s, %s, %s)",
                article_id,
                user.id,
                user.oa_unit_id.id or None,
                now,
                now,
                ack,
                user.id,
                now,
                user.id,
                now,
            )
            for article_id in articles.ids
        )
        condition = (
            SQL("WHERE oa_article_read.ack_date IS NULL") if acknowledge else SQL()
        )
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO oa_article_read
                       (article_id, user_id, unit_id, first_view, last_view,
                        view_count, ack_date, create_uid, create_date, write_uid,
                        write_date)
                VALUES %s
                ON CONFLICT (article_id, user_id) DO UPDATE
                   SET last_view = EXCLUDED.last_view,
                       view_count = oa_article_read.view_count + 1,
                       ack_date = COALESCE(oa_article_read.ack_date, EXCLUDED.ack_date),
                       write_uid = EXCLUDED.write_uid,
                       write_date = EXCLUDED.write_date
                %s
                RETURNING id
                """,
                values,
                condition,
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.invalidate_model()
        articles.invalidate_recordset(
            ["read_ids", "is_read", "is_acknowledged", "read_count", "ack_count"]
        )
        return ids

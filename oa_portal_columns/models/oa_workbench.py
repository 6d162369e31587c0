# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL

from odoo.addons.oa_base.tools.local_time import local_date_string, local_today

# Prefix of the models whose activities are OA work (documents, receipts,
# supervision items, later training and assessment).
OA_MODEL_PREFIX = "oa."
ARTICLE_FIELDS = [
    "name",
    "kind",
    "unit_id",
    "publish_date",
    "is_pinned",
    "requires_ack",
]


class OaWorkbench(models.AbstractModel):
    """The data of the workbench (工作台): every block in one call, in a
    bounded number of queries (``tests/test_workbench.py`` counts them)."""

    _name = "oa.workbench"
    _description = "OA Workbench"

    @api.model
    @api.readonly  # served by the read replica when there is one
    def get_data(self, limit=8):
        """All the blocks of the workbench of the current user, as plain data.

        ``limit`` caps the lines of each list (1–50); the counts are computed
        on the server over everything."""
        try:
            limit = max(1, min(int(limit), 50))
        except (TypeError, ValueError):
            limit = 8
        user = self.env.user
        principals = self.env["oa.proxy"]._get_principals(user)
        # the user and his principals (names, time zone) in two queries
        people = (user | principals).sudo()
        people.fetch(["partner_id", "oa_unit_id"])
        people.partner_id.fetch(["name", "tz"])
        todo = self._oa_todo(user, principals, limit)
        to_read = self._oa_to_read(limit)
        latest = self._oa_latest(limit)
        data = {
            "user": {"name": user.partner_id.name, "unit_id": user.oa_unit_id.id},
            "principals": principals.partner_id.mapped("name"),
            # why he may not act in the document flows now (e.g. his unit
            # requires the operation exam first), shown above his to-dos
            "flow_block": user._oa_flow_block_reason() or "",
            "todo": todo,
            "done": self._oa_done(user, limit),
            "to_read": to_read,
            "read": self._oa_read(limit),
            "news": latest["news"],
            "notices": latest["notice"],
        }
        self._oa_fill_unit_names(data)
        return data

    def _oa_fill_unit_names(self, data):
        """One query for the names of every unit shown."""
        items = [
            *data["to_read"]["items"],
            *data["read"],
            *data["news"],
            *data["notices"],
        ]
        unit_ids = {item["unit_id"] for item in items} | {data["user"]["unit_id"]}
        unit_ids.discard(False)
        names = {
            unit["id"]: unit["display_name"]
            for unit in self.env["hr.department"]
            .sudo()
            .browse(unit_ids)
            .read(["display_name"])
        }
        for item in [*items, data["user"]]:
            item["unit"] = names.get(item.pop("unit_id"), "")

    # ---- 待办 / 已办 ----

    def _oa_todo(self, user, principals, limit):
        Activity = self.env["mail.activity"].sudo()
        domain = [
            ("user_id", "in", (user | principals).ids),
            ("res_model", "=like", f"{OA_MODEL_PREFIX}%"),
        ]
        today = local_today(self.env)
        Activity.flush_model(["user_id", "res_model", "date_deadline", "active"])
        query = Activity._search(domain)
        self.env.cr.execute(
            query.select(
                SQL(
                    "count(*), count(*) FILTER (WHERE %s < %s)",
                    SQL.identifier(query.table, "date_deadline"),
                    today,
                )
            )
        )
        count, overdue = self.env.cr.fetchone()
        activities = Activity.search_fetch(
            domain,
            ["res_model", "res_id", "res_name", "summary", "date_deadline", "user_id"],
            order="date_deadline, id",
            limit=limit,
        )
        model_names = self._oa_model_names()
        principal_names = {p.id: p.partner_id.name for p in principals}
        items = [
            {
                "id": act.id,
                "res_model": act.res_model,
                "res_id": act.res_id,
                "title": act.res_name or "",
                "summary": self._oa_short_summary(
                    act.summary or act.activity_type_id.name or "", act.res_name
                ),
                "model_name": model_names.get(act.res_model, act.res_model),
                "deadline": fields.Date.to_string(act.date_deadline),
                "state": (
                    "overdue"
                    if act.date_deadline < today
                    else "today"
                    if act.date_deadline == today
                    else "planned"
                ),
                "for_user": principal_names.get(act.user_id.id, ""),
            }
            for act in activities
        ]
        return {"count": count, "overdue": overdue, "items": items}

    @api.model
    def _oa_short_summary(self, summary, title):
        """The flows write "Step: title" as the summary of their to-dos; the
        line already shows the title: keep the step."""
        if title and summary.endswith(title):
            short = summary[: -len(title)].rstrip().rstrip(":：").rstrip()
            return short or summary
        return summary

    @api.model
    def _oa_model_names(self):
        return dict(self._oa_model_names_cached(self.env.lang or "en_US"))

    @tools.ormcache("lang")
    def _oa_model_names_cached(self, lang):
        """Names of the OA models in ``lang`` (they change only with the
        registry, which clears this cache)."""
        models_ = (
            self.env["ir.model"]
            .sudo()
            .with_context(lang=lang)
            .search_fetch(
                [("model", "=like", f"{OA_MODEL_PREFIX}%")], ["model", "name"]
            )
        )
        return tuple((m.model, m.name) for m in models_)

    def _oa_done(self, user, limit):
        """Activities the user completed on OA records (their messages)."""
        messages = (
            self.env["mail.message"]
            .sudo()
            .search_fetch(
                [
                    ("author_id", "=", user.partner_id.id),
                    ("mail_activity_type_id", "!=", False),
                    ("model", "=like", f"{OA_MODEL_PREFIX}%"),
                ],
                ["model", "res_id", "record_name", "date", "mail_activity_type_id"],
                order="date desc, id desc",
                limit=limit,
            )
        )
        done = [
            {
                "id": msg.id,
                "res_model": msg.model,
                "res_id": msg.res_id,
                "title": msg.record_name or "",
                "summary": msg.mail_activity_type_id.name or "",
                "date": local_date_string(self.env, msg.date),
                "at": msg.date,
            }
            for msg in messages
        ]
        # the flow's to-dos he completed by handling his step (archived)
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("user_id", "=", user.id),
                    ("oa_flow", "=", True),
                    ("active", "=", False),
                    ("res_model", "=like", f"{OA_MODEL_PREFIX}%"),
                ],
                ["res_model", "res_id", "res_name", "summary", "write_date"],
                order="write_date desc, id desc",
                limit=limit,
            )
        )
        done += [
            {
                "id": -activity.id,
                "res_model": activity.res_model,
                "res_id": activity.res_id,
                "title": activity.res_name or "",
                "summary": activity.summary or "",
                "date": local_date_string(self.env, activity.write_date),
                "at": activity.write_date,
            }
            for activity in activities
        ]
        done.sort(key=lambda item: item.pop("at"), reverse=True)
        return done[:limit]

    # ---- 待阅 / 已阅 ----

    def _oa_pending_read_domain(self):
        """Published, unexpired articles requiring reading that the user has
        not read (or, when asked, not acknowledged), of which he is in the
        audience: the record rules decide what he may read, and let a unit's
        administrators read every article of their columns — those of other
        audiences are not for them to read."""
        done = SQL(
            """(
            SELECT r.article_id FROM oa_article_read r
              JOIN oa_article a ON a.id = r.article_id
             WHERE r.user_id = %s
               AND (r.ack_date IS NOT NULL OR a.requires_ack IS NOT TRUE)
            )""",
            self.env.uid,
        )
        return [
            ("state", "=", "published"),
            ("requires_read", "=", True),
            "|",
            ("expiry_date", "=", False),
            ("expiry_date", ">", fields.Datetime.now()),
            ("id", "not in", done),
            *self.env["oa.article"]._oa_audience_domain(self.env.user),
        ]

    def _oa_article_item(self, article, read_ids):
        return {
            "id": article.id,
            "title": article.name,
            "kind": article.kind,
            "unit_id": article.unit_id.id,
            "date": local_date_string(self.env, article.publish_date),
            "pinned": article.is_pinned,
            "requires_ack": article.requires_ack,
            "read": article.id in read_ids,
        }

    def _oa_to_read(self, limit):
        Article = self.env["oa.article"]
        self.env["oa.article.read"].flush_model()
        domain = self._oa_pending_read_domain()
        articles = Article.search_fetch(
            domain, ARTICLE_FIELDS, order="publish_date desc, id desc", limit=limit
        )
        count = len(articles)
        if count == limit:
            count = Article.search_count(domain)
        # pending articles are unread, except those read but not acknowledged
        read_ids = set()
        if any(articles.mapped("requires_ack")):
            read_ids = set(self._oa_read_ids(articles))
        return {
            "count": count,
            "items": [self._oa_article_item(a, read_ids) for a in articles],
        }

    def _oa_read(self, limit):
        reads = (
            self.env["oa.article.read"]
            .sudo()
            .search_fetch(
                [("user_id", "=", self.env.uid)],
                ["article_id", "last_view", "ack_date"],
                limit=limit,
            )
        )
        reads.article_id.fetch(["name", "unit_id"])
        return [
            {
                "id": read.article_id.id,
                "title": read.article_id.name,
                "unit_id": read.article_id.unit_id.id,
                "date": local_date_string(self.env, read.last_view),
                "acknowledged": bool(read.ack_date),
            }
            for read in reads
        ]

    def _oa_read_ids(self, articles):
        if not articles:
            return []
        self.env.cr.execute(
            SQL(
                "SELECT article_id FROM oa_article_read "
                "WHERE user_id = %s AND article_id IN %s",
                self.env.uid,
                tuple(articles.ids),
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    # ---- Latest news and notices ----

    def _oa_latest(self, limit):
        """The latest news and notices of the user's unit and of the group:
        per kind, pinned first, then unread, then newest — one ranked query
        for both kinds, one fetch."""
        Article = self.env["oa.article"]
        unit = self.env.user.oa_unit_id
        domain = [
            ("kind", "in", ("news", "notice")),
            ("state", "=", "published"),
            "|",
            ("expiry_date", "=", False),
            ("expiry_date", ">", fields.Datetime.now()),
            "|",
            ("audience", "=", "group"),
            ("unit_id", "=", unit.id),
        ]
        Article.flush_model()
        self.env["oa.article.read"].flush_model()
        query = Article._search(domain)
        table = query.table
        is_read = SQL(
            "EXISTS(SELECT 1 FROM oa_article_read r "
            "WHERE r.article_id = %s AND r.user_id = %s)",
            SQL.identifier(table, "id"),
            self.env.uid,
        )
        ranked = query.select(
            SQL.identifier(table, "id"),
            SQL.identifier(table, "kind"),
            SQL("%s AS is_read", is_read),
            SQL(
                "row_number() OVER (PARTITION BY %s ORDER BY %s IS TRUE DESC, %s, "
                "%s DESC NULLS LAST, %s DESC) AS rank",
                SQL.identifier(table, "kind"),
                SQL.identifier(table, "is_pinned"),
                is_read,
                SQL.identifier(table, "publish_date"),
                SQL.identifier(table, "id"),
            ),
        )
        self.env.cr.execute(
            SQL(
                "SELECT id, kind, is_read FROM (%s) ranked WHERE rank <= %s "
                "ORDER BY kind, rank",
                ranked,
                limit,
            )
        )
        rows = self.env.cr.fetchall()
        # search_fetch checks the rules in SQL (fetch would evaluate them in
        # Python, field by field)
        articles = Article.search_fetch(
            [("id", "in", [row[0] for row in rows])], ARTICLE_FIELDS
        )
        read_ids = {row[0] for row in rows if row[2]}
        latest = {"news": [], "notice": []}
        for article_id, kind, _read in rows:
            article = articles.browse(article_id)
            latest[kind].append(self._oa_article_item(article, read_ids))
        return latest

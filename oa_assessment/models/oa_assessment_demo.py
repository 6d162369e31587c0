# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .oa_assessment_rule import month_first

# demo units that keep their columns fresh in the demo month and finish
# their roll-out plan on time: with their complete team and training they
# pass; the IT centre, whose usage is the best, is commended
FRESH_UNITS = ("oa_base.oa_unit_tech_demo", "oa_base.oa_unit_it_demo")
# the usage rate A (visits per user and working day) the demo's project group
# asks of a unit without findings to commend it (取得良好效果)
COMMEND_RATE_A = 2.5
APPROVED_UNIT = "oa_base.oa_unit_factory_demo"


class OaAssessment(models.Model):
    _inherit = "oa.assessment"

    @api.model
    def _oa_demo_month(self):
        """Demo: the previous month assessed — two units publish in each of
        their columns and finish their plan: they pass and the IT centre is
        commended; the others fail — and the factory's failing result and the
        IT centre's commendation approved by the project group (notices,
        public criticism)."""
        month = month_first(fields.Date.context_today(self)) - relativedelta(months=1)
        if self.search_count([("month", "=", month)], limit=1):
            return  # loaded already (demo data is loaded again on update)
        # the demo group works in Chinese (oa_suite activates it too): the
        # evidence, stored text, is written in the company's language
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env.company.partner_id.lang = "zh_CN"
        # the columns' Chinese names (新闻中心…), which the evidence quotes
        self.env["ir.module.module"].search(
            [("name", "in", ("oa_portal_columns", "oa_assessment"))]
        )._update_translations("zh_CN")
        when = datetime.combine(month + relativedelta(days=19), time(2, 0))
        Article = self.env["oa.article"].sudo()
        for xmlid in FRESH_UNITS:
            unit = self.env.ref(xmlid)
            publisher = unit.oa_admin_ids[:1]
            for column in unit.oa_column_ids.filtered(lambda c: not c.parent_id):
                # dated in the demo month (only the superuser backdates), then
                # published through the flow (which keeps a publish date
                # already given) by the unit's administrator
                article = Article.create(
                    {
                        "name": f"{unit.name}{month.month}月{column.name}工作动态",
                        "column_id": column.id,
                        "author_id": (publisher or self.env.user).id,
                        "body": "<p>本单位协同办公系统应用情况。</p>",
                        "publish_date": when,
                    }
                )
                (
                    article.with_user(publisher) if publisher else article
                ).action_publish()
        Task = self.env["oa.rollout.task"].sudo()
        for xmlid in FRESH_UNITS:
            # their plan is done: the open tasks were done by their deadline
            # (written as the flow would, as superuser: demo history)
            for task in Task.search(
                [
                    ("unit_id", "=", self.env.ref(xmlid).id),
                    ("state", "not in", ("done", "cancel")),
                    ("date_deadline", "!=", False),
                    ("date_deadline", "<", month + relativedelta(months=1)),
                ]
            ):
                task.write({"state": "done", "date_done": task.date_deadline})
                # and its owner's to-do is done with it, as the flow does
                task._oa_sync_activities()
        commendation = self.env.ref(
            "oa_assessment.rule_commendation", raise_if_not_found=False
        )
        if commendation and not commendation.threshold:
            commendation.threshold = COMMEND_RATE_A
        assessments = self._oa_assess_month(month)
        approved = assessments.filtered(
            lambda a: a.unit_id in self.env.ref(APPROVED_UNIT) or a.result == "commend"
        )
        approved.with_user(self.env.ref("base.user_admin")).action_approve()

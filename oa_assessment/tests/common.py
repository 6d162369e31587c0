# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.addons.oa_base.tests.common import OaBaseCommon

# a past month: every deadline in it is over
MONTH = date(2025, 3, 1)


class OaAssessmentCommon(OaBaseCommon):
    """oa_base's units and roles: unit A has its full team (two
    administrators, a leader), unit B one administrator and no leader, A's
    sub-unit nobody.  Helpers build the facts the rules read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the evidence is written in the company's language: English here,
        # whatever the suite installed
        cls.env.company.partner_id.lang = "en_US"
        cls.Assessment = cls.env["oa.assessment"]
        cls.Rule = cls.env["oa.assessment.rule"].with_context(active_test=False)
        cls.units = cls.unit_a | cls.unit_b
        # every unit without finding is commended (the demo data asks good
        # usage of them too)
        cls.rule("commendation").threshold = 0.0

    @classmethod
    def rule(cls, code):
        return cls.Rule.search([("code", "=", code)])

    @classmethod
    def only_rules(cls, *codes):
        """Keep only these rules active (the others would find what the
        fixture does not build)."""
        rules = cls.Rule.search([])
        rules.filtered(lambda r: r.code not in codes).active = False
        rules.filtered(lambda r: r.code in codes).active = True

    @classmethod
    def make_document(cls, unit, title):
        return (
            cls.env["oa.document"]
            .sudo()
            .create(
                {
                    "name": title,
                    "issuing_unit_id": unit.id,
                    "drafter_id": (
                        cls.staff_a if unit == cls.unit_a else cls.staff_b
                    ).id,
                }
            )
        )

    @classmethod
    def make_step(cls, document, unit, deadline, end=None, state="done"):
        return (
            cls.env["oa.flow.step"]
            .sudo()
            .create(
                {
                    "res_model": "oa.document",
                    "res_id": document.id,
                    "name": "Review",
                    "sequence": 10,
                    "step_type": "review",
                    "unit_id": unit.id,
                    "state": state,
                    "date_start": deadline.replace(hour=0),
                    "date_deadline": deadline,
                    "date_end": end,
                }
            )
        )

    @classmethod
    def publish(cls, unit, kind, when):
        column = (
            cls.env["oa.column"]
            .sudo()
            .search(
                [
                    ("unit_id", "=", unit.id),
                    ("kind", "=", kind),
                    ("parent_id", "=", False),
                ]
            )
        )
        article = (
            cls.env["oa.article"]
            .sudo()
            .create({"name": f"{unit.name}{kind}", "column_id": column.id})
        )
        article.sudo().write({"state": "published", "publish_date": when})
        return article

    @classmethod
    def publish_all(cls, unit, when=datetime(2025, 3, 20, 2, 0)):
        for kind in ("news", "notice", "knowledge"):
            cls.publish(unit, kind, when)

    @classmethod
    def rate(cls, unit, day, users, passed, missing=None):
        return (
            cls.env["oa.training.rate"]
            .sudo()
            .create(
                {
                    "unit_id": unit.id,
                    "date": day,
                    "user_count": users,
                    "passed_count": passed,
                    "rate": 100.0 * passed / users,
                    "missing_count": users - passed,
                    "missing_user_ids": [(6, 0, (missing or cls.env["res.users"]).ids)],
                }
            )
        )

    def assess(self, units=None, month=MONTH):
        return self.Assessment.with_user(self.project_user)._oa_assess_month(
            month, units if units is not None else self.units
        )

    def of_unit(self, assessments, unit):
        return assessments.filtered(lambda a: a.unit_id == unit)

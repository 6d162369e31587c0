# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The suite's models check their record rules in SQL (``oa_rule_sql.py``):
for every ``oa.*`` model with rules, every OA role and every operation, the
records refused are exactly those Odoo's own check refuses."""

from odoo import models
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import OaBaseCommon

OPERATIONS = ("read", "write", "create", "unlink")
# records per model: enough to meet every rule's branches in the demo data
LIMIT = 150


@tagged("post_install", "-at_install")
class TestRuleSql(OaBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # per OA group, a holder of the demo company (he has records of his
        # own), and the fixture's users of every role
        groups = cls.env["ir.model.data"].search(
            [("model", "=", "res.groups"), ("module", "=like", "oa\\_%")]
        )
        cls.users = cls.env["res.users"].union(*cls.every_role)
        for data in groups:
            cls.users |= cls.env["res.users"].search(
                [
                    ("groups_id", "in", cls.env.ref(data.complete_name).ids),
                    ("oa_unit_id", "!=", False),
                    ("share", "=", False),
                    ("id", "!=", cls.env.ref("base.user_admin").id),
                ],
                limit=1,
                order="id",
            )
        cls.env["oa.proxy"].create(
            [
                {
                    "user_id": cls.staff_a.id,
                    "proxy_user_id": cls.admin_a1.id,
                    "date_to": "2099-01-01 00:00:00",
                },
                {
                    "user_id": cls.staff_b.id,
                    "proxy_user_id": cls.finance.id,
                    "date_to": "2099-01-01 00:00:00",
                },
            ]
        )

    def _ruled_models(self):
        Rule = self.env["ir.rule"].sudo()
        return [
            name
            for name, model in sorted(self.env.registry.items())
            if name.startswith("oa.")
            and not model._abstract
            and not model._transient
            and Rule.search_count([("model_id.model", "=", name)])
        ]

    def test_same_refusals_as_odoo(self):
        checked = 0
        for name in self._ruled_models():
            records = (
                self.env[name].with_context(active_test=False).search([], limit=LIMIT)
            )
            if not records:
                continue
            for user in self.users:
                mine = records.with_user(user)
                for operation in OPERATIONS:
                    with self.subTest(model=name, user=user.login, op=operation):
                        ours = mine._check_access(operation)
                        odoo = models.BaseModel._check_access(mine, operation)
                        self.assertEqual(
                            set(ours[0].ids) if ours else set(),
                            set(odoo[0].ids) if odoo else set(),
                        )
                        checked += 1
        # the demo data (make test installs it) gives every model records
        self.assertGreater(checked, 100)

    def test_one_query_and_the_same_refusal(self):
        """A unit administrator's proxy rule crosses the user and the unit
        tree: Odoo reads the windows and searches the tree, the SQL check is
        one query; a window of another unit is refused as by Odoo."""
        proxies = self.env["oa.proxy"].search([])
        mine = proxies.with_user(self.admin_a1)
        own = mine.filtered(lambda proxy: proxy.sudo().user_id == self.staff_a)
        self.assertTrue(own)
        # the rules' domain for him and his units' tree, cached
        mine._check_access("read")
        self.env["oa.proxy"].invalidate_model()
        with self.assertQueryCount(1):
            self.assertIsNone(own._check_access("read"))
        self.env["oa.proxy"].invalidate_model()
        with self.assertQueryCount(2):  # refused: and does it still exist?
            refused = mine._check_access("read")
        self.assertEqual(refused[0], mine - own)
        with self.assertRaises(AccessError):
            refused[0].check_access("read")
        own.check_access("read")

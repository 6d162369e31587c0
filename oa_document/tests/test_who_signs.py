# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import OaDocumentCommon, seal_image


@tagged("post_install", "-at_install")
class TestWhoSigns(OaDocumentCommon):
    """The default sign-off goes to the issuing unit's leader in charge; a
    leader sees only what he acts on or what the units he leads sent or
    received."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Unit = cls.env["hr.department"]
        cls.unit_d = Unit.create(
            {"name": "测试单位丁", "is_oa_unit": True, "oa_short_name": "丁"}
        )

        def user(login, groups, unit):
            return new_test_user(
                cls.env, login=login, name=login, groups=groups, oa_unit_id=unit.id
            )

        cls.seal_b = user("oa_seal_b", "oa_base.group_oa_seal_keeper", cls.unit_b)
        cls.clerk_d = user("oa_clerk_d", "oa_base.group_oa_document_clerk", cls.unit_d)
        # leads two units: 丁 and 甲下属厂
        cls.leader_d = user("oa_leader_d", "oa_base.group_oa_leader", cls.unit_d)
        cls.unit_d.oa_leader_id = cls.leader_d
        cls.unit_a_sub.oa_leader_id = cls.leader_d

    def _submit_b(self):
        doc = self.Document.with_user(self.staff_b).create(
            {
                "name": "乙单位发文",
                "issuing_unit_id": self.unit_b.id,
                "main_unit_ids": [(6, 0, self.unit_d.ids)],
            }
        )
        doc.with_user(self.staff_b).action_submit()
        return doc

    def test_default_flow_signed_by_the_units_leader(self):
        doc = self._submit_b()
        steps = {s.step_type: s for s in doc.step_ids}
        self.assertEqual(steps["review"].user_ids, self.leader_b)
        self.assertEqual(steps["sign"].user_ids, self.leader_b)
        all_leaders = self.env.ref("oa_base.group_oa_leader").users
        self.assertGreater(len(all_leaders), 1)
        self.assertEqual(doc.step_ids.user_ids & all_leaders, self.leader_b)

    def test_unit_without_leader_asks_its_parents_leader(self):
        self.unit_a_sub.oa_leader_id = False
        definition = {"actor_type": "role", "role": "leader"}
        actors = self.env["oa.document.flow.step"]._resolve_actors(
            definition, self.unit_a_sub
        )
        self.assertEqual(actors, self.leader_a)

    def test_leader_sees_only_his_documents(self):
        doc = self._submit_b()
        self.env.flush_all()
        self.env.invalidate_all()
        Doc = self.env["oa.document"]
        # leader of 丁 (the receiver) sees nothing before distribution
        self.assertNotIn(doc, Doc.with_user(self.leader_d).search([]))
        with self.assertRaises(AccessError):
            doc.with_user(self.leader_d).check_access("read")
        # the company leader of 甲 does not see 乙's documents
        self.assertNotIn(doc, Doc.with_user(self.company_leader).search([]))
        self.assertNotIn(doc, Doc.with_user(self.leader_c).search([]))
        self.assertIn(doc, Doc.with_user(self.leader_b).search([]))
        seal_keeper = self.seal_b
        self.unit_b.oa_seal_image = seal_image()  # sealing needs the image
        actors = {
            "review": self.leader_b,
            "check": self.clerk_b,
            "sign": self.leader_b,
            "number": self.clerk_b,
            "seal": seal_keeper,
            "distribute": self.clerk_b,
        }
        while doc.state != "distributed":
            doc.with_user(actors[doc.state]).action_approve("同意")
        self.env.flush_all()
        self.env.invalidate_all()
        # received by 丁: its leader sees it now, the other leaders still not
        self.assertIn(doc, Doc.with_user(self.leader_d).search([]))
        doc.with_user(self.leader_d).check_access("read")
        self.assertNotIn(doc, Doc.with_user(self.company_leader).search([]))
        self.assertNotIn(doc, Doc.with_user(self.leader_c).search([]))
        receipts = self.env["oa.document.incoming"]
        self.assertEqual(
            receipts.with_user(self.leader_d).search([("document_id", "=", doc.id)]),
            doc.incoming_ids,
        )
        self.assertFalse(
            receipts.with_user(self.leader_c).search([("document_id", "=", doc.id)])
        )

    def test_leader_of_two_units_sees_the_second_units_documents(self):
        doc = self.Document.with_user(self.staff_a_sub).create(
            {
                "name": "下属厂发文",
                "issuing_unit_id": self.unit_a_sub.id,
                "main_unit_ids": [(6, 0, self.unit_b.ids)],
            }
        )
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertNotIn(
            doc, self.env["oa.document"].with_user(self.leader_d).search([])
        )
        doc.with_user(self.staff_a_sub).action_submit()
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertIn(doc, self.env["oa.document"].with_user(self.leader_d).search([]))
        self.assertEqual(doc.current_step_ids.user_ids, self.leader_d)

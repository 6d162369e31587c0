# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The pickers of people of a receipt offer only who may take the role: the
instructing leader (批办领导) among the receiving unit's leader in charge and
the company leaders, the unit's leader in charge chosen by default when the
receipt is signed for; the handlers (承办人) among the active internal users
of the receiving unit and of its sub-units; each name with its unit and
role."""

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import OaDocumentCommon


@tagged("post_install", "-at_install")
class TestReceiptPickers(OaDocumentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, groups, unit, **vals):
            return new_test_user(
                cls.env,
                login=login,
                name=login,
                groups=groups,
                oa_unit_id=unit.id if unit else False,
                **vals,
            )

        # 乙's leader in charge is no company leader: only the unit's own
        # rule makes him eligible
        cls.chief_b = user("oa_chief_b", "oa_base.group_oa_user", cls.unit_b)
        cls.unit_b.oa_leader_id = cls.chief_b
        cls.unit_b_sub = cls.env["hr.department"].create(
            {"name": "乙下属站", "is_oa_unit": True, "parent_id": cls.unit_b.id}
        )
        cls.staff_b_sub = user(
            "oa_staff_b_sub", "oa_base.group_oa_user", cls.unit_b_sub
        )
        cls.gone_b = user("oa_gone_b", "oa_base.group_oa_user", cls.unit_b)
        cls.gone_b.active = False
        cls.portal_b = user("oa_portal_b", "base.group_portal", cls.unit_b)
        cls.gone_leader = user("oa_gone_leader", "oa_base.group_oa_leader", cls.unit_a)
        cls.gone_leader.active = False
        cls.nobody = user("oa_nobody", "oa_base.group_oa_user", False)
        doc = cls._draft()
        doc.with_user(cls.staff_a).action_submit()
        actors = {
            "review": cls.leader_a,
            "check": cls.clerk_a,
            "sign": cls.company_leader,
            "number": cls.clerk_a,
            "seal": cls.seal_a,
            "distribute": cls.clerk_a,
        }
        while doc.state != "distributed":
            doc.with_user(actors[doc.state]).action_approve("同意")
        cls.receipt = doc.incoming_ids.filtered(lambda i: i.unit_id == cls.unit_b)
        cls.copy_receipt = doc.incoming_ids.filtered(lambda i: i.unit_id == cls.unit_c)

    def _fresh(self, record):
        self.env.flush_all()
        self.env.invalidate_all()
        return record.sudo()

    def _proposed(self):
        """The receipt of 乙, proposed to its leader in charge (the default
        the clerk keeps)."""
        inc = self.receipt
        inc.with_user(self.clerk_b).action_receive()
        inc.with_user(self.clerk_b).action_propose("拟请主管领导阅示")
        self.assertRecordValues(
            self._fresh(inc), [{"state": "proposed", "leader_id": self.chief_b.id}]
        )
        return inc

    # ---- the instructing leader ----

    def test_leader_candidates(self):
        candidates = self.receipt.with_user(self.clerk_b).leader_candidate_ids
        # the unit's leader in charge first, then the company leaders
        self.assertEqual(candidates[:1], self.chief_b)
        for leader in (
            self.company_leader,
            self.leader_a,
            self.leader_b,
            self.leader_c,
        ):
            self.assertIn(leader, candidates)
        for user in (
            self.clerk_b,
            self.staff_b,
            self.admin_b,
            self.staff_a,
            self.project_user,
            self.gone_leader,
            self.env.ref("base.user_admin"),
        ):
            with self.subTest(user=user.login):
                self.assertNotIn(user, candidates)
        # the same rule says who may be written
        inc = self.receipt
        inc.with_user(self.clerk_b).action_receive()
        for user in (self.clerk_b, self.staff_b, self.gone_leader):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                inc.with_user(self.clerk_b).write({"leader_id": user.id})
        # 乙's leader in charge is no candidate for 丙's receipt
        copy_candidates = self.copy_receipt.leader_candidate_ids
        self.assertEqual(copy_candidates[:1], self.leader_c)
        self.assertNotIn(self.chief_b, copy_candidates)

    def test_default_leader_when_signed_for(self):
        inc = self.receipt.with_user(self.clerk_b)
        self.assertFalse(inc.leader_id)
        inc.action_receive()
        self.assertRecordValues(
            self._fresh(inc), [{"state": "registered", "leader_id": self.chief_b.id}]
        )
        # a default the clerk may still change while registered
        inc.write({"leader_id": self.company_leader.id})
        self.assertEqual(self._fresh(inc).leader_id, self.company_leader)

    def test_no_default_leader_without_a_leader_in_charge(self):
        self.unit_c.oa_leader_id = False
        clerk_c = new_test_user(
            self.env,
            login="oa_clerk_c",
            groups="oa_base.group_oa_document_clerk",
            oa_unit_id=self.unit_c.id,
        )
        self.copy_receipt.with_user(clerk_c).action_receive()
        self.assertRecordValues(
            self._fresh(self.copy_receipt),
            [{"state": "registered", "leader_id": False}],
        )

    # ---- the handlers ----

    def test_handler_candidates(self):
        candidates = self.receipt.with_user(self.clerk_b).handler_candidate_ids
        for user in (
            self.chief_b,
            self.clerk_b,
            self.staff_b,
            self.leader_b,
            self.admin_b,
            self.staff_b_sub,
        ):
            with self.subTest(user=user.login):
                self.assertIn(user, candidates)
        for user in (
            self.gone_b,
            self.portal_b,
            self.staff_c,
            self.staff_a,
            self.company_leader,
            self.nobody,
        ):
            with self.subTest(user=user.login):
                self.assertNotIn(user, candidates)
        # 丙's receipt: 丙's people only
        self.assertEqual(
            self.copy_receipt.handler_candidate_ids, self.staff_c | self.leader_c
        )

    def test_ineligible_handler_refused(self):
        inc = self._proposed()
        leader = inc.with_user(self.chief_b)
        for value in (
            [(6, 0, self.staff_c.ids)],
            [(6, 0, (self.staff_b | self.staff_c).ids)],
            [(4, self.staff_c.id)],
            [(4, self.gone_b.id)],
            [(4, self.portal_b.id)],
            [(0, 0, {"name": "oa_new_handler", "login": "oa_new_handler"})],
        ):
            with self.subTest(value=value):
                with self.assertRaises(UserError) as error, self.env.cr.savepoint():
                    leader.write({"handler_ids": value})
                # the rule refused, not the access rights
                self.assertNotIsInstance(error.exception, AccessError)
                self.assertIn("may not handle", str(error.exception))
        self.assertFalse(self._fresh(inc).handler_ids)
        # the unit's people and its sub-unit's are accepted, and removing
        # one keeps the others
        leader.write({"handler_ids": [(6, 0, (self.staff_b | self.staff_b_sub).ids)]})
        leader.write({"handler_ids": [(3, self.staff_b.id)]})
        self.assertEqual(self._fresh(inc).handler_ids, self.staff_b_sub)
        # a handler set otherwise is checked again when instructing
        inc.sudo().write({"handler_ids": [(4, self.staff_c.id)]})
        with self.assertRaises(UserError), self.env.cr.savepoint():
            leader.action_instruct("请办理")
        self.assertEqual(self._fresh(inc).state, "proposed")
        leader.write({"handler_ids": [(3, self.staff_c.id)]})
        leader.action_instruct("请办理")
        self.assertEqual(self._fresh(inc).state, "instructed")

    # ---- the form ----

    def test_form_pickers(self):
        arch = self.env["oa.document.incoming"].get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        form = etree.fromstring(arch)
        for name, candidates in (
            ("leader_id", "leader_candidate_ids"),
            ("handler_ids", "handler_candidate_ids"),
        ):
            with self.subTest(field=name):
                field = form.xpath(f"//field[@name='{name}']")[0]
                self.assertEqual(field.get("domain"), f"[('id', 'in', {candidates})]")
                self.assertIn("'oa_show_unit_role': True", field.get("context"))
                self.assertTrue(form.xpath(f"//field[@name='{candidates}']"))

    # ---- names with unit and role ----

    def test_display_name_with_unit_and_role(self):
        Users = self.env["res.users"].with_user(self.clerk_b)
        expected = {
            self.chief_b: "oa_chief_b (测试单位乙 · Leader in Charge)",
            self.leader_b: "oa_leader_b (测试单位乙 · Company Leader)",
            self.leader_a: (
                "oa_leader_a (测试单位甲 · Leader in Charge · Company Leader)"
            ),
            self.clerk_b: "oa_clerk_b (测试单位乙 · Document Clerk)",
            self.staff_b_sub: "oa_staff_b_sub (乙下属站)",
            self.nobody: "oa_nobody",
        }
        for user, name in expected.items():
            with self.subTest(user=user.login):
                plain = Users.browse(user.id)
                self.assertEqual(plain.display_name, user.login)
                shown = plain.with_context(oa_show_unit_role=True)
                self.assertEqual(shown.display_name, name)
        # what the picker's search offers
        found = dict(
            Users.with_context(oa_show_unit_role=True).name_search(
                "oa_chief_b", [("id", "in", self.receipt.leader_candidate_ids.ids)]
            )
        )
        self.assertEqual(found, {self.chief_b.id: expected[self.chief_b]})
        self.assertEqual(
            dict(Users.name_search("oa_chief_b")), {self.chief_b.id: "oa_chief_b"}
        )

    def test_display_name_batched(self):
        """The units and roles are read for all the users at once."""
        Users = self.env["res.users"].with_user(self.clerk_b)

        def queries(users):
            self.env.invalidate_all()
            users = Users.browse(users.ids).with_context(oa_show_unit_role=True)
            before = self.env.cr.sql_log_count
            users.mapped("display_name")
            return self.env.cr.sql_log_count - before

        few = self.chief_b | self.clerk_b
        many = few | self.leader_a | self.leader_b | self.staff_b | self.staff_b_sub
        many |= self.staff_c | self.leader_c | self.company_leader | self.admin_b
        queries(many)  # warm the caches of the registry
        self.assertEqual(queries(many), queries(few))

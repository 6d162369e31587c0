# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Attacks on supervision items (督办), as each role: who opens them, who
writes what, who closes them, who moves the deadline."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import OaDocumentCommon
from .security_common import BYPASS_CONTEXT, SecurityMixin

MAIL_PREFIXES = ("message_", "activity_", "website_message", "rating_")


@tagged("post_install", "-at_install")
class TestSecuritySupervision(SecurityMixin, OaDocumentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = new_test_user(
            cls.env,
            login="oa_supervision_officer",
            groups="oa_document.group_oa_supervisor",
            oa_unit_id=cls.unit_a.id,
        )
        cls.Supervision = cls.env["oa.supervision"]
        cls.today = fields.Date.today()
        cls.item = cls.Supervision.with_user(cls.officer).create(
            {
                "name": "报送试运行情况",
                "requirement": "按期报送本单位试运行情况",
                "unit_id": cls.unit_b.id,
                "date_deadline": cls.today + timedelta(days=10),
            }
        )

    def _roles(self):
        return {
            "supervisor (office officer)": self.officer,
            "responsible (leader of the unit)": self.leader_b,
            "plain user of the responsible unit": self.staff_b,
            "clerk of the responsible unit": self.clerk_b,
            "unit admin of the responsible unit": self.admin_b,
            "leader of another unit": self.leader_c,
            "user of another unit": self.staff_c,
            "admin of another unit": self.admin_a1,
            "project group": self.project_user,
        }

    def _submitted(self):
        self.item.with_user(self.leader_b).write({"feedback": "已报送"})
        self.item.with_user(self.leader_b).action_submit_feedback()
        self.assertEqual(self._fresh(self.item).state, "submitted")
        return self.item

    def _vals(self, **extra):
        vals = {
            "name": "督办事项",
            "requirement": "按期反馈",
            "unit_id": self.unit_b.id,
            "date_deadline": self.today + timedelta(days=5),
        }
        vals.update(extra)
        return vals

    # ---- the list of protected fields ----

    def test_every_workflow_field_is_protected(self):
        protected = self.Supervision._oa_protected_fields()
        # what the supervisor writes, what the responsible unit writes, the
        # deadline (given at creation, then moved by the wizard only)
        others = {
            "name",
            "requirement",
            "unit_id",
            "document_id",
            "responsible_id",
            "feedback",
            "date_deadline",
        }
        magic = {"id", "create_uid", "create_date", "write_uid", "write_date"}
        for name, field in self.Supervision._fields.items():
            if name in magic or name.startswith(MAIL_PREFIXES):
                continue
            if field.store or field.related:
                with self.subTest(field=name):
                    self.assertIn(name, protected | others)

    # ---- create ----

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_only_supervisors_open_items(self):
        creators = {self.officer, self.leader_b, self.leader_c, self.project_user}
        for role, user in self._roles().items():
            with self.subTest(role=role):
                Items = self.Supervision.with_user(user).with_context(**BYPASS_CONTEXT)
                if user in creators:
                    item = Items.create(self._vals())
                    self.assertEqual(item.supervisor_id, user)
                else:
                    with self.assertRefused(AccessError):
                        Items.create(self._vals())
        # even with the right to create, the guard refuses a plain user
        self.env["ir.model.access"].create(
            {
                "name": "test: users may create supervision items",
                "model_id": self.env["ir.model"]._get_id("oa.supervision"),
                "group_id": self.env.ref("oa_base.group_oa_user").id,
                "perm_create": True,
            }
        )
        count = self.Supervision.search_count([])
        with self.assertRefused(AccessError):
            self.Supervision.with_user(self.staff_b).create(self._vals())
        self.assertEqual(self.Supervision.search_count([]), count)

    def test_new_item_cannot_carry_flow_values(self):
        Items = self.Supervision.with_user(self.officer)
        count = self.Supervision.search_count([])
        for extra in (
            {"state": "closed"},
            {"date_closed": fields.Datetime.now()},
            {"supervisor_id": self.project_user.id},
            {"escalated": True},
            {"reminder_count": 3},
            {"feedback": "自问自答"},
            {"date_deadline": self.today - timedelta(days=1)},
        ):
            with self.subTest(vals=extra), self.assertRefused(UserError):
                Items.create(self._vals(**extra))
        self.assertEqual(self.Supervision.search_count([]), count)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_notice_linked_must_be_readable(self):
        """An item shows its supervision notice: the supervisor cannot link
        (and so disclose) a document he cannot read, e.g. another's draft."""
        draft = self._draft(name="他人草稿")
        with self.assertRefused(AccessError):
            self.Supervision.with_user(self.officer).create(
                self._vals(document_id=draft.id)
            )
        with self.assertRefused(AccessError):
            self.item.with_user(self.officer).write({"document_id": draft.id})
        self.assertFalse(self._fresh(self.item).document_id)

    # ---- write ----

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_protected_fields_refused_to_every_role(self):
        """Each protected field and the deadline, written by each role: the
        guard refuses even the supervisor and the responsible unit."""
        names = sorted(self.Supervision._oa_protected_fields() | {"date_deadline"})
        before = self._snapshot(self.item, names)
        writers = {self.officer, self.leader_b, self.admin_b}
        for role, user in self._roles().items():
            for name in names:
                value = self._other_value(self.item, name)
                with self.subTest(role=role, field=name):
                    with self.assertRefused(UserError) as error:
                        self.item.with_user(user).with_context(**BYPASS_CONTEXT).write(
                            {name: value}
                        )
                    if user in writers:
                        self.assertNotIsInstance(error.exception, AccessError)
        self.assertUnchanged(self.item, before)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_responsible_unit_cannot_close_move_or_reopen(self):
        """The reproduced attacks: a member of the responsible unit closes
        the item without feedback, moves its deadline a month out, reopens
        an overdue item."""
        deadline = self.item.date_deadline
        for user in (self.leader_b, self.admin_b):
            Item = self.item.with_user(user)
            with self.assertRefused(UserError):
                Item.write({"state": "closed", "date_closed": fields.Datetime.now()})
            with self.assertRefused(UserError):
                Item.write({"date_deadline": deadline + timedelta(days=30)})
            with self.assertRefused(UserError):
                Item.action_submit_feedback()  # no feedback written
            with self.assertRefused(UserError):
                Item.action_accept_feedback()  # nothing submitted, not his
        self.item.sudo().write({"state": "overdue", "escalated": True})
        with self.assertRefused(UserError):
            self.item.with_user(self.leader_b).write(
                {"state": "open", "escalated": False}
            )
        self.assertRecordValues(
            self._fresh(self.item),
            [
                {
                    "state": "overdue",
                    "escalated": True,
                    "date_deadline": deadline,
                    "date_closed": False,
                }
            ],
        )

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_content_only_by_the_supervisor(self):
        """The responsible unit may write the item (feedback) but not its
        subject, requirement or unit: the guard itself refuses."""
        for user in (self.leader_b, self.admin_b):
            for name, value in (
                ("requirement", "改成不用报送"),
                ("unit_id", self.unit_c.id),
                ("name", "改标题"),
            ):
                with self.subTest(user=user.login, field=name):
                    with self.assertRefused(AccessError):
                        self.item.with_user(user).write({name: value})
        self.item.with_user(self.officer).write({"requirement": "补充:附照片"})
        self.assertRecordValues(
            self._fresh(self.item),
            [{"requirement": "补充:附照片", "unit_id": self.unit_b.id}],
        )

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_responsible_chosen_by_supervisor_or_unit_heads(self):
        with self.assertRefused(AccessError):
            self.item.with_user(self.staff_b).write({"responsible_id": self.staff_b.id})
        self.item.with_user(self.admin_b).write({"responsible_id": self.staff_b.id})
        self.assertEqual(self._fresh(self.item).responsible_id, self.staff_b)
        # the responsible person himself does not hand it on
        with self.assertRefused(AccessError):
            self.item.with_user(self.staff_b).write({"responsible_id": self.clerk_b.id})
        # nor is anyone outside the unit made responsible
        with self.assertRefused(UserError):
            self.item.with_user(self.officer).write({"responsible_id": self.staff_c.id})
        self.assertEqual(self._fresh(self.item).responsible_id, self.staff_b)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_feedback_only_by_responsible_unit(self):
        """A plain member of the responsible unit reads the item: the guard
        itself refuses his feedback; the supervisor does not answer himself."""
        self.assertTrue(self.item.with_user(self.staff_b).read(["name"]))
        self.item.sudo().feedback = "越权反馈"
        with self.assertRefused(AccessError):
            self.item.with_user(self.staff_b).action_submit_feedback()
        with self.assertRefused(AccessError):
            self.item.with_user(self.officer).action_submit_feedback()
        with self.assertRefused(AccessError):
            self.item.with_user(self.officer).write({"feedback": "自问自答"})
        # a user of another unit does not even see it
        with self.assertRefused(AccessError):
            self.item.with_user(self.staff_c).read(["name"])
        self.assertRecordValues(
            self._fresh(self.item), [{"state": "open", "feedback": "越权反馈"}]
        )

    # ---- closing ----

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_only_the_supervisor_accepts(self):
        item = self._submitted()
        for role, user in self._roles().items():
            if user == self.officer:
                continue
            with self.subTest(role=role), self.assertRefused(AccessError):
                item.with_user(user).with_context(
                    **BYPASS_CONTEXT
                ).action_accept_feedback()
        # the feedback is frozen while the supervisor reviews it
        with self.assertRefused(UserError):
            item.with_user(self.leader_b).write({"feedback": "改反馈"})
        self.assertEqual(self._fresh(item).state, "submitted")
        item.with_user(self.officer).action_accept_feedback()
        self.assertRecordValues(
            self._fresh(item),
            [
                {
                    "state": "closed",
                    "closed_by_id": self.officer.id,
                    "feedback_by_id": self.leader_b.id,
                    "feedback": "已报送",
                }
            ],
        )
        self.assertTrue(self._fresh(item).date_closed)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_supervisor_returns_feedback_with_reason(self):
        item = self._submitted()
        wizard = (
            self.env["oa.supervision.return.wizard"]
            .with_user(self.leader_b)
            .create({"supervision_id": item.id, "reason": "自己退回"})
        )
        with self.assertRefused(AccessError):
            wizard.action_confirm()
        wizard = (
            self.env["oa.supervision.return.wizard"]
            .with_user(self.officer)
            .create({"supervision_id": item.id, "reason": " "})
        )
        with self.assertRefused(UserError):
            wizard.action_confirm()
        wizard.reason = "缺少整改照片"
        wizard.action_confirm()
        self.assertRecordValues(
            self._fresh(item), [{"state": "open", "return_count": 1}]
        )
        self.assertIn("缺少整改照片", self._fresh(item).message_ids[0].body)
        # the unit completes its feedback and submits again
        item.with_user(self.leader_b).write({"feedback": "已报送,附照片"})
        item.with_user(self.leader_b).action_submit_feedback()
        self.assertEqual(self._fresh(item).state, "submitted")

    # ---- deadline ----

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_deadline_moves_only_by_supervisors_with_reason(self):
        Wizard = self.env["oa.supervision.deadline.wizard"]
        later = self.item.date_deadline + timedelta(days=30)
        for user in (self.leader_b, self.admin_b, self.staff_b):
            with self.subTest(user=user.login):
                with self.assertRefused(AccessError):
                    self.item.with_user(user).action_open_deadline_wizard()
                wizard = Wizard.with_user(user).create(
                    {
                        "supervision_id": self.item.id,
                        "date_deadline": later,
                        "reason": "想延期",
                    }
                )
                with self.assertRefused(AccessError):
                    wizard.action_confirm()
        wizard = Wizard.with_user(self.officer).create(
            {"supervision_id": self.item.id, "date_deadline": later, "reason": " "}
        )
        with self.assertRefused(UserError):
            wizard.action_confirm()
        wizard.reason = "等待上级文件"
        wizard.action_confirm()
        item = self._fresh(self.item)
        self.assertEqual(item.date_deadline, later)
        self.assertRecordValues(
            item.deadline_change_ids,
            [
                {
                    "date_old": self.today + timedelta(days=10),
                    "date_new": later,
                    "reason": "等待上级文件",
                    "user_id": self.officer.id,
                }
            ],
        )
        # the project group may move it too
        Wizard.with_user(self.project_user).create(
            {
                "supervision_id": self.item.id,
                "date_deadline": later + timedelta(days=1),
                "reason": "项目组调整",
            }
        ).action_confirm()
        self.assertEqual(len(self._fresh(self.item).deadline_change_ids), 2)

    def test_moving_an_overdue_deadline_reopens_it(self):
        self.item.sudo().write(
            {
                "state": "overdue",
                "escalated": True,
                "date_deadline": self.today - timedelta(days=3),
            }
        )
        self.env["oa.supervision.deadline.wizard"].with_user(self.officer).create(
            {
                "supervision_id": self.item.id,
                "date_deadline": self.today + timedelta(days=7),
                "reason": "上级同意延期",
            }
        ).action_confirm()
        self.assertRecordValues(
            self._fresh(self.item), [{"state": "open", "escalated": False}]
        )

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_deadline_history_is_written_by_the_flow_only(self):
        self.env["oa.supervision.deadline.wizard"].with_user(self.officer).create(
            {
                "supervision_id": self.item.id,
                "date_deadline": self.today + timedelta(days=20),
                "reason": "延期",
            }
        ).action_confirm()
        change = self._fresh(self.item).deadline_change_ids
        Changes = self.env["oa.supervision.deadline.change"]
        for user in (self.officer, self.leader_b, self.project_user):
            with self.subTest(user=user.login):
                with self.assertRefused(UserError):
                    change.with_user(user).write({"reason": "改理由"})
                with self.assertRefused(UserError):
                    change.with_user(user).unlink()
                with self.assertRefused(UserError):
                    Changes.with_user(user).create(
                        {
                            "supervision_id": self.item.id,
                            "date_old": self.today,
                            "date_new": self.today,
                            "reason": "伪造",
                            "user_id": user.id,
                        }
                    )
                # nor through the item's one2many
                with self.assertRefused(UserError):
                    self.item.with_user(user).write(
                        {"deadline_change_ids": [(2, change.id)]}
                    )
        self.assertRecordValues(self._fresh(change), [{"reason": "延期"}])
        self.assertFalse(
            change.with_user(self.staff_c).search([("id", "=", change.id)])
        )

    # ---- unlink, read ----

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_nobody_deletes_an_item(self):
        for role, user in self._roles().items():
            with self.subTest(role=role), self.assertRefused(AccessError):
                self.item.with_user(user).unlink()
        self.env["ir.model.access"].create(
            {
                "name": "test: users may delete supervision items",
                "model_id": self.env["ir.model"]._get_id("oa.supervision"),
                "group_id": self.env.ref("oa_base.group_oa_user").id,
                "perm_unlink": True,
            }
        )
        with self.assertRefused(UserError):
            self.item.with_user(self.officer).unlink()
        self.assertTrue(self._fresh(self.item).exists())

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_read_only_by_supervisor_and_responsible_unit(self):
        readers = {
            self.officer,
            self.leader_b,
            self.staff_b,
            self.clerk_b,
            self.admin_b,
            self.project_user,
        }
        for role, user in self._roles().items():
            with self.subTest(role=role):
                found = self.Supervision.with_user(user).search(
                    [("id", "=", self.item.id)]
                )
                if user in readers:
                    self.assertEqual(found, self.item)
                else:
                    self.assertFalse(found)
                    with self.assertRefused(AccessError):
                        self.item.with_user(user).read(["name"])

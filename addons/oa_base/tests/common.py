# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, new_test_user


class OaBaseCommon(TransactionCase):
    """Two sibling units (one with a sub-unit) and one user per OA role.

    Later addons reuse this class for their own fixtures.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Unit = cls.env["hr.department"]
        cls.unit_a, cls.unit_b = Unit.create(
            [
                {"name": "测试单位甲", "is_oa_unit": True, "oa_short_name": "甲"},
                {"name": "测试单位乙", "is_oa_unit": True, "oa_short_name": "乙"},
            ]
        )
        cls.unit_a_sub = Unit.create(
            {"name": "甲下属厂", "is_oa_unit": True, "parent_id": cls.unit_a.id}
        )

        def user(login, groups, unit):
            return new_test_user(
                cls.env,
                login=login,
                name=login,
                groups=groups,
                oa_unit_id=unit.id,
                tz="Asia/Shanghai",
            )

        cls.project_user = user("oa_project", "oa_base.group_oa_project", cls.unit_a)
        cls.admin_a1 = user("oa_admin_a1", "oa_base.group_oa_unit_admin", cls.unit_a)
        cls.admin_a2 = user("oa_admin_a2", "oa_base.group_oa_unit_admin", cls.unit_a)
        cls.admin_b = user("oa_admin_b", "oa_base.group_oa_unit_admin", cls.unit_b)
        cls.leader_a = user("oa_leader_a", "oa_base.group_oa_leader", cls.unit_a)
        cls.clerk_a = user("oa_clerk_a", "oa_base.group_oa_document_clerk", cls.unit_a)
        cls.staff_a = user("oa_staff_a", "oa_base.group_oa_user", cls.unit_a)
        cls.staff_a_sub = user(
            "oa_staff_a_sub", "oa_base.group_oa_user", cls.unit_a_sub
        )
        cls.staff_b = user("oa_staff_b", "oa_base.group_oa_user", cls.unit_b)
        cls.liaison = user("oa_liaison", "oa_base.group_oa_user", cls.unit_b)
        cls.finance = user("oa_finance", "oa_base.group_oa_finance", cls.unit_b)

        cls.unit_a.write(
            {
                "oa_admin_ids": [(6, 0, (cls.admin_a1 | cls.admin_a2).ids)],
                "oa_leader_id": cls.leader_a.id,
                "oa_liaison_id": cls.liaison.id,
            }
        )
        cls.unit_b.oa_admin_ids = cls.admin_b
        # one user per role above: the tests that try a thing as each role
        cls.every_role = (
            cls.project_user,
            cls.admin_a1,
            cls.admin_a2,
            cls.admin_b,
            cls.leader_a,
            cls.clerk_a,
            cls.staff_a,
            cls.staff_a_sub,
            cls.staff_b,
            cls.liaison,
            cls.finance,
        )

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import importlib.util
import io

from PIL import Image, ImageDraw

from odoo.tests import new_test_user
from odoo.tools.misc import file_path

from odoo.addons.oa_base.tests.common import OaBaseCommon


def seal_image():
    """A small red seal (a ring with a dot), as base64 PNG."""
    image = Image.new("RGBA", (96, 96), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, 92, 92), outline=(220, 0, 0, 255), width=6)
    draw.ellipse((38, 38, 58, 58), fill=(220, 0, 0, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return base64.b64encode(out.getvalue())


def run_migration(cr, version, from_version):
    """Run oa_document's post-migrate script of ``version`` as an update from
    ``from_version`` does."""
    path = file_path(f"oa_document/migrations/{version}/post-migrate.py")
    name = "oa_document_post_" + version.replace(".", "_")
    spec = importlib.util.spec_from_file_location(name, path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    migration.migrate(cr, from_version)


class OaDocumentCommon(OaBaseCommon):
    """Unit A issues; B receives (main), C receives a copy.  One user per
    step of the default flow."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Unit = cls.env["hr.department"]
        cls.unit_c = Unit.create(
            {"name": "测试单位丙", "is_oa_unit": True, "oa_short_name": "丙"}
        )

        def user(login, groups, unit):
            return new_test_user(
                cls.env, login=login, name=login, groups=groups, oa_unit_id=unit.id
            )

        cls.company_leader = user(
            "oa_company_leader", "oa_base.group_oa_leader", cls.unit_a
        )
        cls.seal_a = user("oa_seal_a", "oa_base.group_oa_seal_keeper", cls.unit_a)
        cls.clerk_b = user("oa_clerk_b", "oa_base.group_oa_document_clerk", cls.unit_b)
        cls.leader_b = user("oa_leader_b", "oa_base.group_oa_leader", cls.unit_b)
        cls.staff_c = user("oa_staff_c", "oa_base.group_oa_user", cls.unit_c)
        cls.leader_c = user("oa_leader_c", "oa_base.group_oa_leader", cls.unit_c)
        cls.unit_b.oa_leader_id = cls.leader_b
        # the issuing unit has its electronic seal (sealing refuses a unit
        # without one)
        cls.unit_a.oa_seal_image = seal_image()
        cls.unit_c.oa_leader_id = cls.leader_c
        # 甲's own flow: a company leader signs off (the default flow asks
        # the issuing unit's leader in charge, see test_who_signs)
        cls.sign_flow = cls.env["oa.document.flow"].create(
            {
                "name": "甲单位发文",
                "unit_id": cls.unit_a.id,
                "kind": "formal",
                "step_ids": [
                    (0, 0, vals)
                    for vals in (
                        {
                            "sequence": 10,
                            "step_type": "review",
                            "actor_type": "role",
                            "role": "leader",
                        },
                        {
                            "sequence": 20,
                            "step_type": "check",
                            "actor_type": "role",
                            "role": "clerk",
                        },
                        {
                            "sequence": 30,
                            "step_type": "sign",
                            "actor_type": "user",
                            "user_id": cls.company_leader.id,
                        },
                        {
                            "sequence": 40,
                            "step_type": "number",
                            "actor_type": "role",
                            "role": "clerk",
                        },
                        {
                            "sequence": 50,
                            "step_type": "seal",
                            "actor_type": "role",
                            "role": "seal_keeper",
                        },
                        {
                            "sequence": 60,
                            "step_type": "distribute",
                            "actor_type": "role",
                            "role": "clerk",
                        },
                    )
                ],
            }
        )
        cls.Document = cls.env["oa.document"]

    @classmethod
    def _draft(cls, **vals):
        values = {
            "name": "关于协同办公系统试运行的通知",
            "kind": "formal",
            "issuing_unit_id": cls.unit_a.id,
            "main_unit_ids": [(6, 0, cls.unit_b.ids)],
            "copy_unit_ids": [(6, 0, cls.unit_c.ids)],
            "body": "<p>自4月1日起,各单位之间的公文来往通过协同办公系统进行。</p>",
        }
        values.update(vals)
        return cls.Document.with_user(cls.staff_a).create(values)

    # the actor of each step of the fixture flow
    def _actors(self):
        return {
            "review": self.leader_a,
            "check": self.clerk_a,
            "sign": self.company_leader,
            "number": self.clerk_a,
            "seal": self.seal_a,
            "distribute": self.clerk_a,
        }

    def _run_until(self, doc, stop_state):
        """Submit and approve step after step until ``stop_state``."""
        if doc.state == "draft":
            doc.with_user(self.staff_a).action_submit()
        actors = self._actors()
        while doc.state != stop_state:
            doc.with_user(actors[doc.state]).action_approve("同意")
        return doc

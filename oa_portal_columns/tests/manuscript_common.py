# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.tests import new_test_user

from .common import OaColumnsCommon


class OaManuscriptCommon(OaColumnsCommon):
    """The columns' fixtures plus an information editor of the company office
    (in unit A) and helpers to write and move manuscripts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.editor = new_test_user(
            cls.env,
            login="oa_info_editor",
            name="信息编辑",
            groups="oa_portal_columns.group_oa_info_editor",
            oa_unit_id=cls.unit_a.id,
            tz="Asia/Shanghai",
        )

    @classmethod
    def _manuscript(cls, user=None, submit=False, accept=False, **vals):
        """A manuscript written by ``user`` (staff of A by default),
        optionally submitted, then accepted by the editor."""
        user = user or cls.staff_a
        values = {"name": "信息稿件", "body": "<p>正文内容</p>"}
        values.update(vals)
        manuscript = cls.env["oa.manuscript"].with_user(user).create(values)
        if submit or accept:
            manuscript.action_submit()
        if accept:
            manuscript.with_user(cls.editor).action_accept()
        return manuscript.with_user(cls.env.user)

    @classmethod
    def _attach(cls, record):
        attachment = cls.env["ir.attachment"].create(
            {
                "name": "附件.txt",
                "datas": base64.b64encode(b"attachment text"),
                "res_model": record._name,
                "res_id": 0,
            }
        )
        record.sudo().attachment_ids = attachment
        return attachment

    def assertUnchanged(self, record, values):
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertRecordValues(record.sudo(), [values])

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import TransactionCase, tagged

from .common import run_migration


@tagged("post_install", "-at_install")
class TestSubtypeMigration(TransactionCase):
    """18.0.1.3.0: the subtype of the intermediate moves (numbering and seal
    among them) no longer says "approved", in English and in Chinese, though
    its record is ``noupdate``."""

    def _migrate(self):
        run_migration(self.env.cr, "18.0.1.3.0", "18.0.1.2.0")

    def test_old_words_renewed(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        subtype = self.env.ref("oa_document.mt_document_approved")
        subtype.with_context(lang="en_US").write(
            {
                "name": "Document Approved",
                "description": "The document was approved, with the reviewer's "
                "opinion.",
            }
        )
        subtype.update_field_translations(
            "description", {"zh_CN": "公文已审核通过，附审核意见。"}
        )
        subtype.update_field_translations("name", {"zh_CN": "公文已审核通过"})
        self._migrate()
        self.env.invalidate_all()
        self.assertEqual(
            subtype.with_context(lang="en_US").description,
            "The document passed a step of its flow, with the opinion written.",
        )
        zh = subtype.with_context(lang="zh_CN")
        self.assertEqual(zh.description, "公文已完成一个办理环节，附办理意见。")
        self.assertEqual(zh.name, "公文环节已办理")

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import zipfile

from odoo.exceptions import UserError
from odoo.tests import users, warmup
from odoo.tools.sql import index_exists

from .common import OaColumnsCommon

DOCX_BODY = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
)
DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)


def pdf(text):
    """A PDF with ``text`` in a CJK font (as scanned-in notices are not)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont("STSong-Light", 14)
    page.drawString(72, 700, text)
    page.save()
    return buffer.getvalue()


def docx(text):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", DOCX_TYPES)
        archive.writestr("word/document.xml", DOCX_BODY.format(text=text))
    return buffer.getvalue()


class TestKnowledgeSearch(OaColumnsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        knowledge = cls.knowledge_a
        cls.by_title = cls._article(
            column=knowledge, name="差旅费报销办法", body="<p>见附件</p>"
        )
        cls.by_body = cls._article(
            column=knowledge, name="后勤制度", body="<p>出差补助标准按级别执行</p>"
        )
        cls.by_utf8 = cls._article_with_file(
            "会议管理", "会议.txt", "第三条 会议室预订流程:提前一天申请。".encode()
        )
        cls.by_gbk = cls._article_with_file(
            "印章管理", "印章.txt", "公章使用登记 须经办公室主任签字".encode("gbk")
        )
        cls.by_docx = cls._article_with_file(
            "合同管理", "合同.docx", docx("合同审批须法务会签")
        )
        cls.by_pdf = cls._article_with_file(
            "安全管理", "通报.pdf", pdf("安全生产检查通报 第三季度")
        )
        # unit B's own knowledge: not for unit A, whatever it contains
        cls.other_unit = cls._article(
            column=cls.env["oa.column"].search(
                [
                    ("unit_id", "=", cls.unit_b.id),
                    ("kind", "=", "knowledge"),
                    ("parent_id", "=", False),
                ]
            ),
            user=cls.admin_b,
            name="乙单位差旅费报销办法",
            audience="own",
        )

    @classmethod
    def _article_with_file(cls, title, filename, content):
        article = cls._article(column=cls.knowledge_a, name=title, body="<p>-</p>")
        attachment = cls.env["ir.attachment"].create(
            {
                "name": filename,
                "raw": content,
                "res_model": "oa.article",
                "res_id": article.id,
            }
        )
        article.with_user(cls.admin_a1).attachment_ids = attachment
        return article

    def _search(self, text, user=None, operator="ilike"):
        Article = self.env["oa.article"].with_user(user or self.staff_a)
        return Article.search(
            [("kind", "=", "knowledge"), ("search_text", operator, text)]
        )

    def test_chinese_text_files_are_indexed(self):
        """Odoo keeps only ASCII runs of text files; the module keeps the
        Chinese text, in UTF-8 or GBK."""
        utf8, gbk = (self.by_utf8 | self.by_gbk).attachment_ids.sorted("name")
        self.assertIn("会议室预订流程", gbk.index_content + utf8.index_content)
        self.assertIn("公章使用登记", gbk.index_content + utf8.index_content)
        self.assertIn("合同审批", self.by_docx.attachment_ids.index_content)

    def test_search_title_body_attachments(self):
        self.assertEqual(self._search("差旅费"), self.by_title)
        self.assertEqual(self._search("补助标准"), self.by_body)
        self.assertEqual(self._search("会议室预订"), self.by_utf8)
        self.assertEqual(self._search("公章使用"), self.by_gbk)
        self.assertEqual(self._search("法务会签"), self.by_docx)
        self.assertEqual(self._search("安全生产检查"), self.by_pdf)
        self.assertFalse(self._search("不存在的关键字"))
        # letters: whatever their case
        manual = self._article(column=self.knowledge_a, name="OA系统使用手册")
        self.assertEqual(self._search("oa系统"), manual)
        # wildcards are searched as characters
        self.assertFalse(self._search("差旅%办法"))
        self.assertIn(self.by_title, self._search("  差旅费  "))

    def test_search_respects_the_audience(self):
        self.assertEqual(self._search("差旅费", self.staff_b), self.other_unit)
        self.assertNotIn(self.other_unit, self._search("差旅费"))

    def test_negative_search_and_bad_operators(self):
        found = self._search("会议室", operator="not ilike")
        self.assertNotIn(self.by_utf8, found)
        self.assertIn(self.by_title, found)
        for operator, value in (("=", "差旅费"), ("ilike", 3), ("in", ["差旅费"])):
            with self.assertRaises(UserError, msg=operator):
                self._search(value, operator=operator)

    def test_indexes(self):
        """pg_trgm is a trusted extension: the module creates it and the
        trigram indexes (readme/CONFIGURE.md says when they help Chinese);
        and the partial index of the articles to be read."""
        for name in (
            "oa_article_pending_read_idx",
            "oa_article_name_trgm_idx",
            "oa_article_body_trgm_idx",
            "oa_article_attachment_trgm_idx",
        ):
            self.assertTrue(index_exists(self.env.cr, name), name)

    @users("oa_staff_a")
    @warmup
    def test_search_one_query(self):
        Article = self.env["oa.article"]
        # the search itself, and the SET LOCAL that keeps JIT out of its plan
        with self.assertQueryCount(oa_staff_a=2):
            found = Article.search([("search_text", "ilike", "会议室")])
        self.assertEqual(found, self.by_utf8.with_env(self.env))

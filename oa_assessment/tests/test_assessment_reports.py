# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import os
import subprocess
import tempfile

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.oa_base.tests.pdf_geometry import assert_gb_letter

from .common import MONTH, OaAssessmentCommon


def has_radicals(text):
    """Kangxi radicals or CJK radical supplement characters."""
    return [c for c in text if 0x2E80 <= ord(c) <= 0x2FDF]


class ApprovedMonth:
    """Unit A commended, unit B failing with an adjusted fine: approved."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.only_rules("team", "commendation")
        assessments = cls.Assessment._oa_assess_month(MONTH, cls.units)
        cls.result_a = assessments.filtered(lambda a: a.unit_id == cls.unit_a)
        cls.result_b = assessments.filtered(lambda a: a.unit_id == cls.unit_b)
        admin_line = cls.result_b.line_ids.filtered(lambda x: x.role == "admin")
        admin_line.with_user(cls.project_user)._oa_adjust(150.0, "首次发现")
        assessments.with_user(cls.project_user).action_approve()


@tagged("post_install", "-at_install")
class TestAssessmentXlsx(ApprovedMonth, OaAssessmentCommon):
    """The finance sheet read back with openpyxl."""

    def export(self, user, month=MONTH):
        wizard = (
            self.env["oa.assessment.export.wizard"]
            .with_user(user)
            .create({"month": month})
        )
        action = wizard.action_export()
        self.assertEqual(action["report_type"], "xlsx")
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_xlsx(
                "oa_assessment.report_assessment_finance_xlsx", wizard.ids, {}
            )
        )
        self.assertEqual(kind, "xlsx")
        return content

    def test_xlsx_content(self):
        content = self.export(self.finance)
        book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
        sheet = book.active
        self.assertEqual(sheet.title, "2025年3月")
        self.assertEqual(sheet.freeze_panes, "A3")
        header = [c.value for c in sheet[2]]
        self.assertEqual(
            header,
            ["单位", "人员", "角色", "类别", "金额(元)", "事由", "考核通知单编号"],
        )
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
        # by unit name: unit B (乙, U+4E59) first, its adjusted fine (its
        # leader is nobody: no fine, no row), its subtotal
        self.assertEqual(
            [r[:5] for r in rows[:2]],
            [
                ["测试单位乙", "oa_admin_b", "系统管理员", "罚款", 150],
                ["测试单位乙 小计", None, None, None, 150],
            ],
        )
        self.assertNotIn("(未指定)", [r[1] for r in rows])
        # the rule's name in the exporting request's language
        self.assertIn(self.rule("team").name, rows[0][5])
        self.assertIn("调整理由:首次发现", rows[0][5])
        self.assertEqual(rows[0][6], self.result_b.number)
        # unit A (甲): three commendations, then its subtotal
        self.assertEqual(
            [r[:5] for r in rows[2:6]],
            [
                ["测试单位甲", "oa_admin_a1", "系统管理员", "嘉奖", 200],
                ["测试单位甲", "oa_admin_a2", "系统管理员", "嘉奖", 200],
                ["测试单位甲", "oa_leader_a", "主管领导", "嘉奖", 500],
                ["测试单位甲 小计", None, None, None, 900],
            ],
        )
        self.assertEqual(rows[2][6], self.result_a.number)
        self.assertEqual(rows[6][0], "罚款合计")
        self.assertEqual(rows[6][4], 150)
        self.assertEqual(rows[7][0], "嘉奖合计")
        self.assertEqual(rows[7][4], 900)
        self.assertEqual(len(rows), 8)
        # the formulas behind the totals, and the number format
        formulas = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(formulas["E4"].value, "=SUBTOTAL(9,E3:E3)")
        self.assertEqual(formulas["E8"].value, "=SUBTOTAL(9,E5:E7)")
        self.assertTrue(formulas["E9"].value.startswith("=SUMIF(D3:D8,"))
        self.assertEqual(formulas["E3"].number_format, "#,##0.00")

    def test_xlsx_only_approved_and_only_allowed(self):
        content = self.export(self.project_user, "2025-04-01")
        sheet = openpyxl.load_workbook(io.BytesIO(content), data_only=True).active
        self.assertEqual(sheet.max_row, 4)  # title, header, two zero totals
        for user in (self.admin_a1, self.leader_a, self.staff_a):
            with self.assertRaises(AccessError):
                self.env["oa.assessment.export.wizard"].with_user(user).create(
                    {"month": MONTH}
                ).action_export()
            with self.assertRaises(AccessError):
                self.env["ir.actions.report"].with_user(user)._render_xlsx(
                    "oa_assessment.report_assessment_finance_xlsx",
                    [],
                    {"month": "2025-03-01"},
                )


@tagged("post_install", "-at_install")
class TestAssessmentPdf(ApprovedMonth, HttpCase, OaAssessmentCommon):
    """The notice and the public-criticism list as PDFs whose text is the
    Chinese printed (an HttpCase: wkhtmltopdf fetches the report's assets
    from the test server, which must share the test's cursor)."""

    def pdf_text(self, report, records, user):
        pdf, _kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "report.pdf")
            with open(path, "wb") as handle:
                handle.write(pdf)
            return subprocess.run(
                ["pdftotext", "-raw", "-enc", "UTF-8", path, "-"],
                capture_output=True,
                check=True,
                text=True,
            ).stdout

    def test_notice_pdf_text(self):
        text = self.pdf_text(
            "oa_assessment.report_assessment_notice", self.result_b, self.project_user
        )
        self.assertFalse(has_radicals(text), has_radicals(text))
        compact = "".join(text.split())
        for expected in (
            "集团公司协同办公项目组",
            "考核通知单",
            self.result_b.number,
            "测试单位乙",
            "2025年3月",
            "主管领导",
            "系统管理员",
            "罚款",
            "150.00元",
            "请你单位根据本考核通知单落实考核",
        ):
            self.assertIn(expected, compact)
        # the unit's own copy: it carries out the amounts, so it shows them,
        # per person with the reasons
        text = self.pdf_text(
            "oa_assessment.report_assessment_notice", self.result_a, self.admin_a1
        )
        self.assertFalse(has_radicals(text))
        compact = "".join(text.split())
        self.assertIn("嘉奖", compact)
        self.assertIn("考核落实", compact)
        self.assertIn("200.00元", compact)
        self.assertIn("500.00", compact)

    def test_notice_on_the_gb_page_numbered_and_sealed(self):
        """The 考核通知单 is the project group's letter: on the GB/T 9704
        page in 3号 仿宋 (not 8 mm margins and 11 pt), with its number,
        signed centred over the date and sealed with the project group's
        seal over no other text."""
        pdf, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.project_user)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "oa_assessment.report_assessment_notice", self.result_b.ids
            )
        )
        info = self.env["report.oa_assessment.report_assessment_notice"]
        values = info._get_report_values(self.result_b.ids)
        letter = values["info_of"](self.result_b)
        self.assertTrue(self.result_b.number)
        self.assertTrue(letter["date"])
        assert_gb_letter(
            self, pdf, self.result_b.number, letter["issuer"], letter["date"]
        )

    def test_criticism_pdf_text(self):
        criticism = self.result_b.criticism_id
        text = self.pdf_text(
            "oa_assessment.report_assessment_criticism", criticism, self.staff_a
        )
        self.assertFalse(has_radicals(text), has_radicals(text))
        compact = "".join(text.split())
        for expected in (
            criticism.number,
            "关于2025年3月协同办公项目考核不合格单位的通报",
            "集团公司各单位",
            "测试单位乙",
            self.result_b.number,
            "现予通报批评",
        ):
            self.assertIn(expected, compact)
        self.assertNotIn("测试单位甲", compact)

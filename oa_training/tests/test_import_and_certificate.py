# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import re

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.oa_base.tests.pdf_geometry import assert_gb_letter, pdf_text

from ..models.oa_training_certificate import certificate_issuer, certificate_number
from .common import OaTrainingCommon


@tagged("post_install", "-at_install")
class TestImport(OaTrainingCommon):
    """Attendance and results typed from paper into a sheet: all rows or
    none."""

    def setUp(self):
        super().setUp()
        self.batch = self.make_batch("第一批", 2)
        self.enrol(self.batch, self.staff_a | self.staff_b)
        self.day = self.batch.date_start.isoformat()

    def wizard(self, user=None):
        return (
            self.env["oa.training.import.wizard"]
            .with_user(user or self.trainer)
            .create({"batch_id": self.batch.id})
        )

    def sheet(self, rows):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["登录名", "姓名", "课次日期", "半天", "出勤", "原因", "成绩"])
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return base64.b64encode(buffer.getvalue())

    def run_import(self, rows, user=None):
        wizard = self.wizard(user)
        wizard.file = self.sheet(rows)
        return wizard.action_import()

    def test_template_lists_trainees_and_sessions(self):
        wizard = self.wizard()
        wizard.action_download_template()
        workbook = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(wizard.template_file))
        )
        rows = list(workbook.active.iter_rows(values_only=True))
        self.assertEqual(len(rows), 1 + 2 * 4)
        self.assertEqual(
            {row[0] for row in rows[1:]}, {self.staff_a.login, self.staff_b.login}
        )

    def test_import_attendance_and_scores(self):
        self.run_import(
            [
                [self.staff_a.login, "", self.day, "上午", "出勤", "", 85],
                [self.staff_b.login, "", self.day, "am", "请假", "出差", None],
                [self.staff_b.login, "", self.day, "下午", "缺勤", "", 40],
            ]
        )
        lines = self.batch.session_ids.attendance_ids
        morning = lines.filtered(
            lambda a: a.session_id.half == "am" and a.date == self.batch.date_start
        )
        self.assertEqual(
            {(a.user_id, a.status, a.reason or "") for a in morning},
            {(self.staff_a, "present", ""), (self.staff_b, "excused", "出差")},
        )
        self.assertEqual(
            self.enrolment(self.batch, self.staff_a | self.staff_b)
            .sorted(lambda e: e.user_id.login)
            .mapped("result"),
            ["passed", "failed"],
        )
        self.assertEqual(self.batch.exam_ids.examiner_id, self.trainer)

    def test_errors_in_chinese_and_nothing_imported(self):
        rows = [
            [self.staff_a.login, "", self.day, "上午", "出勤", "", 85],
            ["nobody", "", self.day, "上午", "出勤", "", None],
            [self.staff_b.login, "", "2000-01-01", "上午", "出勤", "", None],
            [self.staff_b.login, "", self.day, "上午", "旷工", "", None],
            [self.staff_b.login, "", self.day, "下午", "请假", "", None],
            [self.staff_b.login, "", None, None, None, "", "九十"],
        ]
        wizard = self.wizard().with_context(lang="zh_CN")
        self.env["res.lang"]._activate_lang("zh_CN")
        wizard.file = self.sheet(rows)
        with self.assertRaises(UserError) as caught:
            wizard.action_import()
        message = str(caught.exception)
        for number in (3, 4, 5, 6, 7):
            self.assertIn(f"第{number}行", message)
        self.assertNotIn("第2行", message)
        self.assertIn("没有导入任何数据", message)
        self.assert_unchanged(
            self.enrolment(self.batch, self.staff_a), attempt_count=0, result="pending"
        )
        self.assertFalse(
            self.batch.session_ids.attendance_ids.filtered("status"),
            "nothing half-imported",
        )

    def test_import_goes_through_the_guards(self):
        """A unit administrator's sheet with another unit's people is
        refused as a whole."""
        with self.assertRaises(UserError):
            self.run_import(
                [
                    [self.staff_a.login, "", self.day, "上午", "出勤", "", None],
                    [self.staff_b.login, "", self.day, "上午", "出勤", "", None],
                ],
                user=self.admin_b,
            )
        self.assertFalse(self.batch.session_ids.attendance_ids.filtered("status"))

    def test_a_refusal_while_writing_undoes_the_whole_sheet(self):
        """The rows are valid, but the flow refuses one while writing (a
        second score for someone who passed): the attendance written before
        it is undone too."""
        self.examine(self.batch, {self.staff_a: 90})
        with self.assertRaises(UserError):
            self.run_import(
                [
                    [self.staff_b.login, "", self.day, "上午", "迟到", "", None],
                    [self.staff_a.login, "", None, None, None, "", 95],
                ]
            )
        self.assertFalse(self.batch.session_ids.attendance_ids.filtered("status"))
        self.assertEqual(self.batch.exam_ids.mapped("score"), [90])


@tagged("post_install", "-at_install")
class TestCertificate(OaTrainingCommon):
    def test_certificate_only_when_passed_and_own(self):
        batch = self.make_batch("第一批", 2)
        self.enrol(batch, self.staff_a | self.staff_b)
        self.examine(batch, {self.staff_a: 88, self.staff_b: 20})
        report = self.env["ir.actions.report"].with_user(self.staff_a)
        name = "oa_training.oa_training_certificate_report"
        html, _type = report._render_qweb_html(
            name, self.enrolment(batch, self.staff_a).ids
        )
        self.assertIn(self.staff_a.name, html.decode())
        self.assertIn("88", html.decode())
        with self.assertRaises(UserError):
            self.env["ir.actions.report"].with_user(self.staff_b)._render_qweb_html(
                name, self.enrolment(batch, self.staff_b).ids
            )
        with (
            self.assertRaises(AccessError),
            mute_logger("odoo.addons.base.models.ir_rule"),
        ):
            self.env["ir.actions.report"].with_user(self.staff_b)._render_qweb_html(
                name, self.enrolment(batch, self.staff_a).ids
            )

    def test_certificate_in_the_users_language_without_context(self):
        """Fetched without the web client's context (a link, an
        integration), the certificate is in the reader's own language."""
        if not self.env["res.lang"]._lang_get("zh_CN").active:
            self.env["res.lang"]._activate_lang("zh_CN")
            self.env["ir.module.module"].search(
                [("name", "=", "oa_training")]
            )._update_translations(["zh_CN"])
        batch = self.make_batch("第二批", 2)
        self.enrol(batch, self.staff_a)
        self.examine(batch, {self.staff_a: 90})
        self.staff_a.lang = "zh_CN"
        report = (
            self.env["ir.actions.report"]
            .with_user(self.staff_a)
            .with_context(lang=None)
        )
        html, _type = report._render_qweb_html(
            "oa_training.oa_training_certificate_report",
            self.enrolment(batch, self.staff_a).ids,
        )
        self.assertIn("培训合格证书", html.decode())
        self.assertNotIn("Training Certificate", html.decode())


@tagged("post_install", "-at_install")
class TestCertificatePdf(OaTrainingCommon, HttpCase):
    """A real PDF: wkhtmltopdf fetches the assets from the test server, which
    shares the test's cursor only in an HttpCase."""

    def test_certificate_text_layer_is_chinese(self):
        """The certificate's text reads as Chinese, not as Kangxi radicals
        (⼚⼯⽇⽉ for 厂工日月): it goes through the suite's PDF finishing."""
        self.unit_a.sudo().name = "铸造专业厂工会"
        batch = self.make_batch("第三批", 2)
        self.enrol(batch, self.staff_a)
        self.examine(batch, {self.staff_a: 90})
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_user(self.staff_a)
            .with_context(force_report_rendering=True)  # a real PDF in tests
            ._render_qweb_pdf(
                "oa_training.oa_training_certificate_report",
                self.enrolment(batch, self.staff_a).ids,
            )
        )
        text = pdf_text(pdf, "-enc", "UTF-8")
        self.assertIn("铸造专业厂工会", text)
        self.assertFalse(re.findall("[\u2e80-\u2eff\u2f00-\u2fdf]", text))

    def test_certificate_on_the_gb_page_numbered_and_sealed(self):
        """The certificate is an official letter: on the GB/T 9704 page, in
        3号 仿宋, with its number, signed by the organiser centred over the
        date and sealed with the organiser's seal over no other text."""
        batch = self.make_batch("第四批", 2)
        self.enrol(batch, self.staff_a)
        self.examine(batch, {self.staff_a: 92})
        enrolment = self.enrolment(batch, self.staff_a)
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_user(self.staff_a)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "oa_training.oa_training_certificate_report", enrolment.ids
            )
        )
        info = self.env["report.oa_training.report_certificate"]._certificate_info(
            enrolment
        )
        self.assertEqual(info["number"], certificate_number(enrolment, info["day"]))
        self.assertRegex(info["number"], r"^培训证〔\d{4}〕\d{5}号$")
        self.assertEqual(info["issuer"], certificate_issuer(enrolment))
        self.assertTrue(info["date"])
        assert_gb_letter(self, pdf, info["number"], info["issuer"], info["date"])
        # the score without an English full stop after it
        text = pdf_text(pdf, "-enc", "UTF-8")
        self.assertNotRegex(text, r"92\s*\.")

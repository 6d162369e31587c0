# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The prints, rendered for real by wkhtmltopdf and read back with
pdftotext: the red-header copy to GB/T 9704-2012 and the 收文处理笺."""

import re
import subprocess
import tempfile
from pathlib import Path

from odoo.exceptions import UserError
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.oa_base.tests.pdf_geometry import (
    MM,
    overlaps,
    page_size,
    pdf_shapes,
    pdf_text,
    pdf_words,
    same_colour,
    seal_box,
)
from odoo.addons.oa_base.tools.seal import seal_layout, seal_svg, unit_full_name

from ..models.oa_document_print import full_name
from .common import OaDocumentCommon

RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")
LONG_BODY = "".join(
    f"<p>第{i}项，各单位要高度重视协同办公系统的试运行工作，明确专人负责，"
    "认真做好电子公文的接收、登记、拟办和承办，确保纸质文件和电子文件同步流转，"
    "人人熟悉系统操作，文件处理及时准确。</p>"
    for i in range(1, 19)
)


@tagged("post_install", "-at_install")
class TestPrintHelpers(TransactionCase):
    def test_full_name(self):
        self.assertEqual(full_name("集团公司", "公司办公室"), "集团公司办公室")
        self.assertEqual(full_name("集团公司", "人力资源部"), "集团公司人力资源部")
        self.assertEqual(full_name("集团公司", "集团公司工会"), "集团公司工会")
        self.assertEqual(full_name(False, "人力资源部"), "人力资源部")


# the boxes pdftotext gives a word span the font's ascent and descent (hhea):
# where the em box of the ideographs lies in it, as a fraction of its height
# (Noto Serif CJK Bold: ascent 1.151, descent 0.286, em box 0.88 / -0.12;
# 朱雀仿宋: ascent 1.05, descent 0.15, em box 0.85 / -0.15)
SONGTI_EM_TOP = (1.151 - 0.88) / (1.151 + 0.286)
FANGSONG_EM_BOTTOM = (1.05 + 0.15) / (1.05 + 0.15)
HEADER_RED = (0xE6 / 255, 0, 0x12 / 255)


def pdf_fonts(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        return subprocess.run(
            ["pdffonts", f.name], capture_output=True, check=True, text=True
        ).stdout


@tagged("post_install", "-at_install")
class TestSealDrawing(OaDocumentCommon):
    def test_seal_reads_the_full_name_once(self):
        """The seal is drawn from the unit's full name, without repeating
        the words the company's and the unit's names share."""
        self.env.company.name = "集团公司"
        office = self.env["hr.department"].create(
            {"name": "公司办公室", "is_oa_unit": True, "parent_id": self.unit_a.id}
        )
        name = unit_full_name(office)
        self.assertEqual(name, "集团公司办公室")
        chars = "".join(char for char, _angle, _width in seal_layout(name))
        self.assertEqual(chars, "集团公司办公室")
        self.assertEqual(chars.count("公司"), 1)
        svg = seal_svg(name)
        self.assertTrue(svg.startswith("<svg"))
        # vector outlines, one path per character (no text to read)
        self.assertEqual(svg.count("<path"), len(name))
        self.assertNotIn("<text", svg)
        self.assertNotIn("<image", svg)


@tagged("post_install", "-at_install")
class TestSeal(OaDocumentCommon):
    def test_sealing_without_seal_image_refused(self):
        self.unit_a.oa_seal_image = False
        doc = self._run_until(self._draft(), "seal")
        with self.assertRaises(UserError) as error:
            doc.with_user(self.seal_a).action_approve()
        self.assertIn("seal", str(error.exception))
        self.assertIn(self.unit_a.name, str(error.exception))
        self.env.invalidate_all()
        self.assertRecordValues(doc, [{"state": "seal", "sealed": False}])


@tagged("post_install", "-at_install")
class TestPrints(OaDocumentCommon, HttpCase):
    """Rendered through the running test server, as in production (the
    report assets are loaded)."""

    def _render(self, report, records):
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, kind = Report._render_qweb_pdf(report, records.ids)
        self.assertEqual(kind, "pdf")
        return pdf

    def _save_sample(self, pdf, name):
        """Leave the PDF for a look (``pdftoppm -r 80 -png``)."""
        Path(tempfile.gettempdir(), name).write_bytes(pdf)

    def _assert_clean_text(self, text):
        self.assertFalse(
            RADICALS.findall(text), "radicals in the text layer instead of ideographs"
        )

    def _upward_document(self):
        doc = self._draft(
            name="关于协同办公系统试运行情况的报告",
            body=LONG_BODY,
            is_upward=True,
            urgency="very_urgent",
        )
        doc.with_user(self.staff_a).action_submit()
        doc.with_user(self.leader_a).action_approve("同意上报。")
        doc.with_user(self.clerk_a).action_approve()
        doc.with_user(self.company_leader).action_approve("同意，请按程序报送。")
        return self._run_until(doc, "distributed")

    def test_red_header_text_layer(self):
        doc = self._upward_document()
        pdf = self._render("oa_document.report_oa_document", doc)
        self._save_sample(pdf, "oa_print_red_header.pdf")
        text = pdf_text(pdf)
        self._assert_clean_text(text)
        flat = re.sub(r"\s+", "", text)
        issuer = doc._print_issuer_name()
        for expected in (
            f"{issuer}文件",
            doc.number,
            "签发人：",
            self.company_leader.name,
            "同意，请按程序报送。",
            "关于协同办公系统试运行情况的报告",
            "测试单位乙：",
            "人人熟悉系统操作",
            "抄送：测试单位丙。",
            "印发",
            "特急",
        ):
            with self.subTest(expected=expected):
                self.assertIn(expected, flat)
        self.assertNotIn("主送", flat)
        self.assertNotIn("草稿", flat)
        self.assertNotIn("未用印", flat)

    def test_red_header_geometry_and_page_numbers(self):
        doc = self._upward_document()
        pdf = self._render("oa_document.report_oa_document", doc)
        width, height = page_size(pdf)
        self.assertAlmostEqual(width, 210 * MM, delta=1)
        self.assertAlmostEqual(height, 297 * MM, delta=1)
        words = pdf_words(pdf)
        pages = max(w[0] for w in words)
        self.assertGreaterEqual(pages, 2)
        # the top of the 版心: the first line (紧急程度) at 37 mm
        first = min((w for w in words if w[0] == 1), key=lambda w: (w[2], w[1]))
        self.assertEqual(first[5], "特急")
        # pdftotext boxes a glyph from the font's ascent (1.16 em for Noto
        # CJK) to its descent (0.288 em); the ideograph's em box starts
        # 0.88 em above the baseline: its top is 0.193 of the box down
        em_top = first[2] + 0.193 * (first[4] - first[2])
        self.assertAlmostEqual(em_top / MM, 37, delta=1)
        self.assertAlmostEqual(first[1] / MM, 28, delta=1)
        # the 主送 line starts at the left edge of the 版心: 28 mm
        main = next(w for w in words if w[5].startswith("测试单位乙"))
        self.assertAlmostEqual(main[1] / MM, 28, delta=1)
        # a full body line: 28 characters within 156 mm
        lines = {}
        for page, x0, y0, x1, _y1, word in words:
            if page == 2:
                lines.setdefault(round(y0), []).append((x0, x1, word))
        body = [
            sorted(line) for line in lines.values() if not line[0][2].startswith("—")
        ]
        full = [line for line in body if len("".join(w[2] for w in line)) >= 27]
        self.assertTrue(full)
        for line in full:
            self.assertEqual(len("".join(w[2] for w in line)), 28)
            self.assertAlmostEqual(line[0][0] / MM, 28, delta=1)
            self.assertLessEqual(line[-1][1] / MM, 28 + 156 + 1)
        # 22 lines on a full page
        self.assertEqual(len(body), 22)
        # the page number on every page, under the 版心
        for page in range(1, pages + 1):
            with self.subTest(page=page):
                page_text = pdf_text(pdf, "-f", str(page), "-l", str(page))
                # “— n —” (pdftotext drops the narrow spaces)
                self.assertRegex(page_text, rf"\u2014\s*{page}\s*\u2014")
        numbers = [w for w in words if w[5] == "1" and w[0] == 1]
        self.assertTrue(numbers)
        self.assertGreater(numbers[0][2] / MM, 37 + 225)
        # the 版记 at the foot of the last page
        printed = [w for w in words if w[0] == pages and "印发" in w[5]]
        self.assertTrue(printed)
        self.assertAlmostEqual(printed[-1][4] / MM, 37 + 225, delta=6)

    def test_red_header_gb_measurements(self):
        """The distributed copy of a 下行文, measured on the PDF (± 1 mm):
        the 发文机关标志 35 mm under the top of the 版心, the red line 4 mm
        under the 发文字号, the 版记 rules 0.35/0.25/0.35 mm closing the
        版心, the 署名 centred over the 成文日期 (右空四字), the seal on
        both and over no other text, the body in 仿宋."""
        doc = self._run_until(
            self._draft(name="关于做好试运行工作的通知"), "distributed"
        )
        self.assertTrue(doc.sealed)
        pdf = self._render("oa_document.report_oa_document", doc)
        self._save_sample(pdf, "oa_print_red_header_down.pdf")
        self.assertIn("ZhuqueFangsong", pdf_fonts(pdf))
        words = pdf_words(pdf)
        shapes = pdf_shapes(pdf)
        issuer = doc._print_issuer_name()
        # 发文机关标志: the top of its characters 35 mm under the top of the
        # 版心 (37 mm)
        head = next(w for w in words if w[0] == 1 and w[5] == f"{issuer}文件")
        head_top = head[2] + SONGTI_EM_TOP * (head[4] - head[2])
        self.assertAlmostEqual(head_top / MM, 37 + 35, delta=1)
        # the red line, as wide as the 版心, 4 mm under the number
        number = next(w for w in words if w[0] == 1 and w[5] == doc.number)
        number_bottom = number[2] + FANGSONG_EM_BOTTOM * (number[4] - number[2])
        red = [
            s
            for s in shapes
            if s[0] == 1 and same_colour(s[1], HEADER_RED) and s[4] - s[2] > 150 * MM
        ]
        self.assertEqual(len(red), 1)
        _page, _colour, x0, y0, x1, y1 = red[0]
        self.assertAlmostEqual(((y0 + y1) / 2 - number_bottom) / MM, 4, delta=1)
        self.assertAlmostEqual(x0 / MM, 28, delta=1)
        self.assertAlmostEqual(x1 / MM, 28 + 156, delta=1)
        # 版记: thick, thin, thick rules across the 版心, the last one on its
        # bottom edge
        last = max(w[0] for w in words)
        rules = sorted(
            (s for s in shapes if s[0] == last and same_colour(s[1], (0, 0, 0))),
            key=lambda s: s[3],
        )
        rules = [s for s in rules if s[4] - s[2] > 150 * MM and s[5] - s[3] < 1 * MM]
        widths = [round((s[5] - s[3]) / MM, 2) for s in rules]
        self.assertEqual(len(rules), 3, widths)
        for width, expected in zip(widths, (0.35, 0.25, 0.35), strict=True):
            self.assertAlmostEqual(width, expected, delta=0.03, msg=widths)
        self.assertAlmostEqual(rules[-1][5] / MM, 37 + 225, delta=1)
        # 署名 centred over the 成文日期, which ends four characters (3号)
        # before the right edge of the 版心
        date = doc._print_info()["date"]
        date_word = next((w for w in words if w[5] == date), None)
        self.assertTrue(date_word, (date, [w[5] for w in words]))
        signature = next(
            w
            for w in words
            if w[0] == date_word[0] and w[5] == issuer and w[4] <= date_word[2] + 1
        )
        self.assertAlmostEqual(
            (signature[1] + signature[3]) / 2 / MM,
            (date_word[1] + date_word[3]) / 2 / MM,
            delta=1,
        )
        self.assertAlmostEqual(date_word[3] / MM, 28 + 156 - 4 * 16 / MM, delta=1)
        # the seal: vector, 40 mm, centred on the 署名 and the date, these a
        # little under its centre; its top within a line under the text
        box = seal_box(shapes, page=date_word[0])
        self.assertTrue(box, "no seal drawn")
        _page, sx0, sy0, sx1, sy1 = box
        self.assertAlmostEqual((sx1 - sx0) / MM, 40, delta=1)
        self.assertAlmostEqual((sy1 - sy0) / MM, 40, delta=1)
        self.assertAlmostEqual(
            (sx0 + sx1) / 2, (date_word[1] + date_word[3]) / 2, delta=1 * MM
        )
        names_middle = (signature[4] + date_word[2]) / 2
        self.assertGreater(names_middle, (sy0 + sy1) / 2)
        self.assertLess(names_middle - (sy0 + sy1) / 2, 6 * MM)
        # over no other text: neither the body above nor the fingerprint below
        others = [
            w for w in words if w[0] == date_word[0] and w not in (signature, date_word)
        ]
        self.assertTrue(others)
        for word in others:
            with self.subTest(word=word[5]):
                self.assertFalse(overlaps((sx0, sy0, sx1, sy1), word), word)
        above = max(w[4] for w in others if w[4] <= sy0)
        self.assertLess((sy0 - above) / MM, 225 / 22)  # within one line

    def test_unsigned_and_unsealed_marks(self):
        draft = self._draft()
        text = pdf_text(self._render("oa_document.report_oa_document", draft))
        self.assertIn("草稿", text)
        signed = self._run_until(self._draft(), "seal")
        text = pdf_text(self._render("oa_document.report_oa_document", signed))
        self.assertIn("未用印", text)
        self.assertNotIn("草稿", text)

    def test_incoming_slip(self):
        doc = self._run_until(self._draft(), "distributed")
        inc = doc.incoming_ids.filtered(lambda i: i.unit_id == self.unit_b)
        inc.with_user(self.clerk_b).action_receive()
        inc.with_user(self.clerk_b).write({"leader_id": self.leader_b.id})
        inc.with_user(self.clerk_b).action_propose(
            "拟请主管领导阅示，由人力资源部办理。"
        )
        inc.with_user(self.leader_b).write({"handler_ids": [(6, 0, self.staff_b.ids)]})
        inc.with_user(self.leader_b).action_instruct("同意。请抓紧落实，按时报送。")
        inc.with_user(self.staff_b).action_start()
        inc.with_user(self.staff_b).write({"feedback": "已按要求报送试运行情况。"})
        inc.with_user(self.staff_b).action_finish()
        pdf = self._render("oa_document.report_oa_document_incoming", inc)
        self._save_sample(pdf, "oa_print_incoming_slip.pdf")
        text = pdf_text(pdf)
        self._assert_clean_text(text)
        flat = re.sub(r"\s+", "", text)
        for expected in (
            "收文处理笺",
            "来文单位",
            "测试单位甲",
            "文号",
            doc.number,
            "收文日期",
            inc.receipt_number,
            "拟办意见",
            "拟请主管领导阅示，由人力资源部办理。",
            "领导批示",
            "同意。请抓紧落实，按时报送。",
            "承办结果",
            "已按要求报送试运行情况。",
            self.leader_b.name,
        ):
            with self.subTest(expected=expected):
                self.assertIn(expected, flat)
        self.assertRegex(text, r"\u2014\s*1\s*\u2014")

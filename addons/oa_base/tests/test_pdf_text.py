# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import TransactionCase, tagged

from odoo.addons.oa_base.tools.pdf import chinese_date, repair_to_unicode


@tagged("post_install", "-at_install")
class TestPdfText(TransactionCase):
    """The text layer of the suite's prints reads what is printed."""

    def test_to_unicode_radicals_mapped_to_ideographs(self):
        cmap = (
            b"2 beginbfchar\n<0003> <2F08>\n<0004> <2F42>\n<0005> <5DE5>\n"
            b"<0006> <2EC4>\nendbfchar\n2 beginbfrange\n<0010> <0012> <4E00>\n"
            b"<0020> <0023> [<96C6> <2F49> <2F08> <0031>]\nendbfrange\n"
        )
        repaired = repair_to_unicode(cmap)
        self.assertIn(b"<0003> <4EBA>", repaired)  # ⼈ → 人
        self.assertIn(b"<0004> <6587>", repaired)  # ⽂ → 文
        self.assertIn(b"<0005> <5DE5>", repaired)  # 工 stays
        self.assertIn(b"<0006> <897F>", repaired)  # ⻄ → 西
        self.assertEqual(
            repair_to_unicode(b"1 beginbfchar\n<0007> <2EC5>\nendbfchar"),
            b"1 beginbfchar\n<0007> <89C1>\nendbfchar",  # ⻅ → 见
        )
        # Qt's form: a range with an array of targets (⽉ → 月, ⼈ → 人)
        self.assertIn(b"<0020> <0023> [<96C6> <6708> <4EBA> <0031>]", repaired)
        self.assertIn(b"<0010> <0012> <4E00>", repaired)

    def test_chinese_date(self):
        self.assertEqual(chinese_date(date(2026, 4, 1)), "2026年4月1日")
        self.assertEqual(chinese_date(False), "")

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.tests import HttpCase, tagged

TITLE = "党群工作部开展协同办公系统应用竞赛"


@tagged("post_install", "-at_install")
class TestManuscriptTour(HttpCase):
    """An author submits a manuscript from his form; the editor of the
    company office finds it in the review list and returns it with a reason
    through the dialog."""

    def setUp(self):
        super().setUp()
        # the demo users have chosen their own passwords (oa_base refuses a
        # log-in over RPC, as the tour helper does, until they have)
        self.env["res.users"].search(
            [("oa_password_change_required", "=", True)]
        ).oa_password_change_required = False

    def test_submit_and_return(self):
        ref = self.env.ref
        author = ref("oa_base.user_sunxiaoyan_demo")
        editor = ref("oa_base.user_lixiuying_demo")
        self.start_tour(
            "/odoo/action-oa_portal_columns.oa_manuscript_action_mine/new",
            "oa_portal_columns_tour_manuscript_submit",
            login=author.login,
        )
        manuscript = self.env["oa.manuscript"].search([("name", "=", TITLE)])
        self.assertRecordValues(
            manuscript,
            [
                {
                    "state": "submitted",
                    "author_id": author.id,
                    "unit_id": ref("oa_base.oa_unit_party_demo").id,
                    "submit_count": 1,
                }
            ],
        )
        self.assertIn("应用竞赛", manuscript.body)
        self.start_tour(
            "/odoo/action-oa_portal_columns.oa_manuscript_action_review",
            "oa_portal_columns_tour_manuscript_return",
            login=editor.login,
        )
        self.assertRecordValues(
            manuscript,
            [
                {
                    "state": "returned",
                    "reviewer_id": editor.id,
                    "return_reason": "请补充竞赛的具体做法和参赛人数。",
                }
            ],
        )

    def test_compile_and_publish(self):
        """The demo published 《集团信息》第11期 (issues 1 to 10 were printed
        on paper): the editor's new issue is the 12th of the year."""
        ref = self.env.ref
        editor = ref("oa_base.user_lixiuying_demo")
        waiting = self.env["oa.manuscript"].search(
            [("state", "=", "accepted"), ("periodical_id", "=", False)]
        )
        self.assertTrue(waiting)
        self.start_tour(
            "/odoo/action-oa_portal_columns.oa_periodical_action/new",
            "oa_portal_columns_tour_periodical_publish",
            login=editor.login,
        )
        issue = self.env["oa.periodical"].search(
            [("published_by_id", "=", editor.id)], order="id desc", limit=1
        )
        year = fields.Date.context_today(issue).year
        self.assertRecordValues(
            issue,
            [{"state": "published", "number": 12, "name": f"{year}年第12期"}],
        )
        self.assertEqual(issue.line_ids.manuscript_id, waiting)
        self.assertEqual(set(waiting.mapped("state")), {"published"})
        self.assertEqual(
            issue.article_id.audience_unit_ids, ref("oa_base.oa_unit_party_demo")
        )
        self.assertTrue(issue.pdf_attachment_id.raw.startswith(b"%PDF"))

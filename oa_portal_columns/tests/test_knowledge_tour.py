# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestKnowledgeEmptyTour(HttpCase):
    """The workbench's knowledge search with no hit shows the Knowledge
    Centre's empty state as a page: the action comes back from a method
    call, whose help the web client does not turn into HTML by itself."""

    def test_empty_search_from_the_workbench(self):
        user = self.env.ref("oa_base.user_sunxiaoyan_demo")
        user.oa_password_change_required = False
        self.start_tour(
            "/odoo/action-oa_portal_columns.oa_workbench_action",
            "oa_portal_columns_tour_knowledge_empty",
            login=user.login,
        )

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    def test_units_menu_opens(self):
        """The unit list and the settings page of the suite load for an
        administrator (catches broken views and actions)."""
        action = self.env.ref("oa_base.hr_department_action_oa_unit")
        self.start_tour(
            f"/odoo/action-{action.id}", "oa_base_units_list", login="admin"
        )

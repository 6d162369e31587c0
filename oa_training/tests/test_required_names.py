# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Names of training batches and topics of their sessions are required and
not blank."""

from datetime import date

from odoo.tests import tagged

from odoo.addons.oa_base.tests.required_names_common import RequiredNamesMixin

from .common import YEAR, OaTrainingCommon


@tagged("post_install", "-at_install")
class TestRequiredNames(RequiredNamesMixin, OaTrainingCommon):
    def test_batch_name(self):
        batch = self.make_batch("第一批", 2, open_it=False).with_user(self.project_user)
        self.assertBlankRefused(
            lambda name: self.make_batch(name, 9, open_it=False), batch, "name"
        )

    def test_session_topic(self):
        # a third day for the new session
        batch = self.make_batch("第二批", 16, open_it=False, date_end=date(YEAR, 2, 18))
        session = batch.session_ids[0].with_user(self.project_user)
        Session = self.env["oa.training.session"].with_user(self.project_user)

        def create(name):
            return Session.create(
                {
                    "batch_id": batch.id,
                    "name": name,
                    "date": date(YEAR, 2, 18),
                    "half": "am",
                }
            )

        self.assertBlankRefused(create, session, "name")

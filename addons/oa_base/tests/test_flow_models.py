# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestFlowModels(TransactionCase):
    def test_flow_mixin_before_mail_thread(self):
        """The kernel extends mail.thread (a step's message rides on the
        tracking message or is posted at commit, ``_message_track``; a
        to-do's assignee is not made a follower, ``message_subscribe``):
        every flow model lists oa.flow.mixin before mail.thread, or its
        messages would be posted twice."""
        mixin, thread = self.registry["oa.flow.mixin"], self.registry["mail.thread"]
        flows = [
            cls
            for cls in self.registry.models.values()
            if not cls._abstract and issubclass(cls, mixin)
        ]
        if "oa.document" in self.registry:
            self.assertIn(self.registry["oa.document"], flows)
        for cls in flows:
            with self.subTest(model=cls._name):
                self.assertLess(cls.__mro__.index(mixin), cls.__mro__.index(thread))

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)


class TestOaFlowRequest(models.Model):
    """A vehicle request (用车申请): the unit's leader approves it, then the
    dispatcher assigns a driver.  Everything else — step rows, deadlines,
    to-dos for the actors and their proxies, 已办, the flow guard, the
    actor check — comes from the kernel (``oa.flow.mixin``)."""

    _name = "test.oa.flow.request"
    _description = "Vehicle Request (example flow)"
    _inherit = ["oa.flow.mixin", "mail.thread", "mail.activity.mixin"]
    _oa_flow_steps = {"approve": (_lt("Approve"), 1), "dispatch": (_lt("Dispatch"), 2)}
    _oa_flow_fields = ("state", "driver")

    name = fields.Char(required=True)
    unit_id = fields.Many2one("hr.department", required=True)
    dispatcher_id = fields.Many2one("res.users", required=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approve", "To Approve"), ("dispatch", "To Dispatch"),
         ("done", "Done")], default="draft", required=True,
    )  # fmt: skip
    driver = fields.Char()

    def action_submit(self):
        for rec in self:
            rec._check_can_submit()
            rec._do_submit()

    def _check_can_submit(self):
        if self.state != "draft" or self.create_uid != self.env.user:
            raise UserError(self.env._("Only its author submits a draft request."))

    def _do_submit(self):
        self.sudo().state = "approve"
        self._oa_step_open("approve", self.unit_id._oa_role_users("leader"))

    def action_approve(self, opinion=False):
        for rec in self:
            rec._do_approve(rec._oa_step_check_actor("approve"), opinion)

    def _do_approve(self, principal, opinion):
        self.sudo().state = "dispatch"
        self._oa_step_advance(principal, "dispatch", self.dispatcher_id, opinion)

    def action_dispatch(self, driver=False):
        for rec in self:
            rec._do_dispatch(rec._check_can_dispatch(driver), driver.strip())

    def _check_can_dispatch(self, driver):
        if not isinstance(driver, str) or not driver.strip():
            raise UserError(self.env._("Name the driver."))
        return self._oa_step_check_actor("dispatch")

    def _do_dispatch(self, principal, driver):
        self.sudo().write({"state": "done", "driver": driver})
        self._oa_step_advance(principal)

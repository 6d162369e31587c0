# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The access to the audit trail and to the lockout table is given by this
addon's files only: nobody but the superuser (module updates) adds, changes
or removes an access right or a record rule on them (the system
administrator would otherwise give himself the auditor's reading)."""

from odoo import api, models
from odoo.exceptions import AccessError

PROTECTED_MODELS = ("oa.audit.log", "oa.login.lockout")


def _check(records, vals_list=()):
    env = records.env
    if env.su:
        return
    models_ = env["ir.model"].sudo()
    for vals in vals_list:
        if vals.get("model_id"):
            models_ |= env["ir.model"].sudo().browse(vals["model_id"])
    models_ |= records.sudo().mapped("model_id")
    if set(models_.mapped("model")) & set(PROTECTED_MODELS):
        raise AccessError(
            env._("The access to the audit trail is fixed by the oa_security addon.")
        )


class OaFixedAccess(models.AbstractModel):
    """Access rights and record rules: none on the protected models is
    added, changed or removed but by a module update."""

    _name = "oa.security.fixed.access"
    _description = "Access Fixed by oa_security"

    @api.model_create_multi
    def create(self, vals_list):
        _check(self.browse(), vals_list)
        return super().create(vals_list)

    def write(self, vals):
        _check(self, [vals])
        return super().write(vals)

    def unlink(self):
        _check(self)
        return super().unlink()


class IrModelAccess(models.Model):
    _name = "ir.model.access"
    _inherit = ["ir.model.access", "oa.security.fixed.access"]


class IrRule(models.Model):
    _name = "ir.rule"
    _inherit = ["ir.rule", "oa.security.fixed.access"]

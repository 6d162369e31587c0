# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """The suite speaks Chinese: activate zh_CN and load the translations of
    every installed module (ours and Odoo's), as Settings > Languages does."""
    env["res.lang"]._activate_lang("zh_CN")
    installed = env["ir.module.module"].search([("state", "=", "installed")])
    installed._update_translations(["zh_CN"])

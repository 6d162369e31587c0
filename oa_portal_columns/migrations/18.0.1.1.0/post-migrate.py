# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The review of manuscripts runs on the flow kernel: every manuscript
waiting for its review gets its pending review row (oa.flow.step), pending
since its last submission, with its deadline; its editors' to-dos (and their
proxies') are due on the deadline's day."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    # the rows' step names and the to-dos' titles in the company's language
    # (stored text: the superuser's context has none)
    env = env(context={"lang": env.company.partner_id.lang or "zh_CN"})
    Manuscript = env["oa.manuscript"]
    pending = env["oa.flow.step"].search(
        [
            ("res_model", "=", Manuscript._name),
            ("step_type", "=", "review"),
            ("state", "=", "pending"),
        ]
    )
    waiting = Manuscript.search(
        [("state", "=", "submitted"), ("id", "not in", pending.mapped("res_id"))]
    )
    if not waiting:
        return
    editors = Manuscript._oa_editors()
    # one batch per submission moment (the start of the pending step)
    by_start = {}
    for manuscript in waiting:
        start = manuscript.submit_date or manuscript.write_date
        by_start.setdefault(start, Manuscript)
        by_start[start] |= manuscript
    for start, manuscripts in by_start.items():
        manuscripts._oa_step_open("review", editors, start=start)

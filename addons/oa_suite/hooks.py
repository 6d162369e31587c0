# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

# Odoo's English time-off demo (hr_holidays): people who are not the group's
# and a "Public Time Off" that is not a Chinese holiday.
ODOO_TIME_OFF_DEMO = (
    "hr_holidays.resource_public_time_off_1",
    "hr_holidays.hr_leave_mandatory_day_1",
)


def post_init_hook(env):
    """The suite speaks Chinese: activate zh_CN and load the translations of
    every installed module (ours and Odoo's), as Settings > Languages does.
    With demo data, only the group's people and the Chinese holidays are
    shown: Odoo's own time-off demo is removed."""
    env["res.lang"]._activate_lang("zh_CN")
    installed = env["ir.module.module"].search([("state", "=", "installed")])
    installed._update_translations(["zh_CN"])
    if env.ref("base.module_oa_suite").demo:
        drop_odoo_time_off_demo(env)


def drop_odoo_time_off_demo(env):
    """Remove the time off, allocations, meetings ("Marc Demo: Time Off"),
    public time off and mandatory day of hr_holidays' demo data."""
    env = env(su=True, context=dict(env.context, active_test=False))
    data = env["ir.model.data"].search(
        [
            ("module", "=", "hr_holidays"),
            ("model", "in", ("hr.leave", "hr.leave.allocation")),
        ]
    )
    leaves = (
        env["hr.leave"]
        .browse(data.filtered(lambda d: d.model == "hr.leave").mapped("res_id"))
        .exists()
    )
    allocations = (
        env["hr.leave.allocation"]
        .browse(
            data.filtered(lambda d: d.model == "hr.leave.allocation").mapped("res_id")
        )
        .exists()
    )
    meetings = leaves.meeting_id
    # only cancelled (or pending) time off can be deleted
    leaves.filtered(lambda leave: leave.state not in ("cancel", "confirm")).write(
        {"state": "cancel"}
    )
    leaves.unlink()
    meetings.exists().unlink()
    allocations.filtered(lambda a: a.state != "refuse").write({"state": "refuse"})
    allocations.unlink()
    for xmlid in ODOO_TIME_OFF_DEMO:
        record = env.ref(xmlid, raise_if_not_found=False)
        if record:
            record.unlink()

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    oa_training_admin_ok = fields.Boolean(
        string="Administrator Training Complete",
        compute="_compute_oa_training_admin_status",
        help="Attended every session (no absence), finished every course and "
        "passed the exam (notice 三(二)1).",
    )
    oa_training_admin_reason = fields.Char(
        string="Administrator Training Status",
        compute="_compute_oa_training_admin_status",
    )

    def _compute_oa_training_admin_status(self):
        status = self._oa_training_admin_status()
        for user in self:
            user.oa_training_admin_ok, user.oa_training_admin_reason = status[user.id]

    @api.model
    def _oa_training_admin_status_of(self, user_ids):
        """Entry point for other addons (the assessment): ids in,
        ``{user_id: [ok, reason]}`` out."""
        users = self.browse([uid for uid in user_ids if isinstance(uid, int)]).exists()
        return {
            uid: list(value) for uid, value in users._oa_training_admin_status().items()
        }

    def _oa_training_admin_status(self):
        """Per user, whether his system administrator training is complete
        (notice 三(二)1: 按时参加培训,完成所有课程,无缺勤记录,考试成绩合格) and
        why: ``{user_id: (ok, reason)}``.  One grouped query."""
        groups = (
            self.env["oa.training.enrolment"]
            .sudo()
            ._read_group(
                [("user_id", "in", self.ids), ("kind", "=", "admin")],
                ["user_id", "result", "attended_all"],
                ["__count", "absence_count:sum"],
            )
        )
        seen = {}
        for user, result, attended_all, count, absences in groups:
            info = seen.setdefault(
                user.id, {"count": 0, "absences": 0, "passed": False, "finished": False}
            )
            info["count"] += count
            info["absences"] += absences
            if result == "passed":
                info["passed"] = True
                info["finished"] = info["finished"] or attended_all
        _ = self.env._
        status = {}
        for user in self:
            info = seen.get(user.id)
            if not info:
                status[user.id] = (
                    False,
                    _("Not enrolled in any system administrator training."),
                )
                continue
            reasons = []
            if info["absences"]:
                reasons.append(
                    _("absent from %(count)s session(s)", count=info["absences"])
                )
            if not info["passed"]:
                reasons.append(_("has not passed the exam"))
            elif not info["finished"]:
                reasons.append(_("did not attend every session of the batch he passed"))
            if reasons:
                status[user.id] = (
                    False,
                    _("No: %(reasons)s.", reasons="; ".join(reasons)),
                )
            else:
                status[user.id] = (
                    True,
                    _("Yes: attended every session, finished the course and passed."),
                )
        return status

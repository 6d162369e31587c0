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

    # ---- The operation exam and the document flows ----

    def _oa_flow_block_reason(self):
        """A user of a unit that requires it (``oa_training_blocks_flow`` on
        his own OA unit, not inherited from parent units) may not act in the
        document flows until he has passed the operation exam."""
        reason = super()._oa_flow_block_reason()
        if reason:
            return reason
        unit = self.sudo().oa_unit_id
        if not unit.oa_training_blocks_flow:
            return False
        passed, status = self._oa_training_status()[self.id]
        if passed:
            return False
        return self.env._(
            "You have not passed the OA operation exam yet, and %(unit)s lets "
            "nobody act in the document flows before passing: %(status)s",
            unit=unit.name,
            status=status,
        )

    def _oa_training_status(self):
        """Per user, whether he passed the operation exam — of any training,
        as the training rate counts him (``oa.training.rate._oa_compute``) —
        and where he stands: ``{user_id: (passed, status)}``.  One query."""
        enrolments = (
            self.env["oa.training.enrolment"]
            .sudo()
            .search_fetch(
                [("user_id", "in", self.ids)],
                ["user_id", "result", "batch_id", "date_start", "best_score"],
            )
        )
        # newest first (the model's order): the last enrolment tells where
        # the user stands
        latest, passed = {}, set()
        for enrolment in enrolments:
            latest.setdefault(enrolment.user_id.id, enrolment)
            if enrolment.result == "passed":
                passed.add(enrolment.user_id.id)
        status = {}
        for user in self:
            if user.id in passed:
                status[user.id] = (True, self.env._("Passed the operation exam."))
            else:
                status[user.id] = (False, self._oa_training_where(latest.get(user.id)))
        return status

    def _oa_training_where(self, enrolment):
        """Where a user who has not passed stands, from his last enrolment."""
        _ = self.env._
        if not enrolment:
            return _("not enrolled in any training yet.")
        batch = enrolment.batch_id
        if enrolment.result == "failed":
            score, mark = f"{enrolment.best_score:g}", f"{batch.pass_mark:g}"
            return _(
                "failed the exam of “%(batch)s” (best score %(score)s, pass mark "
                "%(mark)s).",
                batch=batch.name,
                score=score,
                mark=mark,
            )
        if enrolment.result == "missed":
            return _(
                "missed the exam of “%(batch)s”.",
                batch=batch.name,
            )
        return _(
            "enrolled in “%(batch)s” (from %(date)s), exam not taken yet.",
            batch=batch.name,
            date=enrolment.date_start,
        )

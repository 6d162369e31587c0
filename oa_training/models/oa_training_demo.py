# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from odoo import api, models

# The notice's six 2-day batches of ordinary staff (二(二)1, 2月18日-29日).
# 2026 has no 29 February: the sixth batch runs 28 February – 1 March.
DEMO_BATCHES = [
    ("第一批", date(2026, 2, 18), ["office", "party"]),
    ("第二批", date(2026, 2, 20), ["hr", "tech"]),
    ("第三批", date(2026, 2, 22), ["it", "stock_office"]),
    ("第四批", date(2026, 2, 24), ["agri"]),
    ("第五批", date(2026, 2, 26), ["stock", "subsidiary"]),
    ("第六批", date(2026, 2, 28), ["factory"]),
]
# batches closed in the demo; the fifth is running, the sixth is planned
DEMO_CLOSED = 4
DEMO_TOPICS = [
    "系统登录、个人设置与首次改密",
    "收文办理:签收、登记、拟办、批办",
    "发文拟稿、审核、会签与签发",
    "栏目信息、代办人与上机练习",
]
# scores by login and batch (missing = did not take the exam)
DEMO_SCORES = {
    "第一批": {"sunxiaoyan": 52, "wulijuan": 58, "liufang": 88, "chenjing": 91},
    "第二批": {"sunxiaoyan": 85, "guoting": 45, "luobin": 76, "wulijuan": 55},
    "第三批": {"guoting": 80, "wulijuan": 72, "songtao": 95, "denglei": 66},
    "第四批": {"zengqiang": 49, "fuyulan": 90},
    "第五批": {"zengqiang": 83, "dongpeng": 70},
    "系统管理员培训班": {"wulijuan": 75},
}
DEMO_DEFAULT_SCORE = 78
# people who did not sit the exam of a batch (missed → next batch)
DEMO_MISSED = {"第一批": ["yangyang"]}
DEMO_ABSENT = {
    "第一批": [("yangyang", "absent", "出差")],
    "第二批": [("huhaitao", "excused", "参加集团公司党委会")],
    "第四批": [("shenguoping", "late", "")],
    "系统管理员培训班": [("wulijuan", "absent", "")],
}


class OaTrainingBatch(models.Model):
    _inherit = "oa.training.batch"

    @api.model
    def _demo_populate(self):
        """Run the notice's batches through the real flow: enrolment of
        the units, attendance, exams, closing (which re-enrols whoever
        failed or missed the exam) — so the demo shows passes, failures and
        re-enrolments."""
        ref = self.env.ref
        trainer = ref("oa_base.user_songtao_demo")
        examiner = ref("oa_base.user_tangxiaodong_demo")
        Rate = self.env["oa.training.rate"]
        units = self.env["hr.department"].search([("is_oa_unit", "=", True)])
        admin_batch = self._demo_closed_batch(
            "系统管理员培训班", "admin", date(2026, 2, 16), units.oa_admin_ids
        )
        Rate._oa_snapshot(date=admin_batch.date_end)
        batches = self.create(
            [
                {
                    "name": name,
                    "kind": "staff",
                    "date_start": start,
                    "date_end": start + timedelta(days=1),
                    "place": "集团公司培训中心机房",
                    "trainer_id": trainer.id,
                    "examiner_id": examiner.id,
                    "capacity": 30,
                    "pass_mark": 60,
                    "unit_ids": [
                        (6, 0, [ref(f"oa_base.oa_unit_{u}_demo").id for u in units])
                    ],
                    "session_ids": self._demo_sessions(start),
                }
                for name, start, units in DEMO_BATCHES
            ]
        )
        for index, batch in enumerate(batches):
            self.env["ir.model.data"]._update_xmlids(
                [
                    {
                        "xml_id": f"oa_training.oa_training_batch_{index + 1}_demo",
                        "record": batch,
                        "noupdate": True,
                    }
                ]
            )
            if index > DEMO_CLOSED:
                continue
            batch.action_open()
            for unit in batch.unit_ids:
                batch.action_enrol_unit(unit.id, only_not_passed=True)
            if index == DEMO_CLOSED:
                # running: attendance of the first morning only, some results
                batch._demo_attendance(batch.session_ids[:1])
                batch._demo_exams(partial=True)
                continue
            batch._demo_attendance(batch.session_ids)
            batch._demo_exams()
            batch.action_close()
            Rate._oa_snapshot(date=batch.date_end)
        leaders = self.env.ref("oa_base.group_oa_leader").users.filtered("oa_unit_id")
        leader_batch = self._demo_closed_batch(
            "集团公司、股份公司领导培训", "leader", date(2026, 3, 5), leaders
        )
        Rate._oa_snapshot(date=leader_batch.date_end)
        Rate._oa_snapshot()

    @api.model
    def _demo_sessions(self, start):
        return [
            (
                0,
                0,
                {"name": topic, "date": start + timedelta(days=i // 2), "half": half},
            )
            for i, (topic, half) in enumerate(
                zip(DEMO_TOPICS, ["am", "pm", "am", "pm"], strict=True)
            )
        ]

    def _demo_closed_batch(self, name, kind, start, users):
        """A batch of the project group, run and closed: the administrators'
        class (吴丽娟 was absent one afternoon) and the leaders' class."""
        ref = self.env.ref
        batch = self.create(
            {
                "name": name,
                "kind": kind,
                "date_start": start,
                "date_end": start + timedelta(days=1),
                "place": "信息技术中心培训室",
                "trainer_id": ref("oa_base.user_songtao_demo").id,
                "examiner_id": ref("oa_base.user_tangxiaodong_demo").id,
                "pass_mark": 70,
                "session_ids": self._demo_sessions(start),
            }
        )
        self.env["ir.model.data"]._update_xmlids(
            [
                {
                    "xml_id": f"oa_training.oa_training_batch_{kind}_demo",
                    "record": batch,
                    "noupdate": True,
                }
            ]
        )
        batch.action_open()
        batch._oa_enrol(users, origin="manual")
        batch._demo_attendance(batch.session_ids)
        batch._demo_exams()
        batch.action_close()
        return batch

    def _demo_attendance(self, sessions):
        special = {
            login: (status, reason)
            for login, status, reason in DEMO_ABSENT.get(self.name, [])
        }
        lines = sessions.attendance_ids
        lines.write({"status": "present"})
        for line in lines:
            status = special.get(line.user_id.login)
            if status and (status[0] != "absent" or line.session_id.half == "pm"):
                line.write({"status": status[0], "reason": status[1] or False})

    def _demo_exams(self, partial=False):
        scores = DEMO_SCORES.get(self.name, {})
        missed = DEMO_MISSED.get(self.name, [])
        enrolments = self.enrolment_ids.filtered(
            lambda e: e.user_id.login not in missed
        )
        if partial:
            enrolments = enrolments.filtered(lambda e: e.user_id.login in scores)
        moment = datetime.combine(self.date_end, datetime.min.time()) + timedelta(
            hours=8
        )
        self.env["oa.training.exam"].create(
            [
                {
                    "enrolment_id": enrolment.id,
                    "score": scores.get(enrolment.user_id.login, DEMO_DEFAULT_SCORE),
                    "examiner_id": self.examiner_id.id,
                    "date": moment,
                }
                for enrolment in enrolments
            ]
        )

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo training: the notice's batches run through the real flow by the
demo project group — opened, units enrolled, attendance and exams recorded,
closed (which re-enrols whoever failed or missed the exam) — so the demo
shows passes, failures and re-enrolments.  Run by the post-install hook when
demo data is loaded; never part of the production models."""

from datetime import date, datetime, timedelta

# the project group's demo people: the trainer organises the batches and
# records the attendance, the examiner records the exams
TRAINER = "oa_base.user_songtao_demo"
EXAMINER = "oa_base.user_tangxiaodong_demo"

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
# scores by batch and demo user (oa_base.user_<key>_demo); missing: the
# default score
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


def populate_demo(env):
    ref = env.ref
    trainer = ref(TRAINER)
    Batch = env["oa.training.batch"].with_user(trainer)
    # the daily scheduled action's snapshot, for the days the batches ended
    Rate = env["oa.training.rate"].sudo()
    units = env["hr.department"].search([("is_oa_unit", "=", True)])
    admin_batch = _closed_batch(
        env, "系统管理员培训班", "admin", date(2026, 2, 16), units.oa_admin_ids
    )
    Rate._oa_snapshot(date=admin_batch.date_end)
    batches = Batch.create(
        [
            {
                "name": name,
                "kind": "staff",
                "date_start": start,
                "date_end": start + timedelta(days=1),
                "place": "集团公司培训中心机房",
                "trainer_id": trainer.id,
                "examiner_id": ref(EXAMINER).id,
                "capacity": 30,
                "pass_mark": 60,
                "unit_ids": [
                    (6, 0, [ref(f"oa_base.oa_unit_{key}_demo").id for key in keys])
                ],
                "session_ids": _sessions(start),
            }
            for name, start, keys in DEMO_BATCHES
        ]
    )
    for index, batch in enumerate(batches):
        _name_demo(env, batch, f"oa_training.oa_training_batch_{index + 1}_demo")
        if index > DEMO_CLOSED:
            continue
        batch.action_open()
        for unit in batch.unit_ids:
            batch.action_enrol_unit(unit.id, only_not_passed=True)
        if index == DEMO_CLOSED:
            # running: attendance of the first morning only, some results
            _attendance(batch, batch.session_ids[:1])
            _exams(batch, partial=True)
            continue
        _attendance(batch, batch.session_ids)
        _exams(batch)
        batch.action_close()
        Rate._oa_snapshot(date=batch.date_end)
    leaders = ref("oa_base.group_oa_leader").users.filtered("oa_unit_id")
    leader_batch = _closed_batch(
        env, "集团公司、股份公司领导培训", "leader", date(2026, 3, 5), leaders
    )
    Rate._oa_snapshot(date=leader_batch.date_end)
    Rate._oa_snapshot()


def _name_demo(env, record, xmlid):
    env["ir.model.data"]._update_xmlids(
        [{"xml_id": xmlid, "record": record, "noupdate": True}]
    )


def _sessions(start):
    return [
        (0, 0, {"name": topic, "date": start + timedelta(days=i // 2), "half": half})
        for i, (topic, half) in enumerate(
            zip(DEMO_TOPICS, ["am", "pm", "am", "pm"], strict=True)
        )
    ]


def _closed_batch(env, name, kind, start, users):
    """A batch of the project group, run and closed: the administrators'
    class (吴丽娟 was absent one afternoon) and the leaders' class."""
    ref = env.ref
    trainer = ref(TRAINER)
    batch = (
        env["oa.training.batch"]
        .with_user(trainer)
        .create(
            {
                "name": name,
                "kind": kind,
                "date_start": start,
                "date_end": start + timedelta(days=1),
                "place": "信息技术中心培训室",
                "trainer_id": trainer.id,
                "examiner_id": ref(EXAMINER).id,
                "pass_mark": 70,
                "session_ids": _sessions(start),
            }
        )
    )
    _name_demo(env, batch, f"oa_training.oa_training_batch_{kind}_demo")
    batch.action_open()
    batch.action_enrol_users(users.ids)
    _attendance(batch, batch.session_ids)
    _exams(batch)
    batch.action_close()
    return batch


def _user(env, key):
    return env.ref(f"oa_base.user_{key}_demo")


def _attendance(batch, sessions):
    """The trainer records everybody present, then the exceptions."""
    env = batch.env
    special = {
        _user(env, key): (status, reason)
        for key, status, reason in DEMO_ABSENT.get(batch.name, [])
    }
    lines = sessions.attendance_ids.with_user(batch.trainer_id)
    lines.write({"status": "present"})
    for line in lines:
        status = special.get(line.user_id)
        if status and (status[0] != "absent" or line.session_id.half == "pm"):
            line.write({"status": status[0], "reason": status[1] or False})


def _exams(batch, partial=False):
    """The examiner records the operation exam's scores."""
    env = batch.env
    scores = {
        _user(env, key): score for key, score in DEMO_SCORES.get(batch.name, {}).items()
    }
    missed = env["res.users"].union(
        *(_user(env, key) for key in DEMO_MISSED.get(batch.name, []))
    )
    enrolments = batch.enrolment_ids.filtered(lambda e: e.user_id not in missed)
    if partial:
        enrolments = enrolments.filtered(lambda e: e.user_id in scores)
    exams = (
        env["oa.training.exam"]
        .with_user(batch.examiner_id)
        .create(
            [
                {
                    "enrolment_id": enrolment.id,
                    "score": scores.get(enrolment.user_id, DEMO_DEFAULT_SCORE),
                }
                for enrolment in enrolments
            ]
        )
    )
    _backdate_exams(exams, batch)


def _backdate_exams(exams, batch):
    """Demo history: recording an exam stamps now, but the demo's exams
    were sat on the batch's last day (the roll-out deadlines counted from
    the administrators' training and the rates of those days read it).
    The one write of a flow field by the demo, as the superuser."""
    moment = datetime.combine(batch.date_end, datetime.min.time()) + timedelta(hours=8)
    exams.sudo().write({"date": moment})

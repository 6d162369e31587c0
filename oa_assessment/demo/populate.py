# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo roll-out plans, visits and the previous month assessed, moved by the
demo people exactly as they would click: the units' administrators plan and
do their tasks and publish in their columns, the project group runs and
approves the month.  Run by the post-install hook when demo data is loaded;
never part of the production models."""

import random
from datetime import datetime, time, timezone

from dateutil.relativedelta import relativedelta

from odoo import fields

from odoo.addons.oa_assessment.models.oa_assessment_rule import month_first

# the project group's demo person who runs and approves the assessment
PROJECT_USER = "oa_base.user_songtao_demo"

# Plans of the pilot units: ``on_time`` units did their tasks by the
# deadlines, ``late_done`` did one late, ``late_open`` still have one open
# after its deadline.
PLAN_UNITS = [
    ("office", "on_time"),
    ("it", "on_time"),
    ("tech", "late_done"),
    ("party", "late_open"),
    ("hr", "late_open"),
    ("stock_office", "on_time"),
    ("agri", "late_open"),
]
# A month of visits (last month): (unit, share of working days, visits per
# day).  The office, the IT centre, the technology department and the stock
# company's office pass A and B; the others fail one or both.
VISIT_PROFILES = [
    ("office", 0.95, 2),
    ("it", 1.0, 3),
    ("tech", 0.9, 2),
    ("stock_office", 0.85, 2),
    ("party", 0.5, 1),
    ("hr", 0.3, 1),
    ("agri", 0.7, 1),
    ("stock", 0.2, 1),
    ("subsidiary", 0.6, 2),
    ("factory", 0.4, 1),
]
# demo units that keep their columns fresh in the demo month and finish
# their roll-out plan on time: with their complete team and training they
# pass; the IT centre, whose usage is the best, is commended
FRESH_UNITS = ("tech", "it")
# the usage rate A (visits per user and working day) the demo's project group
# asks of a unit without findings to commend it (取得良好效果)
COMMEND_RATE_A = 2.5
APPROVED_UNIT = "factory"


def populate_demo(env):
    # the previous month in the project group's time zone (Beijing)
    as_project = env["oa.assessment"].with_user(env.ref(PROJECT_USER))
    month = month_first(fields.Date.context_today(as_project)) - relativedelta(months=1)
    _plans(env)
    _visits(env, month)
    _month(env, month)


def _unit(env, key):
    return env.ref(f"oa_base.oa_unit_{key}_demo")


# ---- Roll-out plans ----


def _plans(env):
    """Per unit, the notice's tasks, written by the unit's administrator
    and done by him through the flow."""
    ref = env.ref
    flow, setup, trial = (
        ref(f"oa_assessment.oa_rollout_phase_{key}_demo")
        for key in ("flow", "setup", "trial")
    )
    calendar = env["oa.rollout.task"]._oa_calendar()
    templates = [
        (flow, "确定本单位公文处理流程并在系统中测试", flow.date_end),
        (setup, "核对并设置本单位用户、权限与栏目(系统基础应用设置)", None),
        (setup, "设计并设置本单位内部业务流程", None),
        (setup, "组织本单位普通用户培训并记录", setup.date_end),
        (trial, "各类公文与信息稿件通过系统报送(纸电同步)", trial.date_end),
    ]
    for key, profile in PLAN_UNITS:
        unit = _unit(env, key)
        owner = unit.oa_admin_ids[:1]
        Task = env["oa.rollout.task"].with_user(owner)
        done_on = {}
        vals_list = []
        for index, (phase, name, deadline) in enumerate(templates):
            deadline = deadline or calendar._oa_add_working_days(
                phase.date_start, 5 * index
            )
            vals_list.append(
                {
                    "name": name,
                    "phase_id": phase.id,
                    "unit_id": unit.id,
                    "user_id": owner.id,
                    "deadline_type": "fixed",
                    "date_fixed": deadline,
                }
            )
            if index < 2 or (profile == "on_time" and index < 4):
                done_on[index] = deadline
            if profile == "late_done" and index == 2:
                done_on[index] = deadline + relativedelta(days=6)
        # counted from the administrators' training: 1 week
        vals_list.append(
            {
                "name": "管理员培训后一周内完成系统基础应用设置(复核)",
                "phase_id": setup.id,
                "unit_id": unit.id,
                "user_id": owner.id,
                "deadline_type": "admin_training",
                "offset_days": 5,
            }
        )
        tasks = Task.create(vals_list)
        if profile == "on_time":
            review = tasks[-1]
            done_on[len(tasks) - 1] = review.date_deadline or setup.date_end
        for index, day in done_on.items():
            _done_on(tasks[index], day)


def _done_on(task, day):
    """The owner marks the task done; it was done on ``day``."""
    task.with_user(task.user_id).action_done()
    _backdate_done(task, day)


def _backdate_done(task, day):
    """Demo history: ``action_done`` stamps today, but the demo's tasks were
    done months ago (on time or late, which the assessment reads).  The one
    write of a flow field of the plan by the demo, as the superuser."""
    task.sudo().write({"date_done": day})


# ---- Visits ----


def _visits(env, month):
    """A month of visits, as the tracker records them: each user of a unit
    is online on about its share of the working days, that many times a day
    (deterministic).  Then the month's and days' metrics, as the daily
    scheduled action computes them."""
    last = month + relativedelta(months=1, days=-1)
    Snapshot = env["oa.usage.snapshot"].sudo()
    calendar = Snapshot._oa_calendar()
    days = calendar._oa_working_days(month, last)
    tz = calendar._oa_tz()
    rows = []
    for key, share, per_day in VISIT_PROFILES:
        unit = _unit(env, key)
        users = env["res.users"].search(
            [("oa_unit_id", "=", unit.id), ("share", "=", False)], order="id"
        )
        for rank, user in enumerate(users):
            rng = random.Random(f"{user.login}-{month}")
            # a unit's users are not all alike: the first is the keenest
            user_share = max(0.0, min(1.0, share + 0.1 - 0.05 * rank))
            for day in days:
                if rng.random() >= user_share:
                    continue
                for n in range(per_day):
                    local = datetime.combine(day, time(8 + 4 * n, rng.randrange(60)))
                    moment = tz.localize(local).astimezone(timezone.utc)
                    rows.append(
                        {
                            "user_id": user.id,
                            "unit_id": unit.id,
                            "datetime": moment.replace(tzinfo=None),
                            "kind": "login" if n == 0 else "return",
                        }
                    )
    env["oa.visit"].sudo().create(rows)
    Snapshot._oa_compute_days(month, last)
    Snapshot._oa_compute_month(month, date_to=last)


# ---- The month assessed ----


def _month(env, month):
    """Two units publish in each of their columns and finish their plan:
    they pass and the IT centre is commended; the others fail.  The project
    group runs the month and approves the factory's failing result and the
    IT centre's commendation (notices, public criticism)."""
    # the demo group works in Chinese (oa_suite activates it too): the
    # evidence, stored text, is written in the company's language
    env["res.lang"]._activate_lang("zh_CN")
    env.company.partner_id.lang = "zh_CN"
    # the columns' Chinese names (新闻中心…), which the evidence quotes
    env["ir.module.module"].search(
        [("name", "in", ("oa_portal_columns", "oa_assessment"))]
    )._update_translations("zh_CN")
    when = datetime.combine(month + relativedelta(days=19), time(2, 0))
    for key in FRESH_UNITS:
        unit = _unit(env, key)
        publisher = unit.oa_admin_ids[:1]
        Article = env["oa.article"].with_user(publisher)
        for column in unit.oa_column_ids.filtered(lambda c: not c.parent_id):
            article = Article.create(
                {
                    "name": f"{unit.name}{month.month}月{column.name}工作动态",
                    "column_id": column.id,
                    "body": "<p>本单位协同办公系统应用情况。</p>",
                }
            )
            article.action_publish()
            _backdate_published(article, when)
    for key in FRESH_UNITS:
        # their plan is done: the open tasks were done by their deadline
        tasks = env["oa.rollout.task"].search(
            [
                ("unit_id", "=", _unit(env, key).id),
                ("state", "=", "open"),
                ("date_deadline", "!=", False),
                ("date_deadline", "<", month + relativedelta(months=1)),
            ]
        )
        for task in tasks:
            _done_on(task, task.date_deadline)
    project = env.ref(PROJECT_USER)
    commendation = env.ref("oa_assessment.rule_commendation", raise_if_not_found=False)
    if commendation and not commendation.threshold:
        commendation.with_user(project).threshold = COMMEND_RATE_A
    run = env["oa.assessment.run.wizard"].with_user(project).create({"month": month})
    assessments = env["oa.assessment"].search(run.action_run()["domain"])
    approved = assessments.filtered(
        lambda a: a.unit_id == _unit(env, APPROVED_UNIT) or a.result == "commend"
    )
    approved.with_user(project).action_approve()


def _backdate_published(article, when):
    """Demo history: publishing stamps now, but the demo's articles were
    published in the assessed month (the column freshness the assessment
    reads).  The one write of a flow field of the article by the demo, as
    the superuser."""
    article.sudo().write({"publish_date": when})

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo manuscripts, read receipts and periodical issues, moved by the
demo users exactly as they would click (run by the post-install hook when
demo data is loaded; never part of the production models)."""

from odoo import Command

MODULE = "oa_portal_columns"

# submitted by their authors
SUBMITTED = [
    "oa_manuscript_office_trial_demo",
    "oa_manuscript_party_study_demo",
    "oa_manuscript_hr_training_demo",
    "oa_manuscript_tech_paperless_demo",
    "oa_manuscript_it_backbone_demo",
    "oa_manuscript_party_returned_demo",
    "oa_manuscript_tech_submitted_demo",
    "oa_manuscript_it_submitted_demo",
]
# then accepted by the editor
ACCEPTED = [
    "oa_manuscript_office_trial_demo",
    "oa_manuscript_party_study_demo",
    "oa_manuscript_hr_training_demo",
    "oa_manuscript_tech_paperless_demo",
    "oa_manuscript_it_backbone_demo",
]
# or returned, with the reason
RETURNED = [
    (
        "oa_manuscript_party_returned_demo",
        "内容较为笼统，请补充具体做法、数据和成效后重新报送。",
    ),
]
# the staff who have read (and acknowledged) the launch notice and the
# kick-off news
READ_ARTICLES = ["oa_article_notice_oa_launch_demo", "oa_article_news_kickoff_demo"]
READERS = [
    "oa_base.user_lixiuying_demo",
    "oa_base.user_majun_demo",
    "oa_base.user_huangwei_demo",
    "oa_base.user_zhengkai_demo",
]
EDITOR = "oa_base.user_lixiuying_demo"
PILOT_UNITS = ["office", "party", "hr", "tech", "it"]
# (xml id, editor's note, manuscripts, published)
ISSUES = [
    (
        "oa_periodical_issue_demo",
        "<p>本期聚焦协同办公系统试运行，集中反映各试点单位的准备工作和初步成效。</p>",
        [
            "oa_manuscript_office_trial_demo",
            "oa_manuscript_hr_training_demo",
            "oa_manuscript_party_study_demo",
        ],
        True,
    ),
    # the next issue, in preparation
    (
        "oa_periodical_next_issue_demo",
        False,
        ["oa_manuscript_tech_paperless_demo"],
        False,
    ),
]


def populate_demo(env):
    _manuscripts_flow(env)
    _read_articles(env)
    _issues(env)


def _ref(env, xmlid):
    return env.ref(xmlid if "." in xmlid else f"{MODULE}.{xmlid}")


def _manuscripts_flow(env):
    for xmlid in SUBMITTED:
        manuscript = _ref(env, xmlid)
        manuscript.with_user(manuscript.author_id).action_submit()
    editor = env.ref(EDITOR)
    for xmlid in ACCEPTED:
        _ref(env, xmlid).with_user(editor).action_accept()
    for xmlid, reason in RETURNED:
        _ref(env, xmlid).with_user(editor).action_return(reason)


def _read_articles(env):
    articles = env["oa.article"].browse(_ref(env, x).id for x in READ_ARTICLES)
    for xmlid in READERS:
        reader = articles.with_user(env.ref(xmlid))
        for article in reader:
            if article.requires_ack:
                article.action_acknowledge()
            else:
                article.action_mark_read()


def _issues(env):
    editor = env.ref(EDITOR)
    units = [env.ref(f"oa_base.oa_unit_{key}_demo").id for key in PILOT_UNITS]
    Periodical = env["oa.periodical"].with_user(editor)
    for xmlid, note, manuscripts, publish in ISSUES:
        issue = Periodical.create(
            {
                "title": "集团信息",
                "unit_id": env.ref("oa_base.oa_unit_office_demo").id,
                "editor_note": note,
                "target_unit_ids": [Command.set(units)],
                "line_ids": [
                    Command.create(
                        {"sequence": sequence, "manuscript_id": _ref(env, m).id}
                    )
                    for sequence, m in enumerate(manuscripts, start=1)
                ],
            }
        )
        env["ir.model.data"]._update_xmlids(
            [{"xml_id": f"{MODULE}.{xmlid}", "record": issue, "noupdate": True}]
        )
        if publish:
            issue.action_publish()

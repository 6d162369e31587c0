# Copyright 2026 Group OA Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OA Roll-out Plan and Assessment",
    "summary": "推进计划、上线指标(人均上线频率、经常性在线率)、月度考核与奖惩",
    "version": "18.0.1.0.0",
    "development_status": "Beta",
    "category": "Productivity",
    "website": "https://github.com/group-oa/oa-suite",
    "author": "Group OA Suite contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    # The assessment judges what the whole suite records (notice 三):
    # documents, columns and training are all part of the rules.
    "depends": [
        "oa_base",
        "oa_document",
        "oa_portal_columns",
        "oa_training",
        "resource",
        "report_xlsx",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/oa_assessment_plan_rules.xml",
        "security/oa_assessment_review_rules.xml",
        "security/resource_calendar_security.xml",
        "data/resource_calendar_china_data.xml",
        "data/oa_rollout_activity_data.xml",
        "data/mail_message_subtype_data.xml",
        "data/oa_usage_cron_data.xml",
        "data/oa_assessment_sequence_data.xml",
        "data/oa_assessment_rule_data.xml",
        "data/oa_assessment_rule_usage_data.xml",
        "data/oa_assessment_cron_data.xml",
        "report/oa_assessment_report.xml",
        "views/oa_rollout_phase_views.xml",
        "views/oa_rollout_task_views.xml",
        "views/oa_usage_snapshot_views.xml",
        "views/oa_usage_visit_views.xml",
        "views/oa_usage_settings_views.xml",
        "views/oa_assessment_views.xml",
        "views/oa_assessment_criticism_views.xml",
        "views/oa_assessment_rule_views.xml",
        "views/oa_assessment_dashboard_views.xml",
        "wizards/oa_assessment_wizard_views.xml",
        "views/menus.xml",
        "views/oa_rollout_menus.xml",
    ],
    "demo": [
        "demo/oa_assessment_plan_demo.xml",
    ],
    # demo: the plans, visits and the month assessed, moved through their
    # flows by the demo people (demo/populate.py, run by the post-install hook)
    "post_init_hook": "post_init_hook",
    "assets": {
        "web.assets_backend": [
            "oa_assessment/static/src/**/*",
        ],
        "web.assets_tests": [
            "oa_assessment/static/tests/tours/**/*",
        ],
    },
}

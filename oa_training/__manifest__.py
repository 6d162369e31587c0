# Copyright 2026 Group OA Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OA Training and Exams",
    "summary": "培训与考试:培训批次、考勤、上机考试、不合格者进入下期直至合格、培训率",
    "version": "18.0.1.0.0",
    "development_status": "Beta",
    "category": "Productivity",
    "website": "https://github.com/group-oa/oa-suite",
    "author": "Group OA Suite contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["oa_base", "mail"],
    "data": [
        "security/ir.model.access.csv",
        "security/oa_training_rules.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_message_subtype_data.xml",
        "data/ir_cron_data.xml",
        "report/oa_training_certificate.xml",
        "wizards/oa_training_enrol_wizard_views.xml",
        "wizards/oa_training_exam_wizard_views.xml",
        "wizards/oa_training_import_wizard_views.xml",
        "views/oa_training_batch_views.xml",
        "views/oa_training_session_views.xml",
        "views/oa_training_enrolment_views.xml",
        "views/oa_training_exam_views.xml",
        "views/oa_training_rate_views.xml",
        "views/res_users_views.xml",
        "views/hr_department_views.xml",
        "views/menus.xml",
    ],
    # demo: the batches run through their flow by the demo project group
    # (demo/populate.py, run by the post-install hook)
    "post_init_hook": "post_init_hook",
    "assets": {
        "web.assets_tests": [
            "oa_training/static/tests/tours/**/*",
        ],
    },
}

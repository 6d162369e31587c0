# Copyright 2026 Group OA Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OA Training Theory Exams (Survey)",
    "summary": "培训理论考试:认证问卷,每个报名一次邀请,成绩自动回写,两部分均合格才合格",
    "version": "18.0.1.0.0",
    "development_status": "Beta",
    "category": "Productivity",
    "website": "https://github.com/group-oa/oa-suite",
    "author": "Group OA Suite contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "installable": True,
    "auto_install": False,
    "depends": ["oa_training", "survey"],
    "data": [
        "security/oa_training_survey_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "views/survey_user_input_views.xml",
        "views/oa_training_batch_views.xml",
        "views/oa_training_enrolment_views.xml",
    ],
    "demo": [
        "demo/oa_training_survey_demo.xml",
    ],
}

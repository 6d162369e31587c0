# Copyright 2026 Group OA Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OA Official Documents",
    "summary": "公文流转:发文、收文、文号、分发、督办、单位流程、红头打印",
    "version": "18.0.1.0.0",
    "development_status": "Beta",
    "category": "Productivity",
    "website": "https://github.com/group-oa/oa-suite",
    "author": "Group OA Suite contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["oa_base", "mail", "web"],
    "data": [
        "security/ir.model.access.csv",
        "security/oa_document_rules.xml",
        "data/mail_message_subtype_data.xml",
        "data/ir_cron_data.xml",
        "data/ir_config_parameter_data.xml",
        "report/oa_document_report.xml",
        "wizards/oa_document_return_wizard_views.xml",
        "wizards/oa_document_verify_wizard_views.xml",
        "views/oa_document_views.xml",
        "views/oa_document_incoming_views.xml",
        "views/oa_document_step_views.xml",
        "views/oa_document_flow_views.xml",
        "views/oa_supervision_views.xml",
        "views/oa_document_webhook_views.xml",
        "views/hr_department_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/oa_document_flow_demo.xml",
        "demo/oa_document_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "oa_document/static/tests/tours/**/*",
        ],
    },
}

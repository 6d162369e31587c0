# Copyright 2026 Group OA Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OA Portal and Columns",
    "summary": "工作台与信息栏目:待办待阅、新闻中心、通知公告、知识中心、阅读回执",
    "version": "18.0.1.0.0",
    "development_status": "Beta",
    "category": "Productivity",
    "website": "https://github.com/group-oa/oa-suite",
    "author": "Group OA Suite contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["oa_base", "mail", "web", "attachment_indexation"],
    "data": [
        "security/oa_manuscript_security.xml",
        "security/ir.model.access.csv",
        "security/oa_portal_columns_rules.xml",
        "data/oa_column_data.xml",
        "data/ir_config_parameter_data.xml",
        "views/oa_workbench_views.xml",
        "views/oa_column_views.xml",
        "views/oa_article_views.xml",
        "views/oa_article_read_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
        "security/oa_manuscript_rules.xml",
        "report/oa_periodical_report.xml",
        "wizards/oa_manuscript_return_wizard_views.xml",
        "views/oa_manuscript_views.xml",
        "views/oa_periodical_views.xml",
        "security/oa_article_version_security.xml",
        "views/oa_article_version_views.xml",
    ],
    "demo": [
        "demo/oa_article_demo.xml",
        "demo/oa_manuscript_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "oa_portal_columns/static/src/**/*",
        ],
        "web.assets_tests": [
            "oa_portal_columns/static/tests/tours/**/*",
        ],
    },
    "post_init_hook": "post_init_hook",
}

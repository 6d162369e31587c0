# Copyright 2026 Group OA Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OA Base",
    "summary": "协同办公基础:单位、角色、权限组、公文代办人、首次登录改密",
    "version": "18.0.1.0.0",
    "development_status": "Beta",
    "category": "Productivity",
    "website": "https://github.com/group-oa/oa-suite",
    "author": "Group OA Suite contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "application": True,
    "installable": True,
    "depends": ["hr", "mail", "resource", "password_security"],
    "data": [
        "security/oa_base_security.xml",
        "security/ir.model.access.csv",
        "security/oa_base_rules.xml",
        "data/ir_config_parameter_data.xml",
        "data/resource_calendar_data.xml",
        "data/report_paperformat_data.xml",
        "views/hr_department_views.xml",
        "views/res_users_views.xml",
        "views/oa_proxy_views.xml",
        "views/res_groups_views.xml",
        "views/res_config_settings_views.xml",
        "views/oa_flow_views.xml",
        "views/auth_signup_templates.xml",
        "views/web_login_templates.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/hr_department_demo.xml",
        "demo/res_users_demo.xml",
        "demo/oa_proxy_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "oa_base/static/src/activity/*",
            "oa_base/static/src/views/**/*",
            "oa_base/static/src/webclient/*",
        ],
        "web.assets_tests": [
            "oa_base/static/tests/tours/**/*",
        ],
        # the suite's 仿宋 for every print (GB/T 9704)
        "web.report_assets_common": [
            "oa_base/static/src/report/fonts.css",
        ],
    },
}

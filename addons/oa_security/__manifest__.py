# Copyright 2026 Group OA Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OA Security",
    "summary": "等保2.0三级:账号锁定、三员分立、防篡改审计日志(SM3 链)、会话超时",
    "version": "18.0.1.0.0",
    "development_status": "Beta",
    "category": "Productivity",
    "website": "https://github.com/group-oa/oa-suite",
    "author": "Group OA Suite contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "installable": True,
    "depends": ["oa_base", "auth_session_timeout", "auth_totp"],
    # the audit trail's view of buttons and RPC calls (hooks.py)
    "post_load": "post_load",
    "data": [
        "security/oa_security_security.xml",
        "security/ir.model.access.csv",
        "data/ir_config_parameter_data.xml",
        "data/ir_cron_data.xml",
        "views/oa_login_lockout_views.xml",
        "views/oa_audit_log_views.xml",
        "views/res_config_settings_views.xml",
        "views/totp_templates.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "oa_security/static/tests/tours/*.js",
        ],
    },
}

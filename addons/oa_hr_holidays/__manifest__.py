# Copyright 2026 Group OA Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OA Time Off Proxies",
    "summary": "休假审批通过后自动提议公文代办人窗口，一键确认，随请假变更而取消或缩短",
    "version": "18.0.1.0.0",
    "development_status": "Beta",
    "category": "Productivity",
    "website": "https://github.com/group-oa/oa-suite",
    "author": "Group OA Suite contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "installable": True,
    "auto_install": False,
    "depends": ["oa_base", "hr_holidays"],
    "data": [
        "data/mail_activity_type_data.xml",
        "views/oa_proxy_views.xml",
        "views/hr_leave_views.xml",
        "views/res_users_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/hr_leave_demo.xml",
    ],
}

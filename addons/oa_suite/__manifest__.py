# Copyright 2026 Group OA Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OA Suite",
    "summary": "集团协同办公套件:一次安装全部模块、演示数据与中文",
    "version": "18.0.1.0.0",
    "development_status": "Beta",
    "category": "Productivity",
    "website": "https://github.com/group-oa/oa-suite",
    "author": "Group OA Suite contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "application": True,
    "installable": True,
    # The whole suite: adding a product addon means adding it here.
    "depends": [
        # shared and glue addons
        "oa_base",
        "oa_hr_holidays",
        "oa_training_survey",
        "oa_security",
        # product addons
        "oa_document",
        "oa_portal_columns",
        "oa_training",
        "oa_assessment",
        # OCA addons the suite uses
        "password_security",
        "report_xlsx",
    ],
    "post_init_hook": "post_init_hook",
}

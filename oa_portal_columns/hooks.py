# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """The OA users who still land on Odoo's default home get the workbench
    (the units' three columns are created by data/oa_column_data.xml, before
    the demo articles that use them); with demo data: the demo manuscripts,
    read receipts and issues, moved through their flows by the demo users."""
    env["res.users"]._oa_set_workbench_home()
    if env.ref("base.module_oa_portal_columns").demo:
        from .demo.populate import populate_demo

        # the demo people work in Chinese: their to-dos and the messages of
        # the flow are written in their language, not the installer's
        populate_demo(env(context=dict(env.context, lang="zh_CN")))

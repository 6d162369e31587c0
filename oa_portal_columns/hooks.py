# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """Units that existed before the module have their three columns (also
    created by data/oa_column_data.xml, so that demo articles can use them),
    and the OA users who still land on Odoo's default home get the
    workbench."""
    env["hr.department"]._oa_install_columns()
    env["res.users"]._oa_set_workbench_home()

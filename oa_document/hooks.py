# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """With demo data: demo documents in every state, moved through their
    flows by the demo users."""
    if env.ref("base.module_oa_document").demo:
        from .demo.populate import populate_demo

        populate_demo(env)

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """With demo data: the pilot units' roll-out plans, a month of visits
    and that month assessed, moved by the demo people through their flows."""
    if env.ref("base.module_oa_assessment").demo:
        from .demo.populate import populate_demo

        # the demo people work in Chinese: their to-dos and the messages of
        # the flow are written in their language, not the installer's
        populate_demo(env(context=dict(env.context, lang="zh_CN")))

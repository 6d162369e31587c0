# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """The users who exist already handle their notifications in Odoo (no
    outgoing mail server yet); with demo data: demo documents in every
    state, moved through their flows by the demo users."""
    users = env["res.users"].with_context(active_test=False).search([])
    users._oa_default_to_inbox()
    if env.ref("base.module_oa_document").demo:
        from .demo.populate import populate_demo

        # the examples of failed deliveries of Odoo's own demo data (to
        # partners without an account) are discarded, as their sender would
        env["mail.notification"].sudo().search(
            [("notification_status", "in", ("exception", "bounce"))]
        ).write({"notification_status": "canceled"})
        # the demo people work in Chinese: their to-dos and the messages of
        # the flow are written in their language, not the installer's
        populate_demo(env(context=dict(env.context, lang="zh_CN")))

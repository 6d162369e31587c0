# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _oa_drafting_units(self):
        """The units in whose name the user may draft an outgoing document:
        his own unit and the units he administers (a unit administrator
        drafts for the units he runs).  Not the units he merely leads or
        belongs to through a parent unit."""
        self.ensure_one()
        return self.oa_unit_id | self.oa_managed_unit_ids

    # ---- Notifications: in the web client unless mail can leave ----

    @api.model
    def _oa_mail_server_configured(self):
        """True when an outgoing mail server is configured: only then do
        notifications go out by e-mail."""
        return bool(self.env["ir.mail_server"].sudo().search_count([], limit=1))

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        explicit = {
            i for i, vals in enumerate(vals_list) if "notification_type" in vals
        }
        defaulted = self.browse(
            user.id for i, user in enumerate(users) if i not in explicit
        )
        defaulted._oa_default_to_inbox()
        return users

    def _oa_default_to_inbox(self):
        """Internal users handle their notifications in Odoo (the inbox)
        when no outgoing mail server is configured: an e-mail that cannot be
        sent is a notice nobody reads."""
        if self._oa_mail_server_configured():
            return
        internal = self.sudo().filtered(
            lambda u: not u.share and u.notification_type != "inbox"
        )
        if internal:
            internal.notification_type = "inbox"
            internal._oa_inbox_unsent_mails()

    def _oa_inbox_unsent_mails(self):
        """The e-mail notifications of these (now inbox) users that could not
        be sent go to their inbox instead of staying failed e-mails."""
        notifications = (
            self.env["mail.notification"]
            .sudo()
            .search(
                [
                    ("res_partner_id", "in", self.partner_id.ids),
                    ("notification_type", "=", "email"),
                    ("notification_status", "in", ("ready", "exception", "bounce")),
                ]
            )
        )
        if not notifications:
            return
        mails = notifications.mail_mail_id
        notifications.write(
            {
                "notification_type": "inbox",
                "notification_status": "sent",
                "failure_type": False,
                "failure_reason": False,
                "mail_mail_id": False,
            }
        )
        partners = self.partner_id
        mails.filtered(
            lambda m: m.is_notification
            and m.state in ("outgoing", "exception")
            and not m.email_to
            and not (m.recipient_ids - partners)
        ).unlink()

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The company's time zone, in one place: the time zone of its working
schedule, Asia/Shanghai by default (set on install).  Every "which day is
it" of the suite — metrics, months, deadlines, to-dos of users without a
time zone of their own — reads it here (``oa_base.tools.local_time``)."""

import pytz

from odoo import api, models, tools

DEFAULT_TZ = "Asia/Shanghai"


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _oa_tz(self):
        """This schedule's time zone (the default one for no schedule)."""
        try:
            return pytz.timezone((self[:1].tz if self else None) or DEFAULT_TZ)
        except pytz.UnknownTimeZoneError:
            return pytz.timezone(DEFAULT_TZ)

    @api.model
    def _oa_company_calendar(self, company=None):
        """The working schedule of ``company`` (the current one by default)
        that counts the suite's days: working days, holidays, deadlines."""
        company = company or self.env.company
        return (
            company.sudo().resource_calendar_id
            or self.env.ref("resource.resource_calendar_std", raise_if_not_found=False)
            or self.browse()
        ).with_env(self.env)

    @api.model
    def _oa_company_tz(self, company=None):
        """THE company's time zone, never a user's (cached: every to-do and
        every date of the suite asks it)."""
        company = company or self.env.company
        return pytz.timezone(self._oa_company_tz_name(company.id))

    @api.model
    @tools.ormcache("company_id")
    def _oa_company_tz_name(self, company_id):
        company = self.env["res.company"].browse(company_id)
        return self._oa_company_calendar(company)._oa_tz().zone

    def write(self, vals):
        if "tz" in vals:
            self.env.registry.clear_cache()
        return super().write(vals)

    @api.model
    def _oa_setup_company_tz(self):
        """Install: the companies' working schedules (and Odoo's standard
        one, the default of new companies) are in China's time zone; Odoo
        created them in the installing user's (Europe/Brussels in a demo
        database), which moved a 05:30 Monday visit to Sunday."""
        calendars = self.env["res.company"].sudo().search([]).resource_calendar_id
        std = self.env.ref("resource.resource_calendar_std", raise_if_not_found=False)
        calendars = (calendars | (std or self.browse())).sudo()
        calendars.filtered(lambda c: c.tz != DEFAULT_TZ).write({"tz": DEFAULT_TZ})
        # the users data is loaded as (OdooBot) and the first administrator
        # work in the company's time zone too: Odoo reads a public holiday
        # given by a user of another zone as his local time and shifts it
        users = self.env.ref("base.user_root") | self.env.ref("base.user_admin")
        users.sudo().filtered(lambda u: u.tz != DEFAULT_TZ).write({"tz": DEFAULT_TZ})

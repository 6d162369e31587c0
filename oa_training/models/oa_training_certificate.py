# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

from odoo.addons.oa_base.tools.gb_print import letter_values
from odoo.addons.oa_base.tools.local_time import company_tz, to_local
from odoo.addons.oa_base.tools.pdf import chinese_date
from odoo.addons.oa_base.tools.seal import project_group_name, unit_full_name


class ReportOaTrainingCertificate(models.AbstractModel):
    """Certificates only for those who passed, and only what the reader may
    read (a trainee his own).  A certificate is an official letter on the
    GB/T 9704 page: numbered, signed and sealed by the organiser (the
    project group, or the unit that trained its end users)."""

    _name = "report.oa_training.report_certificate"
    _description = "Training Certificate"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["oa.training.enrolment"].browse(docids)
        docs.check_access("read")
        not_passed = docs.filtered(lambda e: e.result != "passed")
        if not_passed:
            raise UserError(
                self.env._(
                    "Only a passed training has a certificate (%(names)s).",
                    names=", ".join(not_passed.mapped("display_name")),
                )
            )
        return {
            "doc_ids": docs.ids,
            "doc_model": docs._name,
            "docs": docs,
            "info_of": self._certificate_info,
        }

    @api.model
    def _certificate_info(self, enrolment):
        """What one certificate shows, worked out once."""
        enrolment = enrolment.sudo()
        batch = enrolment.batch_id
        issuer = certificate_issuer(enrolment)
        passed = enrolment.exam_ids.filtered("passed").sorted("date")[:1]
        day = passed.date and to_local(self.env, passed.date, company_tz(self.env))
        kind = dict(enrolment._fields["kind"]._description_selection(self.env)).get(
            enrolment.kind, ""
        )
        return {
            **letter_values(issuer),
            "issuer": issuer,
            "number": certificate_number(enrolment, day),
            "text": self.env._(
                "%(name)s (%(unit)s) attended the training for %(kind)s of the "
                "collaborative office system (%(batch)s, %(start)s to %(end)s) "
                "and passed the operation exam with a score of %(score)s points.",
                name=enrolment.user_id.name,
                unit=unit_full_name(enrolment.unit_id) if enrolment.unit_id else "",
                kind=kind,
                batch=batch.name,
                start=chinese_date(batch.date_start),
                end=chinese_date(batch.date_end),
                score=format(enrolment.best_score, "g"),
            ),
            "date": chinese_date(day),
            "day": day,
        }


def certificate_issuer(enrolment):
    """The organiser's full name: the unit that trained its end users, or
    the project group."""
    batch = enrolment.sudo().batch_id
    if batch.kind == "end_user" and batch.organiser_unit_id:
        return unit_full_name(batch.organiser_unit_id)
    return project_group_name(enrolment.env)


def certificate_number(enrolment, day=None):
    """The certificate's number: the year it was earned and the enrolment
    (one certificate per enrolment, never reused)."""
    year = (day or enrolment.batch_id.date_end or enrolment.create_date).year
    return f"培训证〔{year}〕{enrolment.id:05d}号"

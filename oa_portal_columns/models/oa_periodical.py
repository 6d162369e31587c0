# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.oa_base.tools.local_time import local_today
from odoo.addons.oa_base.tools.names import check_not_blank

from .oa_manuscript import EDITOR_GROUP

STATES = [("draft", "Draft"), ("published", "Published")]
REPORT = "oa_portal_columns.action_report_oa_periodical"
DEFAULT_TITLE = "集团信息"


class OaPeriodical(models.Model):
    """A periodical issue (信息期刊), e.g. 《集团信息》2026年第12期: the
    company office compiles accepted manuscripts in a chosen order; publishing
    numbers the issue (per title and year, without gaps), renders its PDF and
    publishes it as a notice to the chosen units, so that it appears in their
    待阅 and its read receipts are those of any notice.

    Its number, name, state and publication fields move only by publishing
    (``oa.flow.guard``); its year follows the issue date."""

    _name = "oa.periodical"
    _description = "Periodical Issue"
    _inherit = ["mail.thread", "oa.flow.guard"]
    _oa_flow_fields = (
        "state",
        "year",
        "number",
        "name",
        "publish_date",
        "published_by_id",
        "article_id",
        "pdf_attachment_id",
        "pdf_file",
    )
    _order = "year desc, number desc, id desc"

    title = fields.Char(
        string="Periodical",
        required=True,
        default=DEFAULT_TITLE,
        tracking=True,
        help="Name of the periodical, e.g. 集团信息: issues are numbered per "
        "periodical and year.",
    )
    issue_date = fields.Date(
        required=True,
        default=lambda self: local_today(self.env),
        tracking=True,
        help="Date printed on the issue; its year is the year of the number.",
    )
    year = fields.Integer(compute="_compute_year", store=True, index=True)
    number = fields.Integer(copy=False, readonly=True, help="Given at publication.")
    name = fields.Char(
        string="Issue", copy=False, readonly=True, help="e.g. 2026年第12期"
    )
    unit_id = fields.Many2one(
        "hr.department",
        string="Edited by",
        required=True,
        default=lambda self: self.env.user.oa_unit_id,
        domain=[("is_oa_unit", "=", True)],
        tracking=True,
        help="The unit that edits and prints the periodical (编印单位).",
    )
    column_id = fields.Many2one(
        "oa.column",
        string="Published in",
        compute="_compute_column_id",
        store=True,
        readonly=False,
        domain="[('unit_id', '=', unit_id), ('kind', '=', 'notice')]",
        help="The notices column of the editing unit where the issue appears.",
    )
    target_unit_ids = fields.Many2many(
        "hr.department",
        "oa_periodical_target_unit_rel",
        "periodical_id",
        "unit_id",
        string="Sent to",
        domain=[("is_oa_unit", "=", True)],
        help="The units whose users find the issue in their 待阅.",
    )
    line_ids = fields.One2many(
        "oa.periodical.line", "periodical_id", string="Contents", copy=False
    )
    manuscript_count = fields.Integer(
        string="Manuscripts", compute="_compute_manuscript_count"
    )
    editor_note = fields.Html(string="Editor's Note", sanitize_style=True)
    state = fields.Selection(
        STATES,
        string="Status",
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
        readonly=True,
    )
    publish_date = fields.Datetime(copy=False, readonly=True)
    published_by_id = fields.Many2one(
        "res.users", string="Published by", copy=False, readonly=True
    )
    article_id = fields.Many2one(
        "oa.article",
        string="Notice",
        copy=False,
        readonly=True,
        help="The notice that brings the issue to its readers.",
    )
    pdf_attachment_id = fields.Many2one(
        "ir.attachment", string="PDF", copy=False, readonly=True
    )
    pdf_file = fields.Binary(
        string="PDF File", related="pdf_attachment_id.datas", readonly=True
    )
    pdf_filename = fields.Char(related="pdf_attachment_id.name")

    def init(self):
        # a number is given once per periodical and year (drafts have none)
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS oa_periodical_number_uniq
                ON oa_periodical (title, year, number) WHERE number > 0
            """
        )

    @api.depends("issue_date")
    def _compute_year(self):
        for issue in self:
            issue.year = issue.issue_date.year if issue.issue_date else 0

    @api.depends("unit_id")
    def _compute_column_id(self):
        Column = self.env["oa.column"].sudo()
        for issue in self:
            issue.column_id = Column.search(
                [
                    ("unit_id", "=", issue.unit_id.id),
                    ("kind", "=", "notice"),
                    ("parent_id", "=", False),
                ],
                limit=1,
            )

    def _compute_manuscript_count(self):
        counts = dict(
            self.env["oa.periodical.line"]._read_group(
                [("periodical_id", "in", self.ids)], ["periodical_id"], ["__count"]
            )
        )
        for issue in self:
            issue.manuscript_count = counts.get(issue, 0)

    @api.depends("title", "name", "state")
    def _compute_display_name(self):
        for issue in self:
            label = issue.name or self.env._("Draft Issue")
            issue.display_name = f"《{issue.title or ''}》{label}"

    # ---- CRUD ----

    @api.model
    def _oa_check_editor(self):
        if not self.env.su and not self.env.user.has_group(EDITOR_GROUP):
            raise AccessError(
                self.env._(
                    "Only the information editors of the company office compile "
                    "and publish periodicals."
                )
            )

    def _oa_check_draft(self):
        if self.env.su:
            return
        for issue in self:
            if issue.state != "draft":
                raise UserError(
                    self.env._(
                        "%(issue)s is published: it can no longer be changed.",
                        issue=issue.display_name,
                    )
                )

    @api.constrains("title")
    def _check_title_not_blank(self):
        check_not_blank(self, "title")

    @api.model_create_multi
    def create(self, vals_list):
        self._oa_check_editor()
        return super().create(vals_list)

    def write(self, vals):
        self._oa_check_editor()
        self._oa_check_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        self._oa_check_editor()
        self._oa_check_draft()

    def unlink(self):
        # the contents first, through their own guard, so that their
        # manuscripts are free again
        self.line_ids.unlink()
        return super().unlink()

    # ---- Actions: the flow ----

    def _check_can_publish(self):
        self._oa_check_editor()
        self.check_access("write")
        for issue in self:
            if issue.state != "draft":
                raise UserError(
                    self.env._(
                        "%(issue)s is already published.", issue=issue.display_name
                    )
                )
            if not issue.line_ids:
                raise UserError(
                    self.env._(
                        "%(issue)s holds no manuscript: compile accepted "
                        "manuscripts first.",
                        issue=issue.display_name,
                    )
                )
            if not issue.target_unit_ids:
                raise UserError(
                    self.env._(
                        "Choose the units %(issue)s is sent to.",
                        issue=issue.display_name,
                    )
                )
            if not issue.column_id:
                raise UserError(
                    self.env._(
                        "Choose the notices column %(issue)s is published in.",
                        issue=issue.display_name,
                    )
                )
            issue.line_ids._oa_check_manuscripts()

    def action_publish(self):
        """草稿 → 已发布: number the issue, render its PDF and publish it to
        the chosen units.  All in one transaction: if anything fails, the
        number is not taken (no gap)."""
        self._check_can_publish()
        self._do_publish()
        return True

    def _do_publish(self):
        Counter = self.env["oa.periodical.number.counter"]
        for issue in self.sorted("id"):
            sudo = issue.sudo()
            number = Counter._take_next(issue.title, issue.year)
            sudo.write(
                {
                    "state": "published",
                    "number": number,
                    "name": f"{issue.year}年第{number}期",
                    "publish_date": fields.Datetime.now(),
                    "published_by_id": self.env.uid,
                }
            )
            sudo.line_ids.manuscript_id.write({"state": "published"})
            pdf = issue._oa_render_pdf()
            article = issue._oa_publish_article(pdf)
            sudo.write(
                {
                    "article_id": article.id,
                    "pdf_attachment_id": article.attachment_ids.id,
                }
            )
            issue.message_post(
                body=self.env._(
                    "%(issue)s published to %(units)s.",
                    issue=issue.display_name,
                    units="、".join(issue.target_unit_ids.mapped("name")),
                ),
                subtype_xmlid="oa_portal_columns.mt_periodical_published",
            )

    def _oa_render_pdf(self):
        """The PDF of the issue, rendered by wkhtmltopdf (also when tests
        run: the report needs no web assets, see ``oa_periodical_print``)."""
        self.ensure_one()
        pdf, kind = (
            self.env["ir.actions.report"]
            .sudo()
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, self.ids)
        )
        if kind != "pdf" or not pdf.startswith(b"%PDF"):
            raise UserError(
                self.env._(
                    "The PDF of %(issue)s could not be rendered.",
                    issue=self.display_name,
                )
            )
        return pdf

    def _oa_article_body(self):
        """The notice shows the contents; the issue itself is the PDF."""
        self.ensure_one()
        items = Markup("").join(
            Markup("<li>%s（%s）</li>")
            % (line.manuscript_id.name, line.manuscript_id.unit_id.name)
            for line in self.sudo().line_ids
        )
        intro = escape(
            self.env._(
                "%(issue)s, edited by %(unit)s; the full issue is the PDF " "attached.",
                issue=self.display_name,
                unit=self.unit_id.name,
            )
        )
        return Markup("<p>%s</p><ol>%s</ol>") % (intro, items)

    def _oa_publish_article(self, pdf):
        """A published notice addressed to the chosen units, requiring
        reading, with the PDF attached (owned by the notice: its audience
        rules protect it)."""
        self.ensure_one()
        issue = self.sudo()
        article = (
            self.env["oa.article"]
            .sudo()
            .create(
                {
                    "name": issue.display_name,
                    "body": issue._oa_article_body(),
                    "column_id": issue.column_id.id,
                    "author_id": self.env.uid,
                    "audience": "units",
                    "audience_unit_ids": [
                        fields.Command.set(issue.target_unit_ids.ids)
                    ],
                    "requires_read": True,
                }
            )
        )
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{issue.display_name}.pdf",
                    "raw": pdf,
                    "mimetype": "application/pdf",
                    "res_model": "oa.article",
                    "res_id": article.id,
                }
            )
        )
        article.write({"attachment_ids": [fields.Command.set(attachment.ids)]})
        article.action_publish()
        return article

    def action_open_article(self):
        self.ensure_one()
        if not self.article_id:
            raise UserError(self.env._("The issue is not published yet."))
        if not self.article_id.has_access("read"):
            raise AccessError(
                self.env._(
                    "%(issue)s is addressed to other units than yours: download "
                    "its PDF instead.",
                    issue=self.display_name,
                )
            )
        return self.article_id.action_open_reading()

    def action_add_accepted(self):
        """Append every accepted manuscript not yet compiled, oldest
        acceptance first."""
        self.ensure_one()
        self._oa_check_editor()
        self._oa_check_draft()
        manuscripts = self.env["oa.manuscript"].search(
            [("state", "=", "accepted"), ("periodical_id", "=", False)],
            order="accept_date, id",
        )
        if not manuscripts:
            raise UserError(self.env._("No accepted manuscript waits for an issue."))
        start = max(self.line_ids.mapped("sequence") or [0])
        self.env["oa.periodical.line"].create(
            [
                {
                    "periodical_id": self.id,
                    "manuscript_id": manuscript.id,
                    "sequence": start + index,
                }
                for index, manuscript in enumerate(manuscripts, start=1)
            ]
        )
        return True

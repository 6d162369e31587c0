# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .oa_assessment_rule import AMOUNT_GROUPS, month_first

# (title, width): the sheet is Chinese whatever the reader's language —
# finance files it as it is.
COLUMNS = [
    ("单位", 24),
    ("人员", 14),
    ("角色", 12),
    ("类别", 8),
    ("金额(元)", 12),
    ("事由", 60),
    ("考核通知单编号", 20),
]
ROLE_NAMES = {"admin": "系统管理员", "leader": "主管领导"}
KIND_NAMES = {"fine": "罚款", "reward": "嘉奖"}
AMOUNT_COL = 4


class ReportAssessmentFinanceXlsx(models.AbstractModel):
    """The month's approved fines and commendations for finance, one line
    per person and finding, a subtotal per unit and a grand total (formulas
    with their values, so the sheet reads right in Excel and in openpyxl)."""

    _name = "report.oa_assessment.report_assessment_finance_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Assessment Fines and Commendations (xlsx)"

    @api.model
    def _oa_rows(self, month):
        """The month's approved lines in one query: unit, person, role,
        kind, amount, reasons, notice number; sorted by unit.  Every fine
        names its person: a finding naming nobody (the unit names no one in
        the role) carries no amount and is not finance's."""
        lang = self.env.lang or "en_US"
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT COALESCE(d.name->>%(lang)s, d.name->>'en_US') AS unit_name,
                       p.name, l.role, l.kind, l.amount,
                       COALESCE(r.name->>%(lang)s, r.name->>'en_US'),
                       l.evidence, a.number, (
                           SELECT j.reason FROM oa_assessment_adjustment j
                            WHERE j.line_id = l.id ORDER BY j.id DESC LIMIT 1)
                  FROM oa_assessment_line l
                  JOIN oa_assessment a ON a.id = l.assessment_id
                  JOIN hr_department d ON d.id = a.unit_id
                  JOIN oa_assessment_rule r ON r.id = l.rule_id
                  LEFT JOIN res_users u ON u.id = l.user_id
                  LEFT JOIN res_partner p ON p.id = u.partner_id
                 WHERE a.month = %(month)s AND a.state = 'approved'
                   AND l.user_id IS NOT NULL
                 ORDER BY unit_name, a.id, l.kind, r.sequence, l.role, l.id
                """,
                lang=lang,
                month=month,
            )
        )
        return self.env.cr.fetchall()

    def generate_xlsx_report(self, workbook, data, objs):
        if not self.env.user.has_groups(AMOUNT_GROUPS):
            raise AccessError(
                self.env._("Only finance and the project group export the amounts.")
            )
        month = (data or {}).get("month") or (objs[:1].month if objs else False)
        if not month:
            raise UserError(self.env._("Choose the month to export."))
        month = month_first(month)
        rows = self._oa_rows(month)
        self._oa_write_sheet(workbook, month, rows)

    @api.model
    def _oa_write_sheet(self, workbook, month, rows):
        sheet = workbook.add_worksheet(f"{month.year}年{month.month}月")
        bold = workbook.add_format({"bold": True})
        title = workbook.add_format({"bold": True, "font_size": 14})
        head = workbook.add_format(
            {"bold": True, "bg_color": "#D9E1F2", "border": 1, "align": "center"}
        )
        money = workbook.add_format({"num_format": "#,##0.00"})
        money_bold = workbook.add_format({"num_format": "#,##0.00", "bold": True})
        sheet.write(
            0, 0, f"{month.year}年{month.month}月 协同办公考核罚款与嘉奖", title
        )
        for col, (name, width) in enumerate(COLUMNS):
            sheet.write(1, col, name, head)
            sheet.set_column(col, col, width)
        sheet.freeze_panes(2, 0)
        amount_letter = chr(ord("A") + AMOUNT_COL)
        row = 2
        grand = {"fine": 0.0, "reward": 0.0}
        unit, first, subtotal = None, row, 0.0

        def close_unit():
            nonlocal row
            sheet.write_string(row, 0, f"{unit} 小计", bold)
            sheet.write_formula(
                row,
                AMOUNT_COL,
                f"=SUBTOTAL(9,{amount_letter}{first + 1}:{amount_letter}{row})",
                money_bold,
                subtotal,
            )
            row += 1

        for name, person, role, kind, amount, rule, evidence, number, reason in rows:
            if name != unit:
                if unit is not None:
                    close_unit()
                unit, first, subtotal = name, row, 0.0
            amount = amount or 0.0
            reasons = f"{rule}:{evidence or ''}"
            if reason:
                reasons += f"(调整理由:{reason})"
            sheet.write_string(row, 0, name or "")
            sheet.write_string(row, 1, person or "")
            sheet.write_string(row, 2, ROLE_NAMES.get(role, role or ""))
            sheet.write_string(row, 3, KIND_NAMES.get(kind, kind or ""))
            sheet.write_number(row, AMOUNT_COL, amount, money)
            sheet.write_string(row, 5, reasons)
            sheet.write_string(row, 6, number or "")
            subtotal += amount
            grand[kind] = grand.get(kind, 0.0) + amount
            row += 1
        if unit is not None:
            close_unit()
        # grand totals per kind (the lines only: subtotal rows have no kind)
        last = max(row, 3)
        for kind in ("fine", "reward"):
            label = KIND_NAMES[kind]
            sheet.write_string(row, 0, f"{label}合计", bold)
            sheet.write_formula(
                row,
                AMOUNT_COL,
                f'=SUMIF(D3:D{last},"{label}",{amount_letter}3:{amount_letter}{last})',
                money_bold,
                grand[kind],
            )
            row += 1
        return row

# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.sql import create_index, escape_psql

_logger = logging.getLogger(__name__)

# GIN trigram indexes of the knowledge search (see readme/CONFIGURE.md: they
# help Chinese only where the database's ctype classifies CJK characters as
# letters, e.g. C.UTF-8 or zh_CN.UTF-8, not C or POSIX)
TRIGRAM_INDEXES = [
    ("oa_article_name_trgm_idx", "oa_article", "name", ""),
    ("oa_article_body_trgm_idx", "oa_article", "body", ""),
    (
        "oa_article_attachment_trgm_idx",
        "ir_attachment",
        "index_content",
        "res_model = 'oa.article'",
    ),
]
SEARCH_OPERATORS = ("ilike", "like", "not ilike", "not like")


class OaArticle(models.Model):
    _inherit = "oa.article"

    search_text = fields.Char(
        string="Title, Text or Attachment",
        compute="_compute_search_text",
        search="_search_search_text",
        help="Searches the title, the body and the text of the attachments.",
    )

    def init(self):
        """The partial index of the 待阅 lists, and the trigram indexes of
        the knowledge search when pg_trgm can be had (Odoo creates the
        extension with the databases it creates; the owner of the database
        may create it, it is a trusted extension)."""
        super().init()
        cr = self.env.cr
        # the few articles to be read, newest first, among tens of thousands
        # (bench/columns.py: the workbench's 待阅 went from 47 ms to 3 ms)
        create_index(
            cr,
            "oa_article_pending_read_idx",
            "oa_article",
            ["publish_date DESC", "id DESC"],
            where="requires_read AND state = 'published'",
        )
        try:
            with cr.savepoint(flush=False):
                cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except psycopg2.Error:
            _logger.info("pg_trgm unavailable: the knowledge search has no index")
            return
        for indexname, table, column, where in TRIGRAM_INDEXES:
            create_index(
                cr, indexname, table, [f'"{column}" gin_trgm_ops'], "gin", where
            )

    def _compute_search_text(self):
        self.search_text = False

    def _search_search_text(self, operator, value):
        """Title, body or attachment text contains ``value`` — one SQL
        condition: the ids of the matching articles and attachments, each
        found by its own (trigram) index."""
        if operator not in SEARCH_OPERATORS or not isinstance(value, str):
            raise UserError(
                self.env._(
                    "The knowledge search looks for a text in the articles; "
                    "“%(operator)s” is not supported.",
                    operator=operator,
                )
            )
        value = value.strip()
        if not value:
            return []
        self.env["ir.attachment"].flush_model(["res_model", "res_id", "index_content"])
        self.flush_model(["name", "body"])
        # A LIKE scan of many bodies is a costly plan, which PostgreSQL's JIT
        # (on by default) compiles first: 1.6 s instead of 0.64 s for a
        # two-character word in 50,000 articles (bench/columns.py).  Off for
        # the rest of this transaction (one request) only.
        self.env.cr.execute("SET LOCAL jit = off")
        # Chinese has no case: without a cased letter, LIKE finds the same
        # rows as ILIKE, three times faster on a scan (no lower() per row)
        insensitive = operator.endswith("ilike") and value.lower() != value.upper()
        like = SQL("ILIKE") if insensitive else SQL("LIKE")
        pattern = f"%{escape_psql(value)}%"
        matching = SQL(
            """(
            SELECT a.id FROM oa_article a WHERE a.name %(like)s %(pattern)s
             UNION
            SELECT a.id FROM oa_article a WHERE a.body %(like)s %(pattern)s
             UNION
            SELECT att.res_id FROM ir_attachment att
             WHERE att.res_model = 'oa.article' AND att.res_id IS NOT NULL
               AND att.index_content %(like)s %(pattern)s
            )""",
            like=like,
            pattern=pattern,
        )
        return [("id", "not in" if operator.startswith("not") else "in", matching)]


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def _index(self, bin_data, file_type, checksum=None):
        """Text files keep all their text: Odoo keeps only runs of ASCII
        characters, which drops every Chinese word.  UTF-8 first, then
        GB 18030 (which reads GBK and GB 2312, the usual encodings of Chinese
        text files saved on Windows)."""
        if bin_data and file_type and file_type.split("/")[0] == "text":
            for encoding in ("utf-8-sig", "gb18030"):
                try:
                    return bin_data.decode(encoding).replace("\x00", "")
                except UnicodeDecodeError:
                    continue
        return super()._index(bin_data, file_type, checksum=checksum)

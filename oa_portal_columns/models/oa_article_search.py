# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import re

import psycopg2
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.mail import html_to_inner_content
from odoo.tools.safe_eval import safe_eval
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
# the characters of a snippet before and after the match
SNIPPET_BEFORE = 40
SNIPPET_AFTER = 80
KNOWLEDGE_ACTION = "oa_portal_columns.oa_article_action_knowledge"


class OaArticle(models.Model):
    _inherit = "oa.article"

    search_text = fields.Char(
        string="Title, Text or Attachment",
        compute="_compute_search_text",
        search="_search_search_text",
        help="Searches the title, the body and the text of the attachments.",
    )
    search_snippet = fields.Html(
        string="Match",
        compute="_compute_search_snippet",
        compute_sudo=False,  # the user's rules: no snippet of what he may not read
        sanitize=False,  # escaped text and <mark>, built with Markup
        help="The text around the searched words, which are highlighted.",
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

    # per user too: the snippets of an article are his only if he may read it
    @api.depends_context("oa_search_term", "uid")
    def _compute_search_snippet(self):
        """Where the searched term (context ``oa_search_term``, set by
        ``web_search_read`` from the ``search_text`` condition) is: the text
        around its first occurrence in the body, else in an attachment, else
        the title, with the term in <mark>.

        In the user's environment: the articles he may not read get none
        (their body is never read), the attachments are read through their
        own rules.  One read of the bodies and one search of the attachments
        for all the records."""
        self.search_snippet = False
        term = (self.env.context.get("oa_search_term") or "").strip()
        articles = self._filtered_access("read") if term else self.browse()
        if not articles:
            return
        pattern = re.compile(re.escape(term), re.IGNORECASE)
        snippets = {}
        for article in articles:
            snippet = _snippet(html_to_inner_content(article.body or ""), pattern)
            if snippet:
                snippets[article.id] = snippet
        in_files = articles.filtered(lambda a: a.id not in snippets)
        if in_files:
            found = self.env["ir.attachment"].search_read(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", in_files.ids),
                    ("index_content", "ilike", term),
                ],
                ["res_id", "name", "index_content"],
                order="id",
            )
            for attachment in found:
                if attachment["res_id"] in snippets:
                    continue
                snippet = _snippet(attachment["index_content"] or "", pattern)
                if snippet:
                    snippets[attachment["res_id"]] = Markup(
                        '<span class="text-muted"><i class="fa fa-paperclip"></i> '
                        "%s</span> %s"
                    ) % (attachment["name"], snippet)
        for article in articles:
            article.search_snippet = snippets.get(article.id) or _snippet(
                article.name or "", pattern
            )

    @api.model
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        """The lists read the snippets of the term their search looks for
        (the ``search_text`` condition of the search bar)."""
        articles = self
        term = _searched_term(domain)
        if term != self.env.context.get("oa_search_term"):
            articles = self.with_context(oa_search_term=term)
        return super(OaArticle, articles).web_search_read(
            domain,
            specification,
            offset=offset,
            limit=limit,
            order=order,
            count_limit=count_limit,
        )

    @api.model
    def action_search_knowledge(self, term=""):
        """The Knowledge Centre searched for ``term`` (the workbench's
        search box): the term is a facet of the search bar, which the user
        sees and may change; each hit shows its snippet."""
        action = self.env["ir.actions.act_window"]._for_xml_id(KNOWLEDGE_ACTION)
        term = (term or "").strip()
        if term:
            context = safe_eval(action.get("context") or "{}")
            context["search_default_search_text"] = term
            action["context"] = context
        return action

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


def _searched_term(domain):
    """The text a domain searches in the knowledge (its first positive
    ``search_text`` condition), or False."""
    negated = False
    for leaf in domain or ():
        if leaf == "!":
            negated = True
            continue
        if (
            isinstance(leaf, list | tuple)
            and len(leaf) == 3
            and leaf[0] == "search_text"
            and leaf[1] in ("ilike", "like")
            and isinstance(leaf[2], str)
            and leaf[2].strip()
            and not negated
        ):
            return leaf[2].strip()
        negated = False
    return False


def _snippet(text, pattern):
    """The text around the first match of ``pattern`` in the plain
    ``text``, escaped, the match in <mark>; False without a match."""
    match = pattern.search(text)
    if not match:
        return False
    start = max(match.start() - SNIPPET_BEFORE, 0)
    end = match.end() + SNIPPET_AFTER
    before = ("…" if start else "") + text[start : match.start()].lstrip()
    after = text[match.end() : end].rstrip() + ("…" if end < len(text) else "")
    return Markup("%s<mark>%s</mark>%s") % tuple(
        re.sub(r"\s+", " ", part) for part in (before, match.group(), after)
    )


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

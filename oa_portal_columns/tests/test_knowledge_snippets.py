# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tools import mute_logger

from .common import OaColumnsCommon

LIST_SPEC = {"name": {}, "search_snippet": {}}


class TestKnowledgeSnippets(OaColumnsCommon):
    """The knowledge search shows where each hit matches — the text around
    the searched words, escaped, the words in <mark> — only for what the
    user may read; an empty search says so and what to do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        knowledge = cls.knowledge_a
        cls.by_body = cls._article(
            column=knowledge,
            name="后勤保障制度",
            body=(
                "<p>第一条 总则。</p>"
                "<p>员工出差的<b>住宿补贴标准</b>按职级执行，"
                "&lt;script&gt;alert(1)&lt;/script&gt; "
                "&lt;img src=x onerror=alert(2)&gt; 详见附表。</p>"
            ),
        )
        cls.by_title = cls._article(
            column=knowledge, name="公务用车管理规定", body="<p>见附件。</p>"
        )
        cls.by_file = cls._article(
            column=knowledge, name="会务管理", body="<p>见附件。</p>"
        )
        cls._attach(
            cls.by_file,
            "手册<img src=x>.txt",
            "第三条\n视频会议室预约须提前一天。".encode(),
        )
        # unit B's own knowledge: unit A may not read it, whatever it says
        cls.other_unit = cls._article(
            column=cls.env["oa.column"].search(
                [
                    ("unit_id", "=", cls.unit_b.id),
                    ("kind", "=", "knowledge"),
                    ("parent_id", "=", False),
                ]
            ),
            user=cls.admin_b,
            name="乙单位内部规定",
            body="<p>乙单位住宿补贴标准的机密上限为每晚九百元。</p>",
            audience="own",
        )

    @classmethod
    def _attach(cls, article, filename, content):
        attachment = cls.env["ir.attachment"].create(
            {
                "name": filename,
                "raw": content,
                "res_model": "oa.article",
                "res_id": article.id,
            }
        )
        article.with_user(cls.admin_a1).attachment_ids |= attachment
        return attachment

    def _search(self, term, user=None):
        """The list of the Knowledge Centre searched from its search bar,
        as the web client reads it: {id: snippet}."""
        Article = self.env["oa.article"].with_user(user or self.staff_a)
        result = Article.web_search_read(
            [
                ["kind", "=", "knowledge"],
                ["state", "=", "published"],
                ["search_text", "ilike", term],
            ],
            LIST_SPEC,
        )
        return {row["id"]: row["search_snippet"] for row in result["records"]}

    def test_snippet_around_the_body_match(self):
        snippet = self._search("住宿补贴标准")[self.by_body.id]
        self.assertIn("<mark>住宿补贴标准</mark>", snippet)
        # the text around the match, without the body's markup
        self.assertIn("员工出差的<mark>住宿补贴标准</mark>按职级执行", snippet)
        self.assertIn("第一条 总则。", snippet)
        self.assertNotIn("<b>", snippet)
        self.assertNotIn("<p>", snippet)

    def test_snippet_is_cut_around_the_match(self):
        article = self._article(
            column=self.knowledge_a,
            name="长文",
            body=f"<p>{'前' * 300}档案借阅须登记{'后' * 300}</p>",
        )
        snippet = self._search("档案借阅")[article.id]
        self.assertIn("<mark>档案借阅</mark>", snippet)
        self.assertIn("…", snippet)
        self.assertLess(len(snippet), 250)

    def test_snippet_escapes_the_text(self):
        """The body's text is text: what looks like markup in it is
        escaped, never rendered."""
        snippet = self._search("alert(1)")[self.by_body.id]
        self.assertIn("&lt;script&gt;<mark>alert(1)</mark>&lt;/script&gt;", snippet)
        snippet = self._search("onerror")[self.by_body.id]
        self.assertIn("&lt;img src=x <mark>onerror</mark>=alert(2)&gt;", snippet)
        for tag in ("<script", "<img"):
            self.assertNotIn(tag, snippet)

    def test_snippet_of_an_attachment(self):
        snippet = self._search("视频会议室")[self.by_file.id]
        self.assertIn("fa-paperclip", snippet)
        self.assertIn("手册&lt;img src=x&gt;.txt", snippet)
        self.assertIn("第三条 <mark>视频会议室</mark>预约须提前一天。", snippet)
        self.assertNotIn("<img", snippet)

    def test_snippet_of_a_title(self):
        snippet = self._search("公务用车")[self.by_title.id]
        self.assertIn("<mark>公务用车</mark>管理规定", snippet)

    def test_letters_whatever_their_case(self):
        article = self._article(
            column=self.knowledge_a, name="系统手册", body="<p>登录OA系统后修改密码</p>"
        )
        self.assertIn("<mark>OA系统</mark>", self._search("oa系统")[article.id])

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_no_hit_nor_snippet_of_an_unreadable_article(self):
        # unit B's reader finds it, with its snippet ...
        found_b = self._search("住宿补贴标准", self.staff_b)
        self.assertIn(
            "<mark>住宿补贴标准</mark>的机密上限", found_b[self.other_unit.id]
        )
        # ... unit A's finds only his own: no hit, no snippet
        found_a = self._search("住宿补贴标准")
        self.assertIn(self.by_body.id, found_a)
        self.assertNotIn(self.other_unit.id, found_a)
        self.assertNotIn("机密", "".join(s or "" for s in found_a.values()))
        # asked for it directly, in his environment: no snippet of it, and
        # the snippets of the articles he may read
        both = (self.other_unit | self.by_body).with_user(self.staff_a)
        both = both.with_context(oa_search_term="住宿补贴标准")
        self.assertFalse(both[0].search_snippet)
        self.assertIn("<mark>住宿补贴标准</mark>", both[1].search_snippet)

    def test_no_snippet_without_a_positive_search(self):
        Article = self.env["oa.article"].with_user(self.staff_a)
        for domain in (
            [["kind", "=", "knowledge"]],
            [["search_text", "not ilike", "住宿补贴标准"]],
            ["!", ["search_text", "ilike", "住宿补贴标准"]],
        ):
            rows = Article.web_search_read(domain, LIST_SPEC)["records"]
            with self.subTest(domain=domain):
                self.assertTrue(rows)
                self.assertFalse(any(row["search_snippet"] for row in rows))

    def test_snippets_in_a_constant_number_of_queries(self):
        """The bodies are read at once, the attachments searched at once:
        as many queries for six hits as for two."""
        in_bodies = self.env["oa.article"]
        in_files = self.env["oa.article"]
        for index in range(3):
            in_bodies |= self._article(
                column=self.knowledge_a,
                name=f"正文{index}",
                body=f"<p>第{index}条 电子印章申领流程</p>",
            )
            article = self._article(
                column=self.knowledge_a, name=f"附件{index}", body="<p>-</p>"
            )
            self._attach(article, f"{index}.txt", "电子印章申领流程".encode())
            in_files |= article

        def count(articles):
            articles = articles.with_user(self.staff_a).with_context(
                oa_search_term="电子印章申领"
            )
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            snippets = articles.mapped("search_snippet")
            self.assertTrue(all("<mark>电子印章申领</mark>" in s for s in snippets))
            return self.env.cr.sql_log_count - before

        count(in_bodies[0] | in_files[0])  # the caches of the rules
        self.assertEqual(count(in_bodies[1] | in_files[1]), count(in_bodies | in_files))

    def test_empty_search_says_so(self):
        """The Knowledge Centre (its menu, and the workbench's search box)
        says that nothing matched and what to do, and shows the searched
        words in its search bar."""
        Article = self.env["oa.article"].with_user(self.staff_a)
        self.assertFalse(self._search("查无此词的关键字"))
        action = Article.action_search_knowledge("  查无此词的关键字 ")
        self.assertEqual(
            action["id"],
            self.env.ref("oa_portal_columns.oa_article_action_knowledge").id,
        )
        self.assertEqual(
            action["context"]["search_default_search_text"], "查无此词的关键字"
        )
        self.assertTrue(action["context"]["oa_reading"])
        help_ = etree.fromstring(f"<div>{action['help']}</div>")
        [title] = help_.xpath("//p[contains(@class, 'o_view_nocontent_empty_folder')]")
        self.assertEqual(title.text, "Nothing found in the Knowledge Centre")
        self.assertIn(
            "No article you may read has the words you searched for",
            action["help"],
        )
        self.assertIn("remove the search", action["help"])
        # without words, the Knowledge Centre itself
        self.assertNotIn(
            "search_default_search_text", str(Article.action_search_knowledge(" "))
        )

    def test_list_shows_the_snippets(self):
        action = self.env["oa.article"].action_search_knowledge("印章")
        list_view_id = dict((mode, view) for view, mode in action["views"])["list"]
        arch = self.env["oa.article"].get_views([(list_view_id, "list")])["views"][
            "list"
        ]["arch"]
        self.assertIn('name="search_snippet"', arch)
        search = self.env["oa.article"].get_views([(False, "search")])["views"][
            "search"
        ]["arch"]
        self.assertIn('name="search_text"', search)

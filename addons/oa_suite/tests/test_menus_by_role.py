# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Menus by role (issue 19): each demo role sees the menus it can use, and
only those.

The menus are those the web client shows (``ir.ui.menu.load_menus``, walked
from the app roots as the client does), and every leaf is opened the way the
client opens it: the action's views, then its first view's records with the
action's domain, context and default filters."""

from lxml import etree

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import datetime, dateutil, safe_eval, time

# The demo user of each role (addons/oa_base/demo/res_users_demo.xml,
# addons/oa_security/demo/res_users_demo.xml); the supervision officer has
# no demo user and is created by the test.
ROLE_USERS = {
    "staff": "oa_base.user_sunxiaoyan_demo",
    "clerk": "oa_base.user_liufang_demo",
    "seal_keeper": "oa_base.user_yangyang_demo",
    "unit_admin": "oa_base.user_wangjianguo_demo",
    "leader": "oa_base.user_zhouzhenghua_demo",
    "project": "oa_base.user_songtao_demo",
    "finance": "oa_base.user_yuanfangfang_demo",
    "info_editor": "oa_base.user_lixiuying_demo",
    "sysadmin": "oa_security.user_zhaojianjun_demo",
    "secadmin": "oa_security.user_qianlijuan_demo",
    "auditor": "oa_security.user_sunzhiyuan_demo",
}
# Roles holding no OA management duty: they handle their own work only.
PLAIN_ROLES = (
    "staff",
    "clerk",
    "seal_keeper",
    "supervisor",
    "sysadmin",
    "secadmin",
    "auditor",
)

# Management menus the issue reported to plain staff (文章管理, 栏目, 推进计划,
# 月度考核, 通报批评, 公文时效), and their siblings of the same kind.
MANAGEMENT_MENUS = {
    "oa_portal_columns.oa_article_menu_manage": "文章管理",
    "oa_portal_columns.oa_column_menu": "栏目",
    "oa_assessment.oa_rollout_menu": "推进计划",
    "oa_assessment.oa_assessment_menu": "月度考核",
    "oa_assessment.oa_assessment_criticism_menu": "通报批评",
    "oa_document.oa_document_step_menu_report": "公文时效",
    "oa_portal_columns.oa_article_read_menu": False,
    "oa_portal_columns.oa_column_menu_stale": False,
    "oa_base.hr_department_menu_oa_unit": False,
}

# Lists plain staff may read but not write, that are still their work: the
# training batches they attend, train or examine, and their theory attempts.
# (A list of one's own records, an action domain on ``uid``, is one too.)
STAFF_READING_MENUS = {
    "oa_training.oa_training_batch_menu",
    "oa_training_survey.survey_user_input_menu_oa_training",
}

# What each role needs (against over-hiding).
MUST_SEE = {
    "staff": [
        "oa_portal_columns.oa_workbench_menu",
        "oa_document.oa_document_menu_todo",
        "oa_document.oa_document_menu_my",
        "oa_portal_columns.oa_article_menu_notice",
        "oa_portal_columns.oa_manuscript_menu_mine",
        "oa_training.oa_training_enrolment_menu_my",
        "oa_base.oa_proxy_menu",
    ],
    "clerk": ["oa_document.oa_document_incoming_menu"],
    "supervisor": ["oa_document.oa_supervision_menu"],
    "unit_admin": [
        "oa_base.hr_department_menu_oa_unit",
        "oa_base.res_users_menu_oa",
        "oa_portal_columns.oa_article_menu_manage",
        "oa_portal_columns.oa_article_read_menu",
        "oa_portal_columns.oa_column_menu",
        "oa_assessment.oa_rollout_task_menu",
        "oa_assessment.oa_assessment_menu",
        "oa_assessment.oa_assessment_criticism_menu",
        "oa_assessment.oa_assessment_dashboard_menu",
        "oa_document.oa_document_step_menu_report",
    ],
    "leader": [
        "oa_assessment.oa_rollout_task_menu",
        "oa_assessment.oa_assessment_menu",
        "oa_assessment.oa_assessment_criticism_menu",
        "oa_document.oa_document_step_menu_report",
        "oa_training.oa_training_rate_menu",
    ],
    "project": [
        "oa_base.res_groups_menu_oa",
        "oa_assessment.oa_assessment_run_wizard_menu",
        "oa_assessment.oa_assessment_rule_menu",
        "oa_document.oa_document_archive_check_menu",
    ],
    "finance": [
        "oa_assessment.oa_assessment_menu",
        "oa_assessment.oa_assessment_export_wizard_menu",
    ],
    "info_editor": [
        "oa_portal_columns.oa_manuscript_menu_review",
        "oa_portal_columns.oa_periodical_menu",
    ],
    "sysadmin": ["oa_base.oa_menu_settings"],
    "secadmin": ["oa_security.oa_login_lockout_menu"],
    "auditor": ["oa_security.oa_audit_log_menu"],
}

# How the suite's client actions load: the call their component makes.
CLIENT_ENTRY_POINTS = {
    "oa_portal_columns.workbench": ("oa.workbench", "get_data"),
    "oa_assessment.dashboard": ("oa.assessment.dashboard", "get_data"),
}

RELATIONAL = ("many2one", "one2many", "many2many", "many2one_reference")


@tagged("post_install", "-at_install")
class TestMenusByRole(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {role: cls.env.ref(xmlid) for role, xmlid in ROLE_USERS.items()}
        cls.users["supervisor"] = new_test_user(
            cls.env,
            login="oa_menus_supervisor",
            groups="oa_document.group_oa_supervisor",
            oa_unit_id=cls.env.ref("oa_base.oa_unit_office_demo").id,
        )

    # ---- helpers ----

    def _menus(self, user, lang=None):
        """{xmlid or id: menu} of the menus the web client shows ``user``:
        those reachable from the app roots."""
        Menu = self.env["ir.ui.menu"].with_user(user)
        if lang:
            Menu = Menu.with_context(lang=lang)
        data = Menu.load_menus(debug=False)
        menus, todo = {}, list(data["root"]["children"])
        while todo:
            menu = data[todo.pop()]
            menus[menu["xmlid"] or menu["id"]] = menu
            todo.extend(menu["children"])
        return menus

    def _keys(self, user):
        return set(self._menus(user))

    def _granted(self, xmlid):
        """Is the menu (or a folder above it) restricted to some groups
        beyond every OA user's?"""
        everyone = self.env.ref("oa_base.group_oa_user") | self.env.ref(
            "base.group_user"
        )
        menu = self.env.ref(xmlid)
        while menu:
            if menu.groups_id - everyone:
                return True
            menu = menu.parent_id
        return False

    def _leaves(self, user):
        for key, menu in self._menus(user).items():
            if menu["children"] or not menu["action"]:
                continue
            model, res_id = menu["action"].split(",")
            yield key, self.env[model].browse(int(res_id))

    def _eval_context(self, user, context=None):
        return {
            "uid": user.id,
            "context": context or {},
            "context_today": datetime.date.today,
            "current_date": time.strftime("%Y-%m-%d"),
            "datetime": datetime,
            "relativedelta": dateutil.relativedelta.relativedelta,
            "time": time,
            "allowed_company_ids": user.company_ids.ids,
            "active_id": False,
            "active_ids": [],
            "active_model": False,
        }

    def _spec(self, arch, fields):
        """The fields the client reads for ``arch`` (not those of sub-views)."""
        spec = {}
        for node in arch.iter("field"):
            name = node.get("name")
            if name not in fields or any(
                p.tag == "field" for p in node.iterancestors()
            ):
                continue
            if fields[name]["type"] in RELATIONAL:
                spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        return spec

    def _open_window(self, user, action):
        """Open a window action as the web client does, as ``user``."""
        values = action.sudo()._get_action_dict()
        model = values["res_model"]
        Model = self.env[model].with_user(user)
        self.assertTrue(Model.has_access("read"), f"cannot read {model}")
        eval_context = self._eval_context(user)
        context = safe_eval(values.get("context") or "{}", eval_context)
        Model = Model.with_context(**context)
        search_view = values.get("search_view_id")
        views = [[view_id or False, kind] for view_id, kind in values["views"]]
        views.append([search_view and search_view[0] or False, "search"])
        result = Model.get_views(views, {"toolbar": True, "load_filters": True})
        fields = result["models"][model]["fields"]
        first = values["views"][0][1]
        arch = etree.fromstring(result["views"][first]["arch"])
        spec = self._spec(arch, fields)
        if first == "form" or values.get("target") == "new":
            if values.get("res_id"):
                Model.browse(values["res_id"]).web_read(spec)
            else:
                self.assertTrue(Model.has_access("create"), f"cannot create {model}")
                Model.onchange({}, [], spec)
            return
        eval_context["context"] = context
        domain = list(safe_eval(values.get("domain") or "[]", eval_context))
        search_arch = etree.fromstring(result["views"]["search"]["arch"])
        for node in search_arch.iter("filter"):
            if context.get(f"search_default_{node.get('name')}") and node.get("domain"):
                domain += safe_eval(node.get("domain"), eval_context)
        if first in ("pivot", "graph"):
            groupby = [
                node.get("name")
                for node in arch.iter("field")
                if node.get("type") in ("row", "col") and node.get("name") in fields
            ]
            Model.read_group(domain, ["__count"], groupby[:1], lazy=True)
        else:
            Model.web_search_read(domain, spec, limit=80)

    def _open(self, user, action):
        if action._name == "ir.actions.act_window":
            self._open_window(user, action)
        elif action._name == "ir.actions.client":
            xmlid = action.get_external_id()[action.id]
            if xmlid.startswith("oa_"):
                self.assertIn(
                    action.tag,
                    CLIENT_ENTRY_POINTS,
                    f"tell this test how the client action {xmlid} loads",
                )
            if action.tag in CLIENT_ENTRY_POINTS:
                model, method = CLIENT_ENTRY_POINTS[action.tag]
                getattr(self.env[model].with_user(user), method)()
        elif action._name == "ir.actions.server":
            self.assertTrue(
                self.env[action.model_name].with_user(user).has_access("read")
            )

    # ---- tests ----

    def test_every_visible_menu_opens(self):
        """No role is offered a menu that answers with an access error."""
        for role, user in self.users.items():
            for key, action in self._leaves(user):
                with self.subTest(role=role, menu=key), self.env.cr.savepoint():
                    self._open(user, action)

    def test_each_role_sees_its_menus(self):
        for role, xmlids in MUST_SEE.items():
            menus = self._keys(self.users[role])
            for xmlid in xmlids:
                with self.subTest(role=role, menu=xmlid):
                    self.assertIn(xmlid, menus)

    def test_plain_staff_see_no_management_menu(self):
        """Staff, clerks, seal keepers, supervision officers and the 三员
        see none of the management menus, and no other list they may only
        read unless it is their own records."""
        zh_cn = self.env["res.lang"]._lang_get("zh_CN")
        for role in PLAIN_ROLES:
            user = self.users[role]
            menus = self._keys(user)
            for xmlid in MANAGEMENT_MENUS:
                with self.subTest(role=role, menu=xmlid):
                    self.assertNotIn(xmlid, menus)
            if zh_cn and zh_cn.active:
                names = {m["name"] for m in self._menus(user, lang="zh_CN").values()}
                for name in filter(None, MANAGEMENT_MENUS.values()):
                    with self.subTest(role=role, menu=name):
                        self.assertNotIn(name, names)
            for key, action in self._leaves(user):
                if (
                    not isinstance(key, str)
                    or not key.startswith("oa_")
                    or action._name != "ir.actions.act_window"
                    or self.env[action.res_model]._transient
                    or key in STAFF_READING_MENUS
                    or "uid" in (action.domain or "")
                    or self._granted(key)
                ):
                    continue
                Model = self.env[action.res_model].with_user(user)
                with self.subTest(role=role, menu=key):
                    self.assertTrue(
                        Model.has_access("write") or Model.has_access("create"),
                        f"a read-only list of {action.res_model}: a management menu?",
                    )

    def test_settings_menus_only_for_who_writes_settings(self):
        """配置/设置: a menu opening the settings shows only to whom may write
        them (the system administrator), and he finds it in the suite too."""
        for role, user in self.users.items():
            writer = self.env["res.config.settings"].with_user(user).has_access("write")
            settings_menus = [
                key
                for key, action in self._leaves(user)
                if action._name == "ir.actions.act_window"
                and action.res_model == "res.config.settings"
            ]
            with self.subTest(role=role):
                if writer:
                    self.assertIn("oa_base.oa_menu_settings", settings_menus)
                else:
                    self.assertFalse(settings_menus)
                if not (writer or user.has_group("oa_base.group_oa_project")):
                    self.assertNotIn("oa_base.oa_menu_configuration", self._keys(user))
        self.assertNotIn("oa_base.oa_menu_settings", self._keys(self.users["project"]))

    def test_column_publishers_manage_their_articles(self):
        """文章管理 and the read receipts show to a plain user once he
        publishes in a column, and no longer when he stops."""
        user = self.users["staff"]
        manage = "oa_portal_columns.oa_article_menu_manage"
        receipts = "oa_portal_columns.oa_article_read_menu"
        column = self.env["oa.column"].search(
            [("unit_id", "=", user.oa_unit_id.id)], limit=1
        )
        self.assertTrue(column)
        self.assertNotIn(manage, self._keys(user))
        column.publisher_ids = [Command.link(user.id)]
        menus = self._keys(user)
        self.assertIn(manage, menus)
        self.assertIn(receipts, menus)
        for key, action in self._leaves(user):
            if key in (manage, receipts):
                self._open(user, action)
        column.publisher_ids = [Command.unlink(user.id)]
        self.assertNotIn(manage, self._keys(user))

    def test_paper_copy_button_only_for_the_unit_clerks(self):
        """已寄送纸质文件: the leader reviewing a document is not offered to
        record its paper copy; the document clerk of the issuing unit is, and
        the field shows once the copy is sent."""
        unit = self.env.ref("oa_base.oa_unit_agri_demo")
        clerk_group = self.env.ref("oa_base.group_oa_document_clerk")
        drafter = unit.oa_user_ids.filtered(
            lambda u: u not in unit.oa_admin_ids
            and u != unit.oa_leader_id
            and clerk_group not in u.groups_id
        )[:1]
        self.assertTrue(drafter)
        doc = (
            self.env["oa.document"]
            .with_user(drafter)
            .create(
                {
                    "name": "关于纸质文件同步报送的说明",
                    "issuing_unit_id": unit.id,
                    "main_unit_ids": [
                        Command.set(self.env.ref("oa_base.oa_unit_office_demo").ids)
                    ],
                    "body": "<p>请各单位认真贯彻执行。</p>",
                }
            )
        )
        doc.action_submit()
        self.assertEqual(doc.state, "review")
        leader = doc.sudo().current_step_ids.user_ids.filtered(
            lambda u: u.has_group("oa_base.group_oa_leader")
        )[:1]
        self.assertTrue(leader)
        clerk = unit._oa_role_users("clerk")[:1] or new_test_user(
            self.env,
            login="oa_menus_clerk",
            groups="oa_base.group_oa_document_clerk",
            oa_unit_id=unit.id,
        )

        def form(user):
            arch = doc.with_user(user).get_views([(False, "form")])["views"]["form"][
                "arch"
            ]
            return etree.fromstring(arch)

        def field_shown(user):
            node = form(user).xpath("//field[@name='paper_sent']")[0]
            invisible = node.get("invisible") or "False"
            return not safe_eval(invisible, {"paper_sent": doc.paper_sent})

        button = "//button[@name='action_record_paper_sent']"
        for user in (leader, drafter):
            with self.subTest(user=user.login):
                self.assertFalse(form(user).xpath(button))
                self.assertFalse(field_shown(user))
        self.assertTrue(form(clerk).xpath(button))
        self.assertTrue(doc.with_user(clerk).oa_can_record_paper)
        doc.with_user(clerk).action_record_paper_sent()
        self.assertTrue(doc.paper_sent)
        self.assertTrue(field_shown(leader))

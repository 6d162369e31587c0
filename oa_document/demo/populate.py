# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo documents in every state, moved by the demo users exactly as they
would click (run by the post-install hook when demo data is loaded; never
part of the production models)."""

import base64
import io
import math
from datetime import timedelta

from PIL import Image, ImageDraw, ImageFont

from odoo import fields

from odoo.addons.oa_base.tools.seal import unit_full_name

SEAL_FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"

# (title, issuing unit, receiving units, state to reach)
DEMO_DOCUMENTS = [
    (
        "关于集团公司协同办公系统上线运行方案的通知",
        "office",
        ["party", "hr", "tech", "it", "stock_office", "agri"],
        "archived",
    ),
    (
        "关于开展协同办公系统上机操作考试的通知",
        "hr",
        ["office", "party", "tech", "it"],
        "distributed",
    ),
    (
        "关于做好协同办公系统试运行期间信息安全工作的通知",
        "office",
        ["hr", "it"],
        "distributed",
    ),
    (
        "信息技术中心关于接入集团骨干网的工作安排",
        "it",
        ["subsidiary", "factory"],
        "distribute",
    ),
    ("关于报送第一季度信息稿件的通知", "office", ["stock_office", "agri"], "seal"),
    ("科技发展部2026年科研项目申报简报", "tech", ["office"], "number"),
    ("党群工作部关于召开专题会议的通知", "party", ["office", "hr"], "sign"),
    ("股份总经办关于规范电子公文流转的通知", "stock_office", ["agri"], "check"),
    (
        "农装事业部关于试运行期间纸质文件同步报送的说明",
        "agri",
        ["stock_office"],
        "review",
    ),
    ("关于建立系统备份机制和灾难恢复机制的方案(草稿)", "it", ["office"], "draft"),
]


def populate_demo(env):
    ref = env.ref
    Document = env["oa.document"]
    # every unit names a document clerk and a seal keeper (落实专人负责电子
    # 公文的接收、发送及电子公章的使用): here, its first administrator
    roles = ref("oa_base.group_oa_document_clerk") | ref("oa_base.group_oa_seal_keeper")
    units = env["hr.department"].search([("is_oa_unit", "=", True)])
    for unit in units:
        unit.oa_admin_ids[:1].write(
            {"groups_id": [fields.Command.link(group.id) for group in roles]}
        )
        if not unit.oa_seal_image:
            unit.oa_seal_image = demo_seal(unit_full_name(unit))
    for title, unit_key, receivers, target in DEMO_DOCUMENTS:
        unit = ref(f"oa_base.oa_unit_{unit_key}_demo")
        drafter = (
            unit.oa_user_ids.filtered(
                lambda u, unit=unit: u not in unit.oa_admin_ids
                and u != unit.oa_leader_id
            )[:1]
            or unit.oa_admin_ids[:1]
        )
        doc = Document.with_user(drafter).create(
            {
                "name": title,
                "issuing_unit_id": unit.id,
                "main_unit_ids": [
                    fields.Command.set(
                        [ref(f"oa_base.oa_unit_{key}_demo").id for key in receivers]
                    )
                ],
                "body": f"<p>{title}。请各单位认真贯彻执行。</p>",
                "urgency": "urgent" if "通知" in title else "normal",
            }
        )
        if target == "draft":
            continue
        doc.with_user(drafter).action_submit()
        while doc.state != target and doc.state != "distributed":
            actor = doc.sudo().current_step_ids.user_ids.filtered(
                lambda u, doc=doc: doc.with_user(u).can_act
            )[:1]
            doc.with_user(actor).action_approve(opinion="同意")
        if target == "archived":
            doc.with_user(drafter).action_archive_document()
            _handle_receipts(doc.incoming_ids[:2])
    # a step waiting for too long: visible as overdue
    late = Document.search([("state", "=", "review")], limit=1).current_step_ids
    late.write(
        {
            "date_start": fields.Datetime.now() - timedelta(days=3),
            "date_deadline": fields.Datetime.now() - timedelta(days=2),
        }
    )
    first = Document.search([("state", "=", "archived")], limit=1)
    env["oa.supervision"].create(
        [
            {
                "name": "报送本单位试运行情况",
                "document_id": first.id,
                "requirement": "请于期限内报送本单位协同办公系统试运行情况及存在问题。",
                "unit_id": ref("oa_base.oa_unit_agri_demo").id,
                "date_deadline": fields.Date.today() + timedelta(days=1),
            },
            {
                "name": "完成本单位内部流程设置",
                "requirement": "系统管理员培训后两周内完成本单位内部流程的设计和设置。",
                "unit_id": ref("oa_base.oa_unit_factory_demo").id,
                "date_deadline": fields.Date.today() - timedelta(days=3),
                "state": "overdue",
            },
        ]
    )


def _handle_receipts(receipts):
    """Take demo receipts through receipt, proposal and instruction."""
    for inc in receipts:
        unit = inc.unit_id
        clerk = (unit._oa_role_users("clerk") | unit._oa_role_users("admin"))[:1]
        as_clerk = inc.with_user(clerk)
        as_clerk.action_receive()
        as_clerk.write({"leader_id": unit.oa_leader_id.id})
        as_clerk.action_propose("拟请主管领导阅示后办理。")
        as_leader = inc.with_user(unit.oa_leader_id)
        as_leader.write(
            {"handler_ids": [fields.Command.set(unit.oa_admin_ids[:1].ids)]}
        )
        as_leader.action_instruct("请认真组织落实。")


def demo_seal(name):
    """A round red demo seal with ``name`` along the ring (base64 PNG)."""
    size = 400
    red = (220, 0, 0, 235)
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), outline=red, width=14)
    centre = size / 2
    star = []
    for i in range(10):
        angle = -math.pi / 2 + i * math.pi / 5
        radius = 70 if i % 2 == 0 else 27
        star.append(
            (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
        )
    draw.polygon(star, fill=red)
    try:
        font = ImageFont.truetype(SEAL_FONT, 44)
    except OSError:
        font = ImageFont.load_default()
    span = math.radians(min(250, 25 * len(name)))
    start = -math.pi / 2 - span / 2
    for i, char in enumerate(name):
        angle = start + span * i / max(len(name) - 1, 1)
        x = centre + (centre - 62) * math.cos(angle)
        y = centre + (centre - 62) * math.sin(angle)
        glyph = Image.new("RGBA", (60, 60), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((30, 30), char, font=font, fill=red, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.BICUBIC)
        image.alpha_composite(glyph, (int(x - 30), int(y - 30)))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return base64.b64encode(out.getvalue())

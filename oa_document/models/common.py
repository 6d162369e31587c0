# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Vocabulary shared by the document models (labels are translated through
the selection fields that use them)."""

from odoo.exceptions import UserError


def selection_label(model, field, value):
    """The label of a selection value, in the user's language."""
    return dict(model._fields[field]._description_selection(model.env)).get(
        value, value
    )


def step_label(env, step_type):
    """The label of an outgoing document's step type, in the user's
    language (the flow designer's selection)."""
    return selection_label(env["oa.document.flow.step"], "step_type", step_type)


KINDS = [
    ("formal", "Formal Document"),
    ("announcement", "Announcement"),
    ("meeting", "Meeting Notice"),
    ("briefing", "Briefing"),
    ("arrangement", "Work Arrangement"),
    ("supervision", "Supervision Notice"),
    ("feedback", "Supervision Feedback"),
]

# Word inserted after the unit's short name in the document number, e.g.
# 集团办〔2026〕12号 (formal) or 集团办督〔2026〕3号 (supervision notice).
KIND_NUMBER_WORD = {
    "formal": "",
    "announcement": "告",
    "meeting": "会",
    "briefing": "简",
    "arrangement": "安",
    "supervision": "督",
    "feedback": "督反",
}

URGENCIES = [
    ("normal", "Normal"),
    ("urgent", "Urgent"),
    ("very_urgent", "Very Urgent"),
]

CLASSIFICATIONS = [
    ("public", "Public"),
    ("internal", "Internal"),
    ("secret", "Secret"),
    ("confidential", "Confidential"),
    ("top_secret", "Top Secret"),
]
# Classified documents never enter the system: they go on paper.
CLASSIFIED = ("secret", "confidential", "top_secret")

STEP_TYPES = [
    ("review", "Review"),
    ("countersign", "Countersign"),
    ("check", "Office Check"),
    ("sign", "Sign-off"),
    ("number", "Numbering"),
    ("seal", "Seal"),
    ("distribute", "Distribution"),
]

# The steps at which the actor writes an opinion, asked for in a dialog
# (审核意见、会签意见、签发意见); the incoming side has 拟办 and 批办.
OPINION_STEPS = ("review", "countersign", "sign")
OPINION_MAX_LENGTH = 2000


def clean_opinion(env, opinion):
    """An opinion sent over RPC (审核/签发/拟办/批办): a text of at most
    ``OPINION_MAX_LENGTH`` characters once stripped, or False."""
    if opinion in (None, False):
        return False
    if not isinstance(opinion, str):
        raise UserError(env._("The opinion must be a text."))
    opinion = opinion.strip()
    if len(opinion) > OPINION_MAX_LENGTH:
        raise UserError(
            env._(
                "The opinion is too long (%(length)s characters, at most %(max)s).",
                length=len(opinion),
                max=OPINION_MAX_LENGTH,
            )
        )
    return opinion or False


def holders_text(env, users, proxies_by_user):
    """The names of ``users``, each with the proxies acting for him now:
    "张三 (proxy: 李四)"."""
    parts = []
    for user in users:
        proxies = proxies_by_user.get(user.id) or env["res.users"]
        if proxies:
            parts.append(
                env._(
                    "%(user)s (proxy: %(proxies)s)",
                    user=user.name,
                    proxies=", ".join(proxies.mapped("name")),
                )
            )
        else:
            parts.append(user.name)
    return ", ".join(parts)


def flow_ended_text(env):
    return env._("Nobody: the flow has ended")


def action_notice(record, what, holders):
    """The notification shown to the actor after his action: what he did
    (its title) and who holds the record now, or that its flow has ended;
    the form reloads to show its new state."""
    env = record.env
    rec = record.sudo()
    state = selection_label(rec, "state", rec.state)
    if holders:
        message = env._(
            "“%(title)s” is now at the stage %(state)s, held by %(holders)s.",
            title=rec.name,
            state=state,
            holders=holders,
        )
    else:
        message = env._(
            "“%(title)s” is now %(state)s: the flow has ended.",
            title=rec.name,
            state=state,
        )
    return {
        "type": "ir.actions.client",
        "tag": "display_notification",
        "params": {
            "type": "success",
            "title": what,
            "message": message,
            "next": {"type": "ir.actions.client", "tag": "soft_reload"},
        },
    }


def search_holders_domain(model, operator, value, candidates):
    """Domain of the ``holder_ids`` search of ``model``: ``candidates``
    (a domain) narrows the records to check, then their holders are
    computed in one batch."""
    Users = model.env["res.users"].sudo()
    if operator in ("ilike", "like", "=ilike", "not ilike"):
        users = Users.search([("name", operator.replace("not ", ""), value)])
        positive = not operator.startswith("not")
    elif operator in ("in", "=", "not in", "!="):
        if value is False or value is None:
            raise NotImplementedError(operator)
        ids = value if isinstance(value, list | tuple) else [value]
        users = Users.browse([i for i in ids if isinstance(i, int)])
        positive = operator in ("in", "=")
    else:
        raise NotImplementedError(operator)
    records = model.sudo().search(candidates(users)) if users else model.browse()
    held = records.filtered(lambda r: r.holder_ids & users)
    return [("id", "in" if positive else "not in", held.ids)]

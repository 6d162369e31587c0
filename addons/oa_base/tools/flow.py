# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The guard of the flow-owned fields of a model ("only the flow moves a
record"): its transitions write them as superuser; anyone else's create or
write that sets one is refused with the model's own message."""


def protected_fields_touched(records, vals):
    """The labels, in the user's language, of the fields of
    ``records._oa_protected_fields()`` that ``vals`` sets, joined for a
    message; empty for the superuser (the transitions)."""
    if records.env.su:
        return ""
    names = [name for name in records._oa_protected_fields() if name in vals]
    return ", ".join(
        records._fields[name]._description_string(records.env) for name in names
    )

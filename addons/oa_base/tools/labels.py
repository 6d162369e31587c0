# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Field labels inside a sentence, as the reader's language writes a list:
“状态”、“采用时间” in Chinese, “State”, “Accepted On” otherwise."""


def field_labels(records, names):
    env = records.env
    labels = [
        f"“{records._fields[name]._description_string(env)}”" for name in sorted(names)
    ]
    separator = "、" if (env.lang or "").startswith("zh") else ", "
    return separator.join(labels)

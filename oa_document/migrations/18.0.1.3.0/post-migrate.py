# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The subtype of the flow's intermediate moves (review, countersign, check,
numbering, seal) is no longer called an approval: its name and the
description the chatter shows above each step's message are renewed from
the data file's words and the module's translations (the subtypes are
``noupdate``)."""

from odoo import SUPERUSER_ID, api
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationImporter

XMLID = "oa_document.mt_document_approved"
VALUES = {
    "name": "Document Step Passed",
    "description": "The document passed a step of its flow, with the opinion written.",
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    subtype = env.ref(XMLID, raise_if_not_found=False)
    if not subtype:
        return
    subtype.with_context(lang="en_US").write(VALUES)
    langs = [code for code, _name in env["res.lang"].get_installed() if code != "en_US"]
    importer = TranslationImporter(cr, verbose=False)
    for lang in langs:
        try:
            path = file_path(f"oa_document/i18n/{lang}.po")
        except FileNotFoundError:
            continue
        importer.load_file(path, lang, xmlids=[XMLID])
    importer.save(force_overwrite=True)

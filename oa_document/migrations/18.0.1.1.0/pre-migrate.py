# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The flow designer names the unit administrators' role "admin", as every
other role lookup of the suite does (it was "admins")."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("UPDATE oa_document_flow_step SET role = 'admin' WHERE role = 'admins'")

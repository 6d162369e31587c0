# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OA Flow Kernel Example (tests)",
    "summary": "A new flow in 40 lines: what oa.flow.mixin gives a model",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "author": "Group OA Suite contributors",
    "website": "https://github.com/group-oa/oa-suite",
    "license": "AGPL-3",
    "depends": ["oa_base"],
    "data": ["security/ir.model.access.csv"],
    "installable": True,
}

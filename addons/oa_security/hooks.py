# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Where the audit trail sees what users do through the RPC layer.

Every button and every RPC call reaches the models through one function,
``odoo.api.call_kw``: ``/web/dataset/call_button`` and ``/web/dataset/call_kw``
(the web client; ``odoo.addons.web.controllers.dataset`` imported it by name)
and ``object.execute``/``execute_kw`` over ``/jsonrpc``, ``/xmlrpc`` and
``/xmlrpc/2`` (``odoo.service.model.execute_cr``).  No model method sits
between the dispatch and the method called, and wrapping the ``action_*``
methods themselves would also log every call made by server code (crons,
one action calling another, the tests' direct calls) and count the trail in
every flow's query budget: the trail records the user's request, so it is
hooked where the request reaches the models.

The wrapper installed here is a thin, process-wide shim: in a database
without this module (no ``oa.audit.log`` model) or in superuser mode (data
files' ``<function>``, which also use ``call_kw``) it calls Odoo's function
and nothing else; otherwise it hands the call to the model method
``oa.audit.log._oa_audit_call`` (models/oa_audit_call.py), which decides
what to record and can be overridden like any model method.
"""

import odoo.api

_ORIGINAL = "_oa_audit_original"


def _audited_call_kw(call_kw):
    def call_kw_audited(model, name, args, kwargs):
        env = model.env
        if env.su or "oa.audit.log" not in env.registry:
            return call_kw(model, name, args, kwargs)
        return env["oa.audit.log"]._oa_audit_call(call_kw, model, name, args, kwargs)

    setattr(call_kw_audited, _ORIGINAL, call_kw)
    call_kw_audited.__doc__ = call_kw.__doc__
    return call_kw_audited


def post_load():
    """Install the audited ``call_kw`` (once per process)."""
    from odoo.addons.web.controllers import dataset

    current = odoo.api.call_kw
    if hasattr(current, _ORIGINAL):
        return
    audited = _audited_call_kw(current)
    odoo.api.call_kw = audited
    if dataset.call_kw is current:
        dataset.call_kw = audited


def original_call_kw():
    """Odoo's own ``call_kw``, without the trail (benchmarks)."""
    return getattr(odoo.api.call_kw, _ORIGINAL, odoo.api.call_kw)

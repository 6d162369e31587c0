# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the trail records of buttons and RPC calls (hooks.py hands every
``call_kw`` of a user here):

- ``flow``: a public ``action_*`` method of an ``oa.*`` model (documents,
  receipts, supervision, articles, manuscripts, training batches, roll-out
  tasks, assessments, and their dialogs), one row per record it moved, with
  whom the user acted for when he acted as a proxy (公文代办);
- ``api``: a call over XML-RPC or JSON-RPC (``object.execute_kw``,
  authenticated by password or API key) of a method that may write; calls of
  read methods are not recorded;
- ``export``: the list view's export of a suite record or a user
  (``export_data``, models/base.py) and the xlsx reports of suite records
  (models/ir_actions_report.py).

A refusal (``UserError``, ``AccessError``) leaves a "refused" row: its
transaction is rolled back, so the row is written after the rollback on a
cursor of its own (``_oa_log_refused``).  The rows of a successful call are
queued and written with the transaction's other rows by its one INSERT.
"""

import json
import logging

from odoo import api, models
from odoo.exceptions import AccessError, MissingError, UserError

from .res_users import _in_rpc

_logger = logging.getLogger(__name__)

# models whose actions write rows of their own (the chain check, the unlock)
SELF_AUDITED = frozenset({"oa.audit.log", "oa.login.lockout"})
# methods an API client reads with: not recorded (nor the methods Odoo marks
# @api.readonly: read, search_read, search_count, name_search, read_group…)
READ_METHODS = frozenset(
    {
        "read",
        "search",
        "search_read",
        "search_count",
        "search_fetch",
        "name_search",
        "read_group",
        "fields_get",
        "default_get",
        "onchange",
        "exists",
        "get_views",
        "get_view",
        "load_views",
        "get_metadata",
        "check_access",
        "check_access_rights",
        "check_access_rule",
        "has_access",
        "check_field_access_rights",
        "has_group",
        "context_get",
        "get_formview_id",
        "get_formview_action",
        "web_read",
        "web_search_read",
        "web_read_group",
        "read_progress_bar",
        # an export is recorded as such (models/base.py)
        "export_data",
    }
)
# exported outside the suite's own models: the users (personal data)
EXPORT_AUDITED = frozenset({"res.users"})
# longest detail kept (ids, error messages)
DETAIL_MAX = 2000
IDS_SHOWN = 50


def _as_ids(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return [value]
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, int) and not isinstance(v, bool)]
    return []


def _ids_text(ids):
    shown = json.dumps(ids[:IDS_SHOWN])
    return shown if len(ids) <= IDS_SHOWN else shown[:-1] + ", …]"


def _clip(text):
    return text if len(text) <= DETAIL_MAX else text[: DETAIL_MAX - 1] + "…"


class OaAuditLog(models.Model):
    _inherit = "oa.audit.log"

    # ---- What is recorded ----

    @api.model
    def _oa_audits_flow(self, model, name):
        """A flow transition: a public ``action_*`` method of a suite model."""
        return (
            name.startswith("action_")
            and model._name.startswith("oa.")
            and model._name not in SELF_AUDITED
        )

    @api.model
    def _oa_reads_only(self, model, name):
        """A method that does not write (an API call not recorded)."""
        if name in READ_METHODS:
            return True
        # as the web client's dispatcher finds it (DataSet._call_kw_readonly)
        for cls in type(model).mro():
            method = cls.__dict__.get(name)
            if method is not None and hasattr(method, "_readonly"):
                return bool(method._readonly)
        return False

    # ---- The dispatch (hooks.py) ----

    @api.model
    def _oa_audit_call(self, call_kw, model, name, args, kwargs):
        """Call ``call_kw(model, name, args, kwargs)`` (Odoo's dispatch of a
        button or an RPC call) and record it."""
        flow = self._oa_audits_flow(model, name)
        rpc = _in_rpc() and not self._oa_reads_only(model, name)
        if not (flow or rpc):
            return call_kw(model, name, args, kwargs)
        method = getattr(model, name, None)
        ids = []
        if method is not None and not getattr(method, "_api", None) and args:
            ids = _as_ids(args[0])
        records = model.browse(ids).with_context((kwargs or {}).get("context") or {})
        Log = self.with_env(records.env)
        try:
            result = call_kw(model, name, args, kwargs)
        except (UserError, AccessError) as error:
            try:
                rows = Log._oa_refused_call_rows(
                    records, name, flow, rpc, error, args, kwargs
                )
            except Exception:
                # the refusal is what the user must see, whatever happens here
                _logger.exception(
                    "oa.audit.log: refusal of %s.%s not recorded", model._name, name
                )
            else:
                Log._oa_log_refused(rows)
            raise
        rows = []
        if flow:
            rows += Log._oa_flow_rows(records, name)
        if rpc:
            if getattr(method, "_api", None) == "model_create":
                ids = _as_ids(result)
            rows.append(Log._oa_api_row(records, name, ids, args, kwargs))
        Log._oa_queue().extend(rows)
        return result

    # ---- Rows ----

    @api.model
    def _oa_flow_targets(self, records):
        """The records a transition moves, and the dialog it went through:
        the records called, or for a dialog (a transient model) the suite's
        records it points at (its first many2one or many2many set to a
        regular ``oa.*`` model: the document of the opinion dialog…)."""
        if not records or not records._transient:
            return records, None
        try:
            wizard = records.sudo()
            for field in records._fields.values():
                if (
                    field.type in ("many2one", "many2many")
                    and field.store
                    and field.comodel_name.startswith("oa.")
                    and not self.env[field.comodel_name]._transient
                ):
                    targets = wizard[field.name]
                    if targets:
                        return targets.with_env(records.env), records
        except MissingError:
            pass
        return records, None

    @api.model
    def _oa_value(self, record, name):
        """``record[name]`` read by the system, or None when the record is
        gone (deleted by the action) or has no such field."""
        if name not in record._fields:
            return None
        try:
            return record.sudo()[name]
        except MissingError:
            return None

    @api.model
    def _oa_on_behalf(self, record):
        """Whom the current user acted for on ``record`` in this transaction
        (a proxy acting for his principal), as the record wrote it: its
        ``last_action_for_id`` when its ``last_action_by_id`` is he (a
        receipt), or the ``on_behalf_of_id`` of the rows of its one2many
        fields he closed (a document's steps: ``acted_by_id``).  Only what
        this transaction wrote counts (``write_date`` is the transaction's
        time)."""
        uid = self.env.uid
        now = self.env.cr.now()
        names = record._fields
        try:
            rec = record.sudo()
            if {
                "last_action_for_id",
                "last_action_by_id",
                "write_date",
            } <= names.keys():
                if rec.last_action_by_id.id == uid and rec.write_date == now:
                    return rec.last_action_for_id
                return None
            for field in names.values():
                if field.type != "one2many" or field.compute:
                    continue
                comodel = self.env[field.comodel_name]._fields
                if {"on_behalf_of_id", "acted_by_id", "write_date"} <= comodel.keys():
                    acted = rec[field.name].filtered(
                        lambda r: r.acted_by_id.id == uid
                        and r.on_behalf_of_id
                        and r.write_date == now
                    )
                    if acted:
                        return acted.on_behalf_of_id
        except MissingError:
            pass
        return None

    @api.model
    def _oa_flow_rows(self, records, name, reason=None):
        """One row per record moved (one for a model-level action)."""
        targets, wizard = self._oa_flow_targets(records)
        what = name if wizard is None else wizard._name + "." + name
        result = "refused" if reason is not None else "success"
        if not targets:
            detail = what if reason is None else what + ": " + reason
            return [self._oa_row("flow", result, model=targets._name, detail=detail)]
        rows = []
        for target in targets:
            behalf = None
            if reason is None:
                state = self._oa_value(target, "state")
                detail = what + " → " + str(state) if state else what
                behalf = self._oa_on_behalf(target)
            else:
                detail = what + ": " + reason
            rows.append(
                self._oa_row(
                    "flow",
                    result,
                    model=target._name,
                    res_id=target.id,
                    record_name=self._oa_value(target, "display_name"),
                    on_behalf_login=",".join(behalf.mapped("login"))
                    if behalf
                    else None,
                    detail=_clip(detail),
                )
            )
        return rows

    @api.model
    def _oa_api_fields(self, records, name, args, kwargs):
        """The fields a create or a write sets (names only: values may be
        secrets)."""
        method = getattr(records, name, None)
        if getattr(method, "_api", None) == "model_create":
            vals = args[0] if args else kwargs.get("vals_list", kwargs.get("vals"))
        elif name in ("write", "web_save"):
            vals = args[1] if len(args) > 1 else kwargs.get("vals")
        else:
            return []
        if isinstance(vals, dict):
            vals = [vals]
        if not isinstance(vals, list | tuple):
            return []
        return sorted({key for v in vals if isinstance(v, dict) for key in v})

    @api.model
    def _oa_api_row(self, records, name, ids, args, kwargs, reason=None):
        fields_set = self._oa_api_fields(records, name, args, kwargs)
        if fields_set:
            detail = self.env._(
                "%(method)s on records %(ids)s, fields: %(fields)s",
                method=name,
                ids=_ids_text(ids),
                fields=", ".join(fields_set),
            )
        else:
            detail = self.env._(
                "%(method)s on records %(ids)s", method=name, ids=_ids_text(ids)
            )
        if reason is not None:
            detail = detail + ": " + reason
        return self._oa_row(
            "api",
            "refused" if reason is not None else "success",
            model=records._name,
            res_id=ids[0] if len(ids) == 1 else None,
            detail=_clip(detail),
        )

    @api.model
    def _oa_refused_call_rows(self, records, name, flow, rpc, error, args, kwargs):
        """The rows of a refused call, built before its rollback."""
        reason = str(error.args[0]) if error.args else type(error).__name__
        try:
            rows = self._oa_flow_rows(records, name, reason) if flow else []
            if rpc:
                rows.append(
                    self._oa_api_row(records, name, records.ids, args, kwargs, reason)
                )
            return rows
        except Exception:
            # the transaction may be unusable (an SQL error turned into a
            # UserError): the row without the record's name
            _logger.warning("oa.audit.log: refused %s.%s", records._name, name)
            return [
                self._oa_row(
                    "flow" if flow else "api",
                    "refused",
                    model=records._name,
                    res_id=records.ids[0] if len(records) == 1 else None,
                    detail=_clip(name + " " + _ids_text(records.ids) + ": " + reason),
                )
            ]

    # ---- Exports ----

    @api.model
    def _oa_audits_export(self, records):
        return not self.env.su and (
            records._name.startswith("oa.") or records._name in EXPORT_AUDITED
        )

    @api.model
    def _oa_export_row(self, records, fields_to_export, count, reason=None):
        detail = self.env._(
            "%(count)s records, fields: %(fields)s",
            count=count,
            fields=", ".join(fields_to_export),
        )
        if reason is not None:
            detail = detail + ": " + reason
        return self._oa_row(
            "export",
            "refused" if reason is not None else "success",
            model=records._name,
            res_id=records.id if len(records) == 1 else None,
            detail=_clip(detail),
        )

    @api.model
    def _oa_log_export(self, records, fields_to_export):
        """Queue the export's row.  A grouped export calls ``export_data``
        once per group: its calls with the same fields in one transaction
        make one row, counting every record."""
        cr = self.env.cr
        # cleared with the queue (same callbacks, same end)
        end = cr.postcommit if cr.readonly else cr.precommit
        exports = end.data.setdefault("oa.audit.log.export", {})
        key = (records._name, tuple(fields_to_export))
        queue = self._oa_queue()
        entry = exports.get(key)
        if entry and any(row is entry["row"] for row in queue):
            entry["count"] += len(records)
            new = self._oa_export_row(records, fields_to_export, entry["count"])
            entry["row"].update(res_id=None, detail=new["detail"])
            return
        row = self._oa_export_row(records, fields_to_export, len(records))
        queue.append(row)
        exports[key] = {"row": row, "count": len(records)}

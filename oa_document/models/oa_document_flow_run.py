# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""How an outgoing document runs through its unit's flow: the steps are
instantiated at submission, opened sequence after sequence, completed or
returned by their actors."""

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from .common import KIND_NUMBER_WORD, step_label


class OaDocument(models.Model):
    _inherit = "oa.document"

    # ---- Flow instantiation ----

    def _do_submit(self):
        doc = self.sudo()
        Flow = self.env["oa.document.flow"].sudo()
        definitions = Flow._get_flow_steps(doc.issuing_unit_id, doc.kind)
        vals_list = []
        resolved = {}  # the same role at several steps is looked up once
        for definition in definitions:
            vals_list.extend(doc._step_vals(definition, resolved))
        Flow._check_definitions(
            doc.issuing_unit_id,
            [(vals["step_type"], vals["user_ids"][0][2]) for vals in vals_list],
        )
        steps = self.env["oa.flow.step"].sudo().create(vals_list)
        doc._oa_step_log(
            self.env._("Submitted for review."), "oa_document.mt_document_submitted"
        )
        doc._open_next_steps(steps)

    def _step_vals(self, definition, resolved=None):
        FlowStep = self.env["oa.document.flow.step"].sudo()
        base = {
            "res_model": self._name,
            "res_id": self.id,
            "name": step_label(self.env, definition["step_type"]),
            "sequence": definition["sequence"],
            "step_type": definition["step_type"],
            "time_limit_hours": definition.get("time_limit_hours") or 24,
            # not started yet: what the compute gives, without an update
            "waiting_hours": 0.0,
        }
        if definition["step_type"] == "countersign":
            leader_def = {"actor_type": "role", "role": "leader"}
            return [
                dict(
                    base,
                    unit_id=unit.id,
                    user_ids=[
                        fields.Command.set(
                            FlowStep._resolve_actors(leader_def, unit).ids
                        )
                    ],
                )
                for unit in definition["countersign_units"]
            ]
        key = (
            definition["actor_type"],
            definition.get("role"),
            definition.get("user") and definition["user"].id,
            definition.get("group") and definition["group"].id,
        )
        if resolved is not None and key in resolved:
            users = resolved[key]
        else:
            users = FlowStep._resolve_actors(definition, self.issuing_unit_id)
            if resolved is not None:
                resolved[key] = users
        if not users:
            raise UserError(
                self.env._(
                    "Nobody can act at the %(step)s step of this flow: ask the unit "
                    "administrator to complete it.",
                    step=step_label(self.env, definition["step_type"]),
                )
            )
        return [
            dict(
                base,
                unit_id=self.issuing_unit_id.id,
                user_ids=[fields.Command.set(users.ids)],
            )
        ]

    def _open_next_steps(self, steps=None, complete=None, closing=None):
        """Open the lowest waiting sequence; the document's state follows.
        ``complete``: users whose to-dos are completed (the step's actor);
        ``closing``: the step done and how (``(step, user, principal,
        comment)``), closed in the statement opening the next ones."""
        doc = self.sudo()
        steps = (steps if steps is not None else doc.step_ids).sudo()
        waiting = steps.filtered(lambda s: s.state == "waiting")
        if not waiting:
            if closing:
                closing[0]._close(*closing[1:])
                doc._oa_steps_changed()
            doc.write({"state": "distributed"})
            if complete is None:
                doc._oa_todo_clear()
            else:
                doc._oa_todo_close()
            return
        first = min(waiting.mapped("sequence"))
        batch = waiting.filtered(lambda s: s.sequence == first)
        proxies = batch._oa_document_open(closing)
        doc._oa_steps_changed()
        types = set(batch.mapped("step_type"))
        # countersigns run within the review stage
        state = "review" if types & {"review", "countersign"} else batch[0].step_type
        doc.write({"state": state})
        doc._schedule_activities(batch, proxies, complete=complete)

    def _schedule_activities(self, steps, proxies=None, complete=None):
        """A to-do for each user asked to act (and his proxies), due on the
        day of the step's deadline (the kernel's to-dos); ``complete``:
        users whose open to-dos are completed in the same search."""
        self.sudo()._oa_step_todos(steps, proxies, complete=complete)

    # ---- Step transitions ----

    def _oa_step_effects(self):
        """What doing a step writes besides the step row, by step type
        (review, countersign and check only move the flow on); an effect
        may return a line for the step's message."""
        return {
            "sign": self._do_step_sign,
            "number": self._do_step_number,
            "seal": self._do_step_seal,
            "distribute": self._do_step_distribute,
        }

    def _do_complete_step(self, step, principal, comment=False):
        user = self.env.user
        # his to-do is completed where the next ones are handed out (one
        # search of the document's to-dos)
        complete = self._oa_todo_completing()
        effect = self._oa_step_effects().get(step.step_type)
        # what the step did beyond its move (the receiving units), said in
        # the step's message: one message, one notice to the followers
        outcome = effect(step, user) if effect else None
        # parallel steps (countersigns) still open besides this one
        pending = self.sudo().step_ids.filtered(
            lambda s: s.state == "pending" and s != step
        )
        if principal != user:
            message = self.env._(
                "%(step)s done by %(proxy)s on behalf of %(user)s.",
                step=step.name,
                proxy=user.name,
                user=principal.name,
            )
        else:
            message = self.env._(
                "%(step)s done by %(user)s.",
                step=step.name,
                user=user.name,
            )
        if outcome:
            message = Markup("%s<br/>%s") % (message, outcome)
        if comment:
            message = Markup("%s<br/>%s") % (
                message,
                self.env._("Opinion: %(opinion)s", opinion=comment),
            )
        doc = self.sudo()
        if not pending:
            old_state = doc.state
            # this step closed and the next ones opened in one statement
            self._open_next_steps(
                complete=complete, closing=(step, user, principal, comment)
            )
            subtype = "oa_document.mt_document_" + doc._oa_move_kind(old_state)
        else:
            step._close(user, principal, comment)
            doc._oa_steps_changed()
            # a parallel step is done: the others keep their to-do
            self._schedule_activities(pending, complete=complete)
            subtype = "oa_document.mt_document_approved"
        # one message per step, a proxy's too: what was done, by whom (for
        # whom), the opinion, with the move it made
        doc._oa_step_log(message, subtype)

    def _do_step_sign(self, step, user):
        self.sudo().write(
            {"signed_by_id": user.id, "date_signed": fields.Datetime.now()}
        )
        self._notify_webhooks("signed")

    def _do_step_number(self, step, user):
        doc = self.sudo()
        if not doc.number:
            # a document returned after numbering keeps its number
            year = fields.Date.context_today(self).year
            seq = (
                self.env["oa.document.number.counter"]
                .sudo()
                ._take_next(doc.issuing_unit_id, doc.kind, year)
            )
            unit = doc.issuing_unit_id
            prefix = (unit.oa_short_name or unit.name) + KIND_NUMBER_WORD.get(
                doc.kind, ""
            )
            doc.write(
                {
                    "number": f"{prefix}〔{year}〕{seq}号",
                    "number_year": year,
                    "number_seq": seq,
                }
            )
        doc.write({"fingerprint": doc._compute_fingerprint()})

    def _do_step_seal(self, step, user):
        if not user.has_group("oa_base.group_oa_seal_keeper"):
            raise AccessError(
                self.env._("Only a seal keeper may apply the electronic seal.")
            )
        unit = self.sudo().issuing_unit_id
        if not unit.oa_seal_image:
            raise UserError(
                self.env._(
                    "%(unit)s has no electronic seal yet: its administrator must "
                    "upload the seal image on the unit before the document can be "
                    "sealed.",
                    unit=unit.name,
                )
            )
        self.sudo().write({"sealed": True})

    def _do_step_distribute(self, step, user):
        return self._distribute()

    def _distribute(self):
        """Create the incoming document (收文) of every receiving unit: the
        number of queries does not grow with the recipients.  Returns what
        the step's message says of it."""
        doc = self.sudo()
        main = doc.main_unit_ids
        recipients = [(unit, "main") for unit in main] + [
            (unit, "copy") for unit in doc.copy_unit_ids - main
        ]
        self.env["oa.document.incoming"].sudo()._create_for_distribution(
            doc, recipients
        )
        doc.write({"date_distributed": fields.Datetime.now()})
        self._notify_webhooks("distributed")
        return self.env._("Distributed to %(count)s units.", count=len(recipients))

    def _do_return(self, step, principal, step_sequence, reason):
        """The open steps close as returned; the steps from the target on
        are opened again as new rows (or the draft goes back to its drafter
        when ``step_sequence`` is 0)."""
        self._oa_todo_complete()
        user = self.env.user
        doc = self.sudo()
        Step = self.env["oa.flow.step"].sudo()
        pending = doc.step_ids.filtered(lambda s: s.state == "pending")
        pending._close(user, principal, reason, state="returned")
        doc.step_ids.filtered(lambda s: s.state == "waiting")._cancel()
        doc._oa_steps_changed()
        old_state = doc.state
        if not step_sequence:
            doc.write({"state": "draft"})
            doc._oa_todo_set(
                [
                    (
                        doc,
                        doc.drafter_id,
                        self.env._("Returned: %(reason)s", reason=reason),
                    )
                ]
            )
            doc._log_return(old_state, user, reason)
            return
        # reopen, from the target on, the latest row of every step of the flow
        latest = {}
        for row in doc.step_ids.sorted("id"):
            if row.sequence >= step_sequence:
                latest[(row.sequence, row.unit_id.id, row.step_type)] = row
        new_steps = Step.create(
            [row._oa_document_reopen_vals() for row in latest.values()]
        )
        doc._open_next_steps(new_steps)
        doc._log_return(old_state, user, reason)

    def _log_return(self, old_state, user, reason):
        """The return in the chatter, in its own words (to whom, by whom,
        why): the message of the state change when the state changed."""
        doc = self.sudo()
        body = self.env._(
            "Returned to %(holders)s by %(user)s: %(reason)s",
            holders=doc._holder_users_names(),
            user=user.name,
            reason=reason,
        )
        if doc.state != old_state:
            doc._oa_step_log(body, "oa_document.mt_document_returned")
        else:
            doc.message_post(
                body=body, subtype_xmlid="oa_document.mt_document_returned"
            )

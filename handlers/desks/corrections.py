"""Corrections: retract, correct, and the audit of a position.

The transports with forms (the Slack modal, the shell prompts) ask `correction_form` for the
prefilled form before showing it and `save_correction` when it is submitted; a transport
without a form answers `correct` with how to do it in two steps.
"""

from datetime import datetime, timedelta

from bot import positions
from bot.grammar import Audit, Correct, Retract
from bot.positions import (
    Kept,
    PositionForm,
    Rights,
    correct_position,
    correction_form,
    position_trail,
    retract_position,
)
from handlers.blocks import (
    Message,
    correct_form_hint,
    corrected_message,
    position_audit_message,
    retracted_message,
)
from handlers.desks.upkeep import UpkeepDesk
from store import unit_of_work


class CorrectionDesk(UpkeepDesk):
    """Corrections for one database."""

    def run(
        self,
        command: Retract | Correct | Audit,
        *,
        user: str,
        now: datetime,
        request_id: str | None = None,
    ) -> Message:
        """Answer one correction command."""
        match command:
            case Retract():
                return self.retract(command, user=user, now=now, request_id=request_id)
            case Correct():
                # Refused now if the user may not correct it; else how to, without a form.
                self.correction_form(command.position_id, user=user, now=now)
                return correct_form_hint(
                    position_id=command.position_id, command=self.settings.command
                )
            case Audit():
                return self.audit(command.number)

    def rights(self, user: str) -> Rights:
        """What `user` may change: approvers anything, others their own within the window."""
        return Rights(
            user=user,
            approver=self.is_approver(user),
            window=timedelta(minutes=self.settings.correction_window_minutes),
        )

    def retract(
        self, command: Retract, *, user: str, now: datetime, request_id: str | None
    ) -> Message:
        """Withdraw a position; show what was withdrawn and where the actor stands now."""
        with unit_of_work(self.engine) as session:
            position = retract_position(
                session,
                position_id=command.position_id,
                reason=command.reason,
                rights=self.rights(user),
                now=now,
                request_id=request_id,
            )
            withdrawn = positions.views_of(session, [position])[0]
            latest = positions.latest_position(
                session, actor_id=position.actor_id, topic_id=position.topic_id
            )
        return retracted_message(withdrawn=withdrawn, now=latest, command=self.settings.command)

    def correction_form(
        self, position_id: int, *, user: str, now: datetime
    ) -> tuple[PositionForm, Kept]:
        """The add form prefilled with the position; a UserError if `user` may not correct it."""
        with unit_of_work(self.engine) as session:
            return correction_form(
                session,
                position_id=position_id,
                rights=self.rights(user),
                now=now,
                zone=self.settings.zone,
            )

    def save_correction(
        self,
        position_id: int,
        *,
        form: PositionForm,
        reason: str,
        user: str,
        now: datetime,
        request_id: str | None = None,
    ) -> Message:
        """Record the corrected statement and withdraw the original, in one transaction.

        Raises FormErrors naming each field to fix; nothing is written then.
        """
        with unit_of_work(self.engine) as session:
            corrected = correct_position(
                session,
                position_id=position_id,
                form=form,
                reason=reason,
                rights=self.rights(user),
                now=now,
                zone=self.settings.zone,
                request_id=request_id,
            )
            view = positions.views_of(session, [corrected])[0]
        return corrected_message(original_id=position_id, corrected=view)

    def audit(self, position_id: int) -> Message:
        """Every step of one position: recorded, confirmed, corrected, withdrawn…"""
        with unit_of_work(self.engine) as session:
            trail = position_trail(session, position_id=position_id)
            view = positions.views_of(session, [trail.position])[0]
        return position_audit_message(
            position=trail.position, view=view, events=trail.events, corrects=trail.corrects
        )

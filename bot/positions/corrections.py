"""Corrections: withdraw a confirmed position, or replace it with a corrected one.

Nothing is overwritten: the position's status moves to retracted, a PositionRetraction row
keeps who, when and why (and which position replaced it), and an audit row the request.
Who may is `bot.positions.correction_rights`; a position's steps are `bot.positions.audit`.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.alerts import queue_withdrawal_notices
from bot.errors import UserError
from bot.grammar import stated_conditions
from bot.positions.correction_rights import Rights, check_may_change
from bot.positions.forms import FormErrors, Kept, PositionForm, record_form
from store import Actor, AuditEvent, Position, PositionRetraction, PositionStatus, Source, Topic

MAX_REASON_CHARS = 500


def live_position(session: Session, *, position_id: int, verb: str) -> Position:
    """The confirmed position `verb` (retract, correct) may act on; else a clear refusal."""
    position = session.get(Position, position_id)
    if position is None:
        raise UserError(f"There is no position #{position_id}.")
    if position.status == PositionStatus.PROPOSED:
        raise UserError(
            f"#{position_id} is a candidate from an article, not yet a recorded position.",
            hint=f"Discard it instead (discard #{position_id}), or confirm it first.",
        )
    if position.status == PositionStatus.RETRACTED:
        raise _already_gone(session, position_id=position_id, verb=verb)
    return position


def _already_gone(session: Session, *, position_id: int, verb: str) -> UserError:
    gone = session.get(PositionRetraction, position_id)
    if gone is None:
        return UserError(f"#{position_id} was a candidate that was discarded.")
    when = f"{gone.at.day} {gone.at:%b %Y}"
    if gone.replaced_by_id is not None:
        kind = "corrected" if gone.kind == "corrected" else "merged"
        return UserError(
            f"#{position_id} was already {kind} by {gone.by} on {when} "
            f"(now #{gone.replaced_by_id}).",
            hint=f"Try: {verb} #{gone.replaced_by_id}",
        )
    return UserError(f"#{position_id} was already withdrawn by {gone.by} on {when}.")


def retract_position(
    session: Session,
    *,
    position_id: int,
    reason: str,
    rights: Rights,
    now: datetime,
    request_id: str | None = None,
) -> Position:
    """Withdraw a confirmed position (status retracted, who/when/why kept), audited."""
    position = live_position(session, position_id=position_id, verb="retract")
    check_may_change(session, position=position, rights=rights, now=now, verb="retract")
    _withdraw(
        session,
        position=position,
        kind="retracted",
        reason=reason,
        user=rights.user,
        now=now,
        request_id=request_id,
    )
    return position


def correction_form(
    session: Session, *, position_id: int, rights: Rights, now: datetime, zone: ZoneInfo
) -> tuple[PositionForm, Kept]:
    """The add form prefilled with the position, once the user may correct it."""
    position = live_position(session, position_id=position_id, verb="correct")
    check_may_change(session, position=position, rights=rights, now=now, verb="correct")
    actor = session.get(Actor, position.actor_id)
    topic = session.get(Topic, position.topic_id)
    source = session.get(Source, position.source_id) if position.source_id else None
    assert actor is not None
    assert topic is not None
    stated_on = position.stated_at.astimezone(zone).date()
    quote = "\n".join(position.quotes)
    form = PositionForm(
        actor=actor.name,
        topic=topic.name,
        stance=position.stance.value,
        quote=quote,
        summary=position.summary,
        conditions=stated_conditions(position.conditions, stated=position.conditions_stated),
        url=(source.url or "") if source else "",
        stated_on=stated_on,
    )
    kept = Kept(
        actor_id=position.actor_id,
        stated_at=position.stated_at,
        stated_on=stated_on,
        url=form.url,
        source_id=position.source_id,
        speaker_id=position.speaker_id,
        quote=quote,
        quotes=tuple(position.quotes),
    )
    return form, kept


def correct_position(
    session: Session,
    *,
    position_id: int,
    form: PositionForm,
    reason: str,
    rights: Rights,
    now: datetime,
    zone: ZoneInfo,
    request_id: str | None = None,
) -> Position:
    """Record the corrected statement and retract the original, in the caller's transaction.

    Raises FormErrors (field by field, "reason" included) and writes nothing on any error.
    """
    before, kept = correction_form(
        session, position_id=position_id, rights=rights, now=now, zone=zone
    )
    if not reason.strip():
        raise FormErrors({"reason": "Say why it is corrected; the history shows the reason."})
    if form == before:
        raise FormErrors(
            {"quote": f"Nothing was changed. To withdraw the statement: retract #{position_id}."}
        )
    original = session.get(Position, position_id)
    assert original is not None
    # Retracted (and flushed) first: an unchanged quote and day would otherwise meet the
    # original in the unique index of live statements.
    _mark_withdrawn(session, original)
    corrected = record_form(
        session,
        form=form,
        recorded_by=rights.user,
        zone=zone,
        now=now,
        request_id=request_id,
        keep=kept,
    )
    _record_withdrawal(
        session,
        position_id=position_id,
        kind="corrected",
        reason=reason,
        user=rights.user,
        now=now,
        request_id=request_id,
        replaced_by=corrected.id,
    )
    return corrected


def _withdraw(
    session: Session,
    *,
    position: Position,
    kind: str,
    reason: str,
    user: str,
    now: datetime,
    request_id: str | None,
) -> None:
    assert position.id is not None
    _mark_withdrawn(session, position)
    _record_withdrawal(
        session,
        position_id=position.id,
        kind=kind,
        reason=reason,
        user=user,
        now=now,
        request_id=request_id,
    )


def _mark_withdrawn(session: Session, position: Position) -> None:
    # Flushed at once: a correction recorded next may meet it in the live dedupe index.
    position.status = PositionStatus.RETRACTED
    session.add(position)
    session.flush()


def _record_withdrawal(
    session: Session,
    *,
    position_id: int,
    kind: str,
    reason: str,
    user: str,
    now: datetime,
    request_id: str | None,
    replaced_by: int | None = None,
) -> None:
    """Who withdrew it, when and why (and what replaced it), with its audit event."""
    clean = reason.strip()[:MAX_REASON_CHARS]
    session.add(
        PositionRetraction(
            position_id=position_id,
            at=now,
            by=user,
            reason=clean,
            kind=kind,
            replaced_by_id=replaced_by,
        )
    )
    detail: dict[str, object] = {"reason": clean}
    if replaced_by is not None:
        detail["replaced_by"] = replaced_by
    session.add(
        AuditEvent(
            at=now,
            user=user,
            action=f"position.{kind}",
            subject="position",
            subject_id=position_id,
            request_id=request_id,
            detail=detail,
        )
    )
    session.flush()
    queue_withdrawal_notices(session, position_id=position_id, now=now)

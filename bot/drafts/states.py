"""Draft rows: create them, and move them between states by compare-and-set.

`move` is the only way a draft changes: `UPDATE … WHERE id=? AND status IN (…) AND
version=?`. Of two clicks racing, even in two processes, exactly one matches the row; the
other learns what happened instead. Every move writes an AuditEvent.
"""

import hashlib
from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.drafts.claims import Checked, check
from bot.drafts.contents import Snapshot, keep, snapshot
from bot.drafts.drafting import DraftText
from store import AuditEvent, Draft, DraftKind, DraftStatus, show_content


def create_draft(
    session: Session,
    *,
    kind: DraftKind,
    text: DraftText,
    evidence_ids: Sequence[int],
    requested_by: str,
    channel_id: str | None,
    now: datetime,
    ttl: timedelta,
    topic_id: int | None = None,
    request_id: str | None = None,
    checked: Checked | None = None,
    content: Snapshot | None = None,
) -> Draft:
    """A pending draft, its claims checked; problems are stored and shown on the card.

    `checked` is `text.claims` already judged against `evidence_ids` in this unit of work, and
    `content` that as stored (a digest tick judges and hashes one topic set's claims once for
    every channel following it). The content goes in its shared, immutable row."""
    if content is None:
        content = snapshot(checked or check(session, text.claims, evidence_ids=evidence_ids))
    draft = Draft(
        kind=kind,
        topic_id=topic_id,
        title=text.title,
        content_id=keep(session, content),
        drafter=text.drafter,
        status=DraftStatus.PENDING,
        requested_by=requested_by,
        channel_id=channel_id,
        request_id=request_id,
        created_at=now,
        expires_at=now + ttl,
    )
    session.add(draft)
    session.flush()
    show_content(draft, content.values)
    audit(
        session,
        draft,
        action="draft.created",
        user=requested_by,
        request_id=request_id,
        detail={"drafter": text.drafter, "problems": len(draft.problems)},
    )
    return draft


def create_failed_draft(
    session: Session,
    *,
    kind: DraftKind,
    title: str,
    drafter: str,
    error: str,
    requested_by: str,
    channel_id: str | None,
    now: datetime,
    topic_id: int | None = None,
    request_id: str | None = None,
) -> Draft:
    """A draft the drafter could not write: kept, marked failed, offered a Retry."""
    draft = Draft(
        kind=kind,
        topic_id=topic_id,
        title=title,
        drafter=drafter,
        status=DraftStatus.FAILED,
        error=error[:500],
        requested_by=requested_by,
        channel_id=channel_id,
        request_id=request_id,
        created_at=now,
        expires_at=now,
    )
    session.add(draft)
    session.flush()
    audit(
        session,
        draft,
        action="draft.failed",
        user=requested_by,
        request_id=request_id,
        detail={"drafter": drafter, "error": error[:200]},
    )
    return draft


def move(
    session: Session,
    draft: Draft,
    *,
    to: DraftStatus,
    allowed_from: Collection[DraftStatus],
    user: str,
    request_id: str | None,
    action: str,
    **values: Any,
) -> bool:
    """Compare-and-set `draft` (as read) to `to`; False if anyone changed it first."""
    assert draft.id is not None
    result = session.execute(
        update(Draft)
        .where(
            col(Draft.id) == draft.id,
            col(Draft.version) == draft.version,
            col(Draft.status).in_(list(allowed_from)),
        )
        .values(status=to, version=Draft.version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    session.refresh(draft)
    audit(
        session,
        draft,
        action=action,
        user=user,
        request_id=request_id,
        # The why of a decision (a rejection's reason) stays with the step it explains.
        detail={"status": to.value, "version": draft.version}
        | ({"reason": values["reason"]} if values.get("reason") else {}),
    )
    return True


def audit(
    session: Session,
    draft: Draft,
    *,
    action: str,
    user: str,
    request_id: str | None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Append an audit row for `draft`, with a hash of its text as it stands."""
    session.add(
        AuditEvent(
            user=user,
            action=action,
            subject="draft",
            subject_id=draft.id,
            request_id=request_id,
            detail={**(detail or {}), "text_sha256": text_hash(draft.body)},
        )
    )


def text_hash(body: str) -> str:
    """SHA-256 of a draft's text: what exactly was approved."""
    return hashlib.sha256(body.encode()).hexdigest()


def audit_trail(session: Session, *, draft_id: int) -> list[AuditEvent]:
    """Every audit row about one draft, oldest first."""
    return list(
        session.exec(
            select(AuditEvent)
            .where(AuditEvent.subject == "draft", AuditEvent.subject_id == draft_id)
            .order_by(col(AuditEvent.at), col(AuditEvent.id))
        ).all()
    )


def pending_drafts(session: Session, *, now: datetime) -> list[Draft]:
    """Drafts still waiting for a decision (not yet expired), oldest first."""
    return list(
        session.exec(
            select(Draft)
            .where(Draft.status == DraftStatus.PENDING, col(Draft.expires_at) > now)
            .order_by(col(Draft.created_at))
        ).all()
    )


def overdue_drafts(session: Session, *, now: datetime) -> list[Draft]:
    """Pending drafts past their expiry time."""
    return list(
        session.exec(
            select(Draft).where(Draft.status == DraftStatus.PENDING, col(Draft.expires_at) <= now)
        ).all()
    )

"""Approve, edit, reject, expire: the decision flow, reaching Slack only through a Poster.

Only approvers decide. Every decision is a compare-and-set (bot.drafts.move), so of two
simultaneous Approve clicks exactly one posts; the other is told who won. The LLM never
posts: only `approve` calls `Poster.publish`, and only for the click that won.
"""

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from sqlalchemy import Engine
from sqlmodel import Session

from bot.drafts.claims import check, problems_text
from bot.drafts.contents import keep, snapshot
from bot.drafts.drafting import parse_body
from bot.drafts.states import audit, move
from bot.errors import UserError
from store import Draft, DraftStatus, unit_of_work

log = logging.getLogger(__name__)


class PostUnconfirmed(Exception):
    """The post was sent but no answer came back: it may or may not be in the channel."""


class PostFailed(Exception):
    """Slack refused the post (not in channel, archived…); nothing was posted."""


class Poster(Protocol):
    """Where drafts are shown and approved text is posted (Slack, or the terminal)."""

    def update_card(self, draft: Draft) -> None:
        """Replace the draft's card with its current state."""

    def publish(self, draft: Draft) -> str:
        """Post the approved text and return Slack's ts; or PostUnconfirmed / PostFailed."""
        ...


IsApprover = Callable[[str], bool]


class Approvals:
    """Decisions on drafts for one database, one Poster and one approver list."""

    def __init__(
        self,
        *,
        engine: Engine,
        poster: Poster,
        is_approver: IsApprover,
        approvers_configured: bool | Callable[[], bool] = True,  # asked per refusal
    ) -> None:
        self.engine = engine
        self.poster = poster
        self.is_approver = is_approver
        self.approvers_configured = approvers_configured
        # Told about every draft that reached an end (posted, expired…): digests follow up.
        self.on_outcome: Callable[[Draft], None] | None = None

    def _refusal(self, verb: str) -> str:
        configured = self.approvers_configured
        if not (configured() if callable(configured) else configured):
            return (
                f"Nobody can {verb} drafts yet: no approvers are set up. A workspace admin "
                "names them in `settings` (the Home tab, or `settings approvers U0123 S0456`), "
                "or whoever runs Standpoint in STANDPOINT_APPROVERS (user or user group ids)."
            )
        return (
            f"Only approvers can {verb} drafts, and you're not one of them. Approvers are "
            "this workspace's `settings approvers` (by default STANDPOINT_APPROVERS); "
            "ask an approver or a workspace admin to add you."
        )

    def approve(
        self,
        draft_id: int,
        *,
        version: int | None,
        user: str,
        now: datetime,
        request_id: str | None = None,
    ) -> str:
        """Approve and post; returns what to tell the person who clicked."""
        with unit_of_work(self.engine) as session:
            draft = self._decidable(session, draft_id, version, user, "approve", now, request_id)
            if draft.problems:
                raise UserError(
                    f"Draft D{draft_id} can't be approved until it is edited: "
                    + "; ".join(line[:120] for line in problems_text(draft.problems))
                )
            won = move(
                session,
                draft,
                to=DraftStatus.APPROVED,
                allowed_from={DraftStatus.PENDING},
                user=user,
                request_id=request_id,
                action="draft.approved",
                decided_by=user,
                decided_at=now,
            )
            if not won:
                return self._too_late(session, draft_id)
        self.poster.update_card(draft)
        return self._publish(draft, user=user, request_id=request_id)

    def reject(
        self,
        draft_id: int,
        *,
        version: int | None,
        user: str,
        reason: str,
        now: datetime,
        request_id: str | None = None,
    ) -> str:
        """Reject with a reason; returns what to tell the person who clicked."""
        with unit_of_work(self.engine) as session:
            draft = self._decidable(session, draft_id, version, user, "reject", now, request_id)
            won = move(
                session,
                draft,
                to=DraftStatus.REJECTED,
                allowed_from={DraftStatus.PENDING},
                user=user,
                request_id=request_id,
                action="draft.rejected",
                decided_by=user,
                decided_at=now,
                reason=reason.strip()[:500],
            )
            if not won:
                return self._too_late(session, draft_id)
        self.poster.update_card(draft)
        return f"Draft D{draft_id} rejected."

    def edit(
        self,
        draft_id: int,
        *,
        version: int | None,
        user: str,
        body: str,
        now: datetime,
        request_id: str | None = None,
    ) -> list[dict[str, str]]:
        """Replace the text; every claim is checked again. Returns the problems left (if any).

        The editor may cite only the positions the drafter was given (older drafts, stored
        before claims: the positions their text cited).
        """
        with unit_of_work(self.engine) as session:
            draft = self._decidable(session, draft_id, version, user, "edit", now, request_id)
            checked = check(
                session, parse_body(body), evidence_ids=draft.evidence_ids or draft.citations
            )
            if checked.problems:
                return checked.problems
            won = move(
                session,
                draft,
                to=DraftStatus.PENDING,
                allowed_from={DraftStatus.PENDING},
                user=user,
                request_id=request_id,
                action="draft.edited",
                # A new content row: the old one may be another channel's digest too.
                content_id=keep(session, snapshot(checked)),
            )
            if not won:
                raise UserError(self._too_late(session, draft_id))
        self.poster.update_card(draft)
        return []

    def editable(
        self, draft_id: int, *, user: str, now: datetime, request_id: str | None = None
    ) -> Draft:
        """The draft `user` may edit now (before the form opens), or the refusal as UserError."""
        with unit_of_work(self.engine) as session:
            return self._decidable(session, draft_id, None, user, "edit", now, request_id)

    def expire(self, draft: Draft, *, now: datetime) -> bool:
        """Mark an overdue pending draft expired (not rejected) and update its card."""
        with unit_of_work(self.engine) as session:
            row = session.get(Draft, draft.id)
            if row is None or row.status != DraftStatus.PENDING or row.expires_at > now:
                return False
            won = move(
                session,
                row,
                to=DraftStatus.EXPIRED,
                allowed_from={DraftStatus.PENDING},
                user="standpoint",
                request_id=None,
                action="draft.expired",
            )
        if won:
            self.poster.update_card(row)
            self._outcome(row)
        return won

    def _outcome(self, draft: Draft) -> None:
        if self.on_outcome is not None:
            self.on_outcome(draft)

    def _decidable(
        self,
        session: object,
        draft_id: int,
        version: int | None,
        user: str,
        verb: str,
        now: datetime,
        request_id: str | None,
    ) -> Draft:

        assert isinstance(session, Session)
        draft = session.get(Draft, draft_id)
        if draft is None:
            raise UserError(
                f"There is no draft D{draft_id}.", hint="`pending` lists the drafts waiting."
            )
        if not self.is_approver(user):
            audit(session, draft, action=f"draft.{verb}.refused", user=user, request_id=request_id)
            session.commit()  # the refusal is recorded even though the request fails
            raise UserError(self._refusal(verb))
        if draft.status == DraftStatus.PENDING and draft.expires_at <= now:
            session.commit()  # keep the audit rows written so far
            self.expire(draft, now=now)
            raise UserError(
                f"Draft D{draft_id} expired at {draft.expires_at:%-d %b %H:%M} UTC; "
                "ask for a new one."
            )
        if draft.status != DraftStatus.PENDING:
            raise UserError(self._too_late(session, draft_id))
        if version is not None and draft.version != version:
            raise UserError(
                f"Draft D{draft_id} changed since you saw it (it was edited); look again."
            )
        return draft

    def _too_late(self, session: object, draft_id: int) -> str:

        assert isinstance(session, Session)
        session.expire_all()
        draft = session.get(Draft, draft_id)
        assert draft is not None
        who = f" by {draft.decided_by}" if draft.decided_by else ""
        return f"Draft D{draft_id} was already {draft.status.value.replace('_', ' ')}{who}."

    def _publish(self, draft: Draft, *, user: str, request_id: str | None) -> str:
        try:
            receipt = self.poster.publish(draft)
        except PostUnconfirmed:
            outcome, values, told = (
                DraftStatus.UNCONFIRMED,
                {},
                (
                    f"Draft D{draft.id} was sent, but Slack didn't confirm it. Check the channel "
                    "before posting it again."
                ),
            )
        except PostFailed as failure:
            outcome, values, told = (
                DraftStatus.FAILED,
                {"error": str(failure)[:500]},
                (f"Draft D{draft.id} is approved but could not be posted: {failure}"),
            )
        else:
            outcome, values, told = (
                DraftStatus.POSTED,
                {"posted_ts": receipt},
                (f"Draft D{draft.id} approved and posted."),
            )
        with unit_of_work(self.engine) as session:
            row = session.get(Draft, draft.id)
            assert row is not None
            move(
                session,
                row,
                to=outcome,
                allowed_from={DraftStatus.APPROVED},
                user=user,
                request_id=request_id,
                action=f"draft.{outcome.value}",
                **values,
            )
        self.poster.update_card(row)
        self._outcome(row)
        return told

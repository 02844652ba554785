"""What a draft says, stored once and never changed: drafts point at it.

A `DraftContent` row holds a draft's text, its claims (each with the snapshot of the evidence it
was judged against), its problems, its citations and the positions the drafter was given. The
row is keyed by the SHA-256 of that content, so the digests of 500 channels built from the same
changes in one tick share one row instead of writing 500 copies. Rows are immutable: the
session hook in `store.guards` and database triggers (migration 0013) refuse any update or
delete, and an edit makes a new row and points the draft at it.

A `Draft` with a `content_id` reads as if the content were its own columns: when it is loaded
or refreshed, `body`, `claims`, `problems`, `citations` and `evidence_ids` are filled in from
its row (as committed values, so nothing is written back). Older drafts keep theirs inline.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Text, event, select
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import attributes
from sqlmodel import Field, Session

from store.engine import utcnow
from store.tables import Draft
from store.tenancy import TenantOwned, tenant_unique

CONTENT = ("body", "claims", "problems", "citations", "evidence_ids")
_CACHE = "standpoint.draft_content"


class DraftContent(TenantOwned, table=True):
    """A draft's content, once per distinct content. Immutable: never updated or deleted."""

    __tablename__ = "draft_content"
    __table_args__ = (tenant_unique("draft_content", "sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(max_length=64)
    body: str = Field(default="", sa_column=Column(Text, nullable=False))
    # Each claim: text, citations, actor, stance, its evidence as judged ({id, actor, stance,
    # quote}), its problems, and for a digest's fact lines the kind of change ("shift", …).
    claims: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    problems: list[dict[str, str]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    citations: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    evidence_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


_COLUMNS = select(*(DraftContent.__table__.c[name] for name in CONTENT))  # type: ignore[attr-defined]
_BY_ID = DraftContent.__table__.c.id  # type: ignore[attr-defined]


def content_values(session: Session, content_id: int) -> dict[str, Any]:
    """One content row's values, read once per session (rows never change)."""
    cache: dict[int, dict[str, Any]] = session.info.setdefault(_CACHE, {})
    if content_id not in cache:
        row = session.connection().execute(_COLUMNS.where(content_id == _BY_ID)).one()
        cache[content_id] = dict(zip(CONTENT, row, strict=True))
    return cache[content_id]


def remember(session: Session, content_id: int, values: dict[str, Any]) -> None:
    """A row this session has just written, so its drafts read it without a query."""
    session.info.setdefault(_CACHE, {})[content_id] = values


def show_content(draft: Draft, values: dict[str, Any]) -> None:
    """Fill `draft`'s content attributes from its row, as committed values (not changes)."""
    for name in CONTENT:
        attributes.set_committed_value(draft, name, values[name])


def _fill(draft: Draft, session: Session | None) -> None:
    # Read from the instance's dict: touching an unloaded attribute here would load it again.
    content_id = attributes.instance_state(draft).dict.get("content_id")
    if content_id is not None and session is not None:
        show_content(draft, content_values(session, content_id))


@event.listens_for(Draft, "load", restore_load_context=True)
def _on_load(draft: Draft, context: Any) -> None:
    _fill(draft, context.session)


@event.listens_for(Draft, "refresh", restore_load_context=True)
def _on_refresh(draft: Draft, context: Any, _attrs: Any) -> None:
    _fill(draft, context.session)


@event.listens_for(OrmSession, "after_soft_rollback")
def _forget(session: OrmSession, _previous: Any) -> None:
    # A row written in a rolled-back transaction is gone, and its id may be given again.
    session.info.pop(_CACHE, None)

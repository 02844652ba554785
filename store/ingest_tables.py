"""What an ingest leaves for the reporter besides candidates.

`CandidateProblem`: why a candidate can't be confirmed as it stands (the article gives its
words to someone else, or names nobody near them). `UncreditedQuote`: a quotation the
extractor found but could credit to nobody, kept so a reporter can assign its speaker.
"""

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field

from store.engine import utcnow
from store.tenancy import TenantOwned


class CandidateProblem(TenantOwned, table=True):
    """One problem found with a proposed position when it was ingested."""

    __tablename__ = "candidate_problem"

    id: int | None = Field(default=None, primary_key=True)
    position_id: int = Field(foreign_key="position.id", index=True)
    kind: str = Field(max_length=30)  # "other_speaker" or "speaker_not_named"
    message: str = Field(max_length=500)  # as shown to the reporter
    created_at: datetime = Field(default_factory=utcnow)


class UncreditedQuote(TenantOwned, table=True):
    """A quotation in an ingested article that no candidate credits to anyone."""

    __tablename__ = "uncredited_quote"
    __table_args__ = (Index("ix_uncredited_quote_source", "source_id", "start"),)

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id")
    quote: str
    start: int  # offset of the quote in the source's text
    created_at: datetime = Field(default_factory=utcnow)
    # Set when a reporter gave the quote a speaker: the position recorded from it.
    assigned_position_id: int | None = Field(default=None, foreign_key="position.id")

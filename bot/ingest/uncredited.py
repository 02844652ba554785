"""Quotes an ingest could credit to nobody: kept so a reporter can assign the speaker.

The extractor's findings with no speaker (neither a tracked actor nor a named newcomer) that
no candidate covers are stored as `UncreditedQuote` rows, one per quotation of the article.
Shorter than `MIN_WORDS` words, a quotation is left out: those are mostly scare quotes,
titles and coined phrases (“Nato expansionism”, “serious discussions”), not statements.
"""

from collections.abc import Iterable, Sequence

from sqlmodel import Session, select

from bot.ingest.attribution import QuoteFinding
from bot.text import normalize_quote
from store import UncreditedQuote

MIN_WORDS = 4


def uncredited_findings(
    findings: Sequence[QuoteFinding], *, covered: Iterable[str]
) -> list[QuoteFinding]:
    """The findings with no speaker, of at least MIN_WORDS words, that no covered quote holds
    or is held by (compared whitespace- and quote-mark-insensitively)."""
    taken = [normal for quote in covered if (normal := normalize_quote(quote))]
    kept = []
    for finding in findings:
        if finding.speaker is not None or finding.new_speaker is not None:
            continue
        quote = normalize_quote(finding.quote)
        if len(quote.split()) < MIN_WORDS:
            continue
        if any(quote in other or other in quote for other in taken):
            continue
        kept.append(finding)
    return kept


def keep_uncredited(
    session: Session,
    *,
    source_id: int,
    findings: Sequence[QuoteFinding],
    covered: Iterable[str],
) -> list[UncreditedQuote]:
    """Store the article's uncredited quotes (once: a re-ingest finds the same rows) and
    return those still waiting for a speaker, in the article's order."""
    found = uncredited_findings(findings, covered=covered)
    if not found:
        return []
    stored = {
        (row.start, row.quote): row
        for row in session.exec(
            select(UncreditedQuote).where(UncreditedQuote.source_id == source_id)
        ).all()
    }
    rows = []
    for finding in found:
        row = stored.get((finding.start, finding.quote))
        if row is None:
            row = UncreditedQuote(source_id=source_id, quote=finding.quote, start=finding.start)
            session.add(row)
            stored[(finding.start, finding.quote)] = row
        if row.assigned_position_id is None:
            rows.append(row)
    session.flush()
    return sorted(rows, key=lambda row: row.start)

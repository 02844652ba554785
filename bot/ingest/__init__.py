"""Ingest: an article fetched, its quotes attributed, candidates proposed for a reporter."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from bot.ingest.attribution import QuoteFinding, find_quotes, guess_stance
    from bot.ingest.candidates.edit import (
        candidate_form,
        edits_candidate,
        replace_candidate_with_form,
    )
    from bot.ingest.candidates.propose import ingest_text
    from bot.ingest.candidates.review import review_candidate
    from bot.ingest.fetch.page import fetch_article
    from bot.ingest.new_speakers import pronoun
    from bot.ingest.preview import Preview, PreviewCandidate, preview_ingest
    from bot.ingest.quote_assign import Assignment, assign_quote, assignment_form
    from bot.ingest.topic_choice import PLACEHOLDER
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "PLACEHOLDER",
    "Assignment",
    "Preview",
    "PreviewCandidate",
    "QuoteFinding",
    "assign_quote",
    "assignment_form",
    "candidate_form",
    "edits_candidate",
    "fetch_article",
    "find_quotes",
    "guess_stance",
    "ingest_text",
    "preview_ingest",
    "pronoun",
    "replace_candidate_with_form",
    "review_candidate",
]

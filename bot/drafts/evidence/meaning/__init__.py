"""The evidence lock's second stage: is each part of a claim grounded in what it cites?"""

from bot.drafts.evidence.meaning.ground import grounding_problems
from bot.drafts.evidence.meaning.places import metonyms_for
from bot.drafts.evidence.meaning.reading import Reading, read_evidence

__all__ = ["Reading", "grounding_problems", "metonyms_for", "read_evidence"]

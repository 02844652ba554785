"""Does a claim's wording agree with the stance of the positions it cites?"""

from collections.abc import Sequence

from bot.drafts.evidence.lexicon import (
    CERTAINTY_WORDS,
    CONDITION_MARKERS,
    META_WORDS,
    NEGATIONS,
    NOT_THE_ISSUE,
    SHIFT_MARKERS,
    STANCE_WORDS,
    UNCONDITIONAL_WORDS,
)
from bot.drafts.evidence.model import Evidence
from bot.drafts.evidence.text import any_of, fold, whole
from bot.stances import LABELS
from store import Stance

_NEGATION_WINDOW = 24
_NOT_THE_ISSUE = any_of(NOT_THE_ISSUE)
_STANCE_PHRASES = frozenset(STANCE_WORDS)  # characters before a stance word that may hold its "not"


def phrases_in(folded: str, phrases: frozenset[str] | Sequence[str]) -> list[tuple[str, int]]:
    """Each lexicon phrase found in `folded` text on whole words, with where it starts."""
    return [(m.group(), m.start()) for m in any_of(frozenset(phrases)).finditer(folded)]


def stance_problems(
    own_words: str,
    *,
    declared: Stance | None,
    actor: str | None,
    cited: Sequence[Evidence],
    evidence_text: str = "",
) -> list[str]:
    """Plain-words problems with the stance the claim states or implies."""
    problems = []
    theirs = [e for e in cited if actor is None or fold(e.actor) == fold(actor)] or list(cited)
    stances = {e.stance for e in theirs}
    if declared is not None and declared not in stances:
        found = " / ".join(LABELS[s].lower() for s in sorted(stances))
        problems.append(f"states {LABELS[declared].lower()}, but the position is {found}")
    folded = fold(own_words)
    if phrases_in(folded, SHIFT_MARKERS):
        # Words for where the actor came from fit too: "shifted from supports to opposes".
        stances |= {e.previous_stance for e in theirs if e.previous_stance is not None}
    conditional_wording = bool(phrases_in(folded, CONDITION_MARKERS))
    for phrase, start in phrases_in(folded, _STANCE_PHRASES):
        fits = STANCE_WORDS[phrase]
        if _aimed_elsewhere(folded, start + len(phrase)) or _asked(folded, start):
            continue
        if evidence_text and whole(phrase).search(evidence_text):
            continue  # the position's own words ("agreed to work on the points")
        if _negated(folded, start):
            fits = frozenset(Stance) - fits
        if stances & fits:
            continue
        if Stance.CONDITIONAL in stances and conditional_wording:
            continue  # "backs it, but rejects any pause that …" describes a condition
        found = " / ".join(LABELS[s].lower() for s in sorted(stances))
        problems.append(f"says “{phrase}”, but the position is {found}")
    if Stance.CONDITIONAL in stances:
        for phrase, _ in phrases_in(folded, UNCONDITIONAL_WORDS):
            problems.append(f"says “{phrase}”, but the support has conditions")
    return problems


def wording_problems(own_words: str, *, evidence_text: str) -> list[str]:
    """Certainty the evidence does not state, and words about the draft itself."""
    folded = fold(own_words)
    problems = [
        f"says “{phrase}”, which the evidence doesn't"
        for phrase, _ in phrases_in(folded, CERTAINTY_WORDS)
        if not whole(phrase).search(evidence_text)
    ]
    problems += [
        f"talks about the draft or its checking (“{phrase}”), not a position"
        for phrase, _ in phrases_in(folded, META_WORDS)
    ]
    return problems


def _asked(folded: str, start: int) -> bool:
    """Inside an embedded question ("whether he would accept"): asked about, not stated."""
    window = folded[max(0, start - _NEGATION_WINDOW) : start]
    return any_of(_EMBEDDED_QUESTION).search(window) is not None


_EMBEDDED_QUESTION = frozenset(
    {"whether", "asked if", "asks if", "asking if", "wondered if", "wonders if", "know if"}
)


def _aimed_elsewhere(folded: str, end: int) -> bool:
    after = folded[end:].lstrip()
    return _NOT_THE_ISSUE.match(after) is not None


def _negated(folded: str, start: int) -> bool:
    window = folded[max(0, start - _NEGATION_WINDOW) : start]
    if "n't " in window or window[-3:] == "n't":  # "doesn't back", "won't"
        return True
    return any_of(NEGATIONS).search(window) is not None

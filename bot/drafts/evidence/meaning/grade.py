"""The stance's grade: conditional support told with its conditions, an open position as open."""

from collections.abc import Sequence

from bot.drafts.evidence.lexicon import SHIFT_MARKERS
from bot.drafts.evidence.meaning.reading import Reading, content_words, found
from bot.drafts.evidence.meaning.vocabulary import (
    CERTAINTY_WORDS,
    CONDITION_MARKERS,
    FUNCTION_WORDS,
    OPPOSE_WORDS,
    REPORTING_WORDS,
    STANCE_GRADES,
    SUPPORT_WORDS,
    UNSETTLED_WORDS,
)
from bot.drafts.evidence.text import any_of, fold, words
from bot.stances import LABELS
from store import Stance

# Words that keep a condition a condition: it is wanted, not met.
_MODAL_OR_DEMAND = frozenset(
    [
        "would",
        "should",
        "must",
        "could",
        "might",
        "demand",
        "demands",
        "demanded",
        "want",
        "wants",
        "wanted",
        "require",
        "requires",
        "required",
        "insist",
        "insists",
        "insisted",
        "call",
        "calls",
        "called",
        "expect",
        "expects",
        "needs",
        "need",
        "only",
        "cannot",
        "can't",
        "won't",
        "without",
    ]
)
# Support words that say only readiness to talk, not support ("open to", "ready for").
_NEUTRAL_SUPPORT = frozenset({"for", "open", "ready", "seek", "seeks", "sought"})
_QUOTED_CONDITION = frozenset({"but", "if", "only", "unless", "provided", "except"})


def grade_problems(folded: str, *, quotes: Sequence[str], reading: Reading) -> list[str]:
    """A conditional position stated as plain support; an open one stated as settled."""
    stances = reading.stances
    problems = []
    if (
        stances == {Stance.CONDITIONAL}
        and _states_support(folded, reading)
        and not _states_conditions(folded, quotes, reading)
    ):
        first = next((c for e in reading.theirs for c in e.conditions), "")
        shown = f": {first}" if first else ""
        problems.append(f"states the support without its conditions (it is conditional{shown})")
    if stances == {Stance.CONDITIONAL} and _condition_as_met(folded, reading):
        problems.append("states a condition as if it were met (the position only sets it)")
    unsettled = stances <= {Stance.UNCLEAR, Stance.UNDECIDED}
    if stances and unsettled and _settles(folded, quotes, reading):
        label = " / ".join(LABELS[s].lower() for s in sorted(stances))
        problems.append(f"states it as settled, but the position is {label}")
    return problems


def _states_support(folded: str, reading: Reading) -> bool:
    """The claim says, in its own words, that the actor supports, or characterises the
    stance in words the evidence doesn't use (not only what they said)."""
    if found(folded, SUPPORT_WORDS - _NEUTRAL_SUPPORT):
        return True
    own = content_words(folded, also_free=REPORTING_WORDS)
    return any(not reading.has_word(w) for w in own)


def _states_conditions(folded: str, quotes: Sequence[str], reading: Reading) -> bool:
    if any_of(CONDITION_MARKERS).search(folded):
        return True
    quoted = " ".join(fold(q) for q in quotes)
    if _QUOTED_CONDITION & set(words(quoted)):
        return True
    # A condition's own words, said or quoted: those that are not the topic's or actor's.
    common = _common_words(reading)
    said = set(words(folded)) | set(words(quoted))
    for e in reading.theirs:
        for condition in e.conditions:
            distinctive = set(content_words(fold(condition), also_free=common))
            if distinctive and len(distinctive & said) * 2 >= len(distinctive):
                return True
    return False


def _condition_as_met(folded: str, reading: Reading) -> bool:
    """The condition's own words, told as a fact: no "if", no "would", no demand."""
    if any_of(CONDITION_MARKERS | _MODAL_OR_DEMAND).search(folded):
        return False
    said = set(words(folded))
    common = _common_words(reading)
    for e in reading.theirs:
        for condition in e.conditions:
            distinctive = set(content_words(fold(condition), also_free=common))
            if len(distinctive) >= 2 and len(distinctive & said) * 2 >= len(distinctive):
                return True
    return False


def _common_words(reading: Reading) -> frozenset[str]:
    """The words of the topic's and actor's own names: saying them is no condition."""
    names = [n for e in reading.cited for n in (e.topic_names[:1] or ()) + (e.actor,)]
    return frozenset(w for n in names for w in words(fold(n)))


def _settles(folded: str, quotes: Sequence[str], reading: Reading) -> bool:
    """An open position told as settled: a stance or a certainty the evidence doesn't use,
    with nothing in the claim saying it is open."""
    # Words that also say a thing is open ("declined to say") or are grammar ("not") settle
    # nothing by themselves.
    settled = (SUPPORT_WORDS | OPPOSE_WORDS | CERTAINTY_WORDS) - UNSETTLED_WORDS - FUNCTION_WORDS
    if found(folded, SHIFT_MARKERS):  # "shifted from supports to undecided": where it was
        moved = {e.previous_stance for e in reading.theirs if e.previous_stance is not None}
        settled -= frozenset().union(*(STANCE_GRADES[s] for s in moved))
    return any(
        not reading.licenses(p) and not _negated(folded, start)
        for p, start in found(folded, settled)
    )


def _negated(folded: str, start: int) -> bool:
    """ "neither welcomed nor ruled out", "did not back", "what wording China wants": a stance
    said not to be taken, or asked about."""
    clause = folded[max(0, start - 80) : start].split(",")[-1]
    before = words(clause)
    negated = any(w in _NOT or w.endswith("n't") for w in before[-3:])
    return negated or any(w in _ASKED for w in before[-8:])


_NOT = frozenset({"not", "neither", "nor", "never", "no"})
_ASKED = frozenset({"whether", "if", "what", "how", "which"})

"""Is a claim grounded? Every part of what it says must come from the positions it cites.

The claim's own words (its quotations masked) are read as: who (the actor's names, a
metonym for its country), the stance it states with its grade, what it is about, and every
modifier. A word the cited evidence uses is licensed; so are the grammar's small words, the
reporting words and the stance expressions of the position's own grade. Everything else is a
problem, named by what it adds: a time, an intensity, a certainty, a scope, a reason, a
comparison or an outcome the evidence does not state, a predicate in words the evidence does
not use, a condition left out, an open position made settled, another topic, or another
speaker.
"""

import re
from collections.abc import Sequence

from bot.drafts.evidence.lexicon import MONTHS, SHIFT_MARKERS, WEEKDAYS
from bot.drafts.evidence.meaning.grade import grade_problems
from bot.drafts.evidence.meaning.modifiers import (
    dropped_negation,
    modifier_problems,
    purpose_problems,
)
from bot.drafts.evidence.meaning.predicates import phrase_words, predicate_problems
from bot.drafts.evidence.meaning.reading import Reading
from bot.drafts.evidence.meaning.speakers import speaker_problems, topic_problems
from bot.drafts.evidence.meaning.vocabulary import FUNCTION_WORDS, REPORTING_WORDS, STANCE_GRADES
from bot.drafts.evidence.text import any_of, fold, words
from store import Stance

_CONDITION_CLAUSE = re.compile(
    r"\b(?:if|provided|providing|as long as|so long as|on condition|subject to|unless|"
    r"only on|but only|depending on|contingent on|once|as soon as)\b[^,;]*"
    # What the position requires, said as a requirement: "says it must bring …, stop …".
    r"|\b(?:must|should|has to|have to|needs to|need to|requires|required|demands|wants)\b[^;]*"
)
_CALENDAR = frozenset(MONTHS) | WEEKDAYS


def grounding_problems(own: str, *, quotes: Sequence[str], reading: Reading) -> list[str]:
    """What the claim's own words add to, or take from, the positions it cites."""
    folded = fold(own)
    stripped = _without_names(folded, reading)
    grade = _grade(reading)
    conditional = Stance.CONDITIONAL in reading.stances
    spans = [range(m.start(), m.end()) for m in _CONDITION_CLAUSE.finditer(stripped)]
    problems = grade_problems(folded, quotes=quotes, reading=reading)
    problems += topic_problems(folded, reading)
    problems += speaker_problems(folded, reading)
    consumed, found = modifier_problems(
        stripped, reading, grade=grade, condition_spans=spans if conditional else []
    )
    problems += found
    problems += dropped_negation(folded, reading)
    problems += purpose_problems(stripped, reading)
    exempt = {w for span in spans for w in words(stripped[span.start : span.stop])}
    free = phrase_words(FUNCTION_WORDS | REPORTING_WORDS | grade) | _CALENDAR | consumed
    problems += predicate_problems(
        stripped, reading, free=free, exempt=exempt if conditional else set()
    )
    return list(dict.fromkeys(problems))


def _grade(reading: Reading) -> frozenset[str]:
    """The stance words the cited positions' grades allow; with a previous stance on record,
    the words of a move and of where it came from too ("shifted from supporting")."""
    moved = {e.previous_stance for e in reading.theirs if e.previous_stance is not None}
    allowed = frozenset().union(*(STANCE_GRADES[s] for s in set(reading.stances) | moved))
    changed = any(e.previous_conditions for e in reading.theirs)
    return (
        allowed
        | (SHIFT_MARKERS if moved else frozenset())
        | (_CONDITION_CHANGE if changed else frozenset())
    )


# How a condition change is told ("changed conditions (added …, dropped …)"), on the record.
_CONDITION_CHANGE = frozenset({"changed", "dropped", "added", "conditions", "condition"})


def _without_names(folded: str, reading: Reading) -> str:
    """The claim with every name of its cited actors, speakers and topics blanked out."""
    names = {
        fold(n)
        for e in reading.cited
        for n in (*e.actor_names, *e.speaker_names, *e.topic_names, *e.places)
        if n.strip()
    }
    return any_of(frozenset(names)).sub(" ", folded)

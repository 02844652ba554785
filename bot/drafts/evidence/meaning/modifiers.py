"""Modifiers: time, certainty, intensity, scope, reason, comparison and outcome words, each
licensed only by the evidence (or, for time and comparison, by what the claim cites)."""

from functools import cache

from bot.drafts.evidence.meaning.reading import (
    NEGATIONS,
    TOKENS,
    Reading,
    content_words,
    found,
    negating,
)
from bot.drafts.evidence.meaning.vocabulary import (
    CAUSE_MARKERS,
    FUNCTION_WORDS,
    MODIFIER_CLASSES,
    OPPOSE_WORDS,
    REASON_MARKERS,
    REASON_WORDS,
    REPORTING_WORDS,
)
from bot.drafts.evidence.meaning.words import can_be, lemmas
from store import Stance

# Classes a reworded condition may use inside its own clause ("if Ukraine pulls out of …").
_IN_CONDITIONS = frozenset({"time", "reason", "scope", "comparison"})
_BY_FORM = frozenset({"time", "certainty", "intensity", "scope", "reason"})


# Other forms of a listed word count ("pledging" for "pledged"); an outcome must be said as
# one ("accepted", "scrapped"), not as what someone might do ("would accept").
@cache
def _by_lemma(kind: str) -> frozenset[str]:
    # Built on first use: the lexicon loads only when a claim is checked, never at import.
    phrases = dict(MODIFIER_CLASSES)[kind]
    if kind not in _BY_FORM:
        return frozenset()
    return frozenset(lemma for phrase in phrases if " " not in phrase for lemma in lemmas(phrase))


def modifier_problems(
    folded: str, reading: Reading, *, grade: frozenset[str], condition_spans: list[range]
) -> tuple[set[str], list[str]]:
    """Modifier words the evidence doesn't license, named by class; and the words used."""
    consumed: set[str] = set()
    problems = []
    for kind, phrases in MODIFIER_CLASSES:
        for phrase, start in _matches(folded, kind, phrases):
            consumed.update(phrase.split())
            if phrase in grade or _licensed(kind, phrase, start, folded, reading):
                continue
            in_condition = any(start in span for span in condition_spans)
            if kind in _IN_CONDITIONS and in_condition and phrase not in REASON_MARKERS:
                continue
            if kind == "scope" and _hedged_any(folded, start):
                continue  # "did not commit to any particular wording": no widening
            if kind == "outcome" and _negated_before(folded, start):
                continue  # "has not settled on …": no outcome
            if kind == "outcome" and folded[start + len(phrase) :].startswith(" to "):
                continue  # "failed to join": did not, not an outcome
            if kind == "time" and phrase in _STILL and _open(reading):
                continue  # "is still weighing": what an undecided position is
            problems.append(_named(kind, phrase, reading))
    return consumed, problems


def dropped_negation(folded: str, reading: Reading) -> list[str]:
    """A run of the evidence's words said without the "not" the evidence puts before it."""
    said = TOKENS.findall(folded)
    if _RESTATED_AS_CONDITION & set(said):
        return []  # "would sign only with …" says "will not sign without …" the other way
    problems = []
    for text in reading.texts:
        evidence = TOKENS.findall(text)
        for i in range(len(evidence) - 3):
            run = evidence[i : i + 4]
            if run[0] in FUNCTION_WORDS or any(w in NEGATIONS or w in _PUNCT for w in run):
                continue
            if not _negated_run(evidence, i):
                continue
            for j in range(len(said) - 3):
                if said[j : j + 4] == run and not _negated_run(said, j, claim=True):
                    problems.append(f"leaves out the “not” before “{' '.join(run)}…”")
    return list(dict.fromkeys(problems))[:1]


_PUNCT = frozenset({",", ";", ":"})
_STILL = frozenset({"still", "yet"})


def _open(reading: Reading) -> bool:
    return reading.stances <= {Stance.UNCLEAR, Stance.UNDECIDED}


_RESTATED_AS_CONDITION = frozenset({"only", "unless", "if", "provided", "providing"})


def _matches(folded: str, kind: str, phrases: frozenset[str]) -> list[tuple[str, int]]:
    hits = found(folded, phrases)
    seen = {start for _, start in hits}
    # Other forms of a listed word ("scrap" for "scrapped", "pledging" for "pledged").
    for match in TOKENS.finditer(folded):
        token = match.group()
        listed = token not in FUNCTION_WORDS and token not in REPORTING_WORDS and len(token) > 3
        if listed and match.start() not in seen and lemmas(token) & _by_lemma(kind):
            hits.append((token, match.start()))
    return hits


def _licensed(kind: str, phrase: str, start: int, folded: str, reading: Reading) -> bool:
    if phrase in REASON_MARKERS | CAUSE_MARKERS:
        return _reason_from_evidence(folded, start + len(phrase), reading)
    if kind == "outcome":
        return reading.has_phrase(phrase)  # "reached" is not "can reach": the form counts
    if reading.licenses(phrase):
        return True
    theirs = reading.theirs
    if kind == "time":
        days = {e.stated_at.date() for e in theirs}
        return len(days) > 1 or any(e.previous_stance is not None for e in theirs)
    if kind == "comparison":
        return len({e.actor for e in reading.cited}) > 1
    return False


def _reason_from_evidence(folded: str, end: int, reading: Reading) -> bool:
    """A reason is the evidence's when most of what the claim gives as it is in the
    evidence: "because renewables are intermittent" on a position saying so."""
    clause = TOKENS.findall(folded[end:])
    free = REASON_WORDS | REPORTING_WORDS
    comma = next((i for i, t in enumerate(clause) if t in _PUNCT), len(clause))
    if "quote" in clause[: comma + 1]:
        return True  # the reason in the position's own quoted words
    said = content_words(" ".join(clause[:comma]), also_free=free)
    if not said:
        # A parenthesis ("because, he says, they …"): read on to the end of the sentence.
        stop = next((i for i, t in enumerate(clause) if t in {";", ":"}), len(clause))
        said = content_words(" ".join(clause[:stop][:16]), also_free=free)
    if not said:
        return False
    known = sum(reading.has_word(w) for w in said)
    return known * 3 >= len(said) * 2


def _negated_before(folded: str, start: int) -> bool:
    return negating(TOKENS.findall(folded[max(0, start - 40) : start])[-4:])


def _hedged_any(folded: str, start: int) -> bool:
    """ "not … any particular": a hedge; "would not sign any agreement" widens."""
    after = TOKENS.findall(folded[start : start + 30])[:2]
    return _negated_before(folded, start) and after[1:] in (["particular"], ["specific"])


def purpose_problems(folded: str, reading: Reading) -> list[str]:
    """A purpose said with "to": "praised the deal to smooth relations" gives a motive the
    evidence must give too (a verb's or adjective's own "to" is no purpose: "agreed to")."""
    tokens = TOKENS.findall(folded)
    problems = []
    for index in range(1, len(tokens) - 1):
        if tokens[index] != "to" or not can_be(tokens[index + 1], "VERB"):
            continue
        before = tokens[index - 1]
        if before in FUNCTION_WORDS or can_be(before, "VERB") or can_be(before, "ADJ"):
            continue
        clause = " ".join(tokens[index + 1 :])
        if not _reason_from_evidence(f" {clause}", 0, reading):
            shown = " ".join(tokens[index : index + 4])
            problems.append(f"gives a reason or motive (“{shown}…”) that no cited position gives")
    return problems[:1]


_FAILURES = frozenset({"fail", "fails", "failed", "failing"})
_REFUSALS = frozenset(
    [
        "refuse",
        "refuses",
        "refused",
        "decline",
        "declines",
        "declined",
        "unwilling",
        "reject",
        "rejects",
        "rejected",
    ]
)


def _negated_run(tokens: list[str], index: int, *, claim: bool = False) -> bool:
    """A negation within three words before, in the same clause (an opposition word, in a
    claim, says the "not" in other words)."""
    before: list[str] = []
    for word in reversed(tokens[max(0, index - 3) : index]):
        if word in _PUNCT:
            break
        before.append(word)
    negators = NEGATIONS | _REFUSALS | (OPPOSE_WORDS | _FAILURES if claim else frozenset())
    return any(w in negators or w.endswith("n't") for w in before)


def _named(kind: str, phrase: str, reading: Reading) -> str:
    if kind == "time":
        days = sorted({e.stated_at for e in reading.theirs})
        when = f"one statement on {days[0]:%-d %b %Y}" if len(days) == 1 else "what it cites"
        return f"says “{phrase}”, but the evidence is {when}"
    return {
        "certainty": f"says “{phrase}”: more certain than the cited position",
        "intensity": f"says “{phrase}”: stronger or weaker than the cited position",
        "scope": f"widens it with “{phrase}”, which the cited position doesn't cover",
        "reason": f"gives a reason or motive (“{phrase}”) that no cited position gives",
        "comparison": f"links it to others (“{phrase}”), which the cited positions don't",
        "outcome": f"states an outcome (“{phrase}”) that no cited position states",
    }[kind]

"""Judge each claim against only the positions it cites."""

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from bot.drafts.evidence.actors import actor_problems
from bot.drafts.evidence.marks import find_quotes, masked
from bot.drafts.evidence.meaning import grounding_problems, metonyms_for, read_evidence
from bot.drafts.evidence.model import MAX_CLAIM_CHARS, Claim, Evidence, Problem
from bot.drafts.evidence.quotes import locate, too_short
from bot.drafts.evidence.sentences import count
from bot.drafts.evidence.specifics import EvidenceText, unsupported
from bot.drafts.evidence.stance import stance_problems, wording_problems
from bot.drafts.evidence.text import clean, fold

_CITATION_MARK = re.compile(r"\[\s*#?\s*\d+\s*(?:[,;]\s*#?\s*\d+\s*)*\]|(?<![\w&])#\d+\b")
_QUESTION_WORDS = re.compile(r"\b(ask|asks|asked|asking|question|questions|questioned|wonder\w*)\b")


def check_claims(
    claims: Sequence[Claim],
    *,
    evidence: Mapping[int, Evidence],
    actor_names: Mapping[str, Sequence[str]],
) -> list[Problem]:
    """Every problem with `claims`, given the positions the drafter was shown."""
    if not claims:
        return [Problem("empty", "The draft has no claims.")]
    names = tuple((actor, tuple(known)) for actor, known in actor_names.items())
    problems: list[Problem] = []
    for index, claim in enumerate(claims):
        cited = tuple(evidence.get(i) for i in claim.citations)
        problems += [Problem(kind, text, index) for kind, text in _judged(claim, cited, names)]
    return problems


# A digest for every desk repeats the same fact lines: each distinct claim, with the same
# evidence and names, is judged once.
@lru_cache(maxsize=50_000)
def _judged(
    claim: Claim,
    cited: tuple[Evidence | None, ...],
    names: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[tuple[str, str], ...]:
    evidence = {i: e for i, e in zip(claim.citations, cited, strict=True) if e is not None}
    return tuple(_claim_problems(claim, evidence=evidence, actor_names=dict(names)))


def _claim_problems(
    claim: Claim, *, evidence: Mapping[int, Evidence], actor_names: Mapping[str, Sequence[str]]
) -> list[tuple[str, str]]:
    text, hidden = clean(claim.text)
    text = text.strip()
    found: list[tuple[str, str]] = []
    if hidden:
        found.append(("hidden characters", "contains invisible or control characters"))
    if not text:
        return [*found, ("empty", "has no text")]
    if len(text) > MAX_CLAIM_CHARS:
        found.append(("too long", f"is over {MAX_CLAIM_CHARS} characters"))
    marks = find_quotes(text)
    own = masked(text, marks)
    if _CITATION_MARK.search(own):
        found.append(("citation in text", "has a citation typed into its text"))
    for _, mark in marks.unbalanced:
        found.append(("unbalanced quote", f"has an unmatched quotation mark {mark}"))
    if count(own) > 1:
        found.append(("several sentences", "is more than one sentence"))
    if not claim.citations:
        return [*found, ("uncited", "cites no position")]
    unknown = [i for i in claim.citations if i not in evidence]
    if unknown:
        listed = ", ".join(f"#{i}" for i in unknown)
        return [*found, ("unknown citation", f"cites {listed}, which the drafter wasn't given")]
    cited = [evidence[i] for i in dict.fromkeys(claim.citations)]
    found += [("quote", p) for p in _quote_problems(claim, marks.quotes, cited, own)]
    said = [t for e in cited for t in e.texts()]
    # A capital may stand for any country the evidence names ("if Kyiv withdraws its troops").
    places = [*(p for e in cited for p in e.places), *metonyms_for(said)]
    evidence_text = EvidenceText([*said, *places], [e.stated_at for e in cited])
    found += [
        ("actor", p)
        for p in actor_problems(
            own,
            declared=claim.actor,
            cited=cited,
            actor_names=actor_names,
            evidence_text=evidence_text.text,
        )
    ]
    found += [
        ("stance", p)
        for p in stance_problems(
            own,
            declared=claim.stance,
            actor=claim.actor,
            cited=cited,
            evidence_text=evidence_text.text,
        )
    ]
    found += [("wording", p) for p in wording_problems(own, evidence_text=evidence_text.text)]
    missing = unsupported(own, evidence_text)
    if missing:
        found.append(("unsupported", f"unsupported: {', '.join(missing)}"))
    reading = read_evidence(cited, actor=claim.actor)
    quoted = [getattr(q, "text", "") for q in marks.quotes]
    found += [("meaning", p) for p in grounding_problems(own, quotes=quoted, reading=reading)]
    return found


def _quote_problems(
    claim: Claim, quotes: Sequence[object], cited: Sequence[Evidence], own: str
) -> list[str]:
    problems = []
    speakers = [e for e in cited if claim.actor is None or fold(e.actor) == fold(claim.actor)]
    for quoted in quotes:
        phrase = getattr(quoted, "text", "")
        match = None
        for position in speakers or cited:
            match = locate(phrase, position.quotes)
            if match is not None:
                break
        if match is None:
            others = [e.actor for e in cited if locate(phrase, e.quotes) is not None]
            if others:
                problems.append(f"“{phrase}” are {others[0]}'s words, not {claim.actor}'s")
            elif too_short(phrase):
                problems.append(f"“{phrase}” is too short to check against a whole quote")
            else:
                problems.append(f"“{phrase}” is not in the quotes of the positions it cites")
        elif match.in_question and not _QUESTION_WORDS.search(fold(own)):
            problems.append(f"“{phrase}” comes from a question but is presented as a statement")
    return problems

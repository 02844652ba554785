"""A draft's claims, checked against the positions the drafter was given, ready to store.

Each stored claim keeps a snapshot of its evidence (actor, stance, one quote per cited
position) and its own problems, so the card shows every claim beside what it rests on.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlmodel import Session

from bot.drafts.drafting import render
from bot.drafts.evidence import Claim, Evidence, Problem, check_claims
from bot.drafts.evidence.gather import gather, names_by_actor
from bot.drafts.evidence.text import clean
from bot.stances import LABELS


@dataclass(frozen=True)
class Checked:
    """What a draft row stores for its claims."""

    body: str
    claims: list[dict[str, Any]]
    problems: list[dict[str, str]]
    citations: list[int]
    evidence_ids: list[int]


def check(session: Session, claims: Sequence[Claim], *, evidence_ids: Iterable[int]) -> Checked:
    """Judge `claims` against the given positions and shape them for the draft row."""
    # Hidden characters (bidi controls, zero-width, NUL, ESC…) are removed before the check,
    # so what is judged is exactly what will be shown.
    allowed = list(dict.fromkeys(evidence_ids))
    evidence = gather(session, position_ids=allowed)
    return check_against(
        claims, evidence=evidence, actor_names=names_by_actor(session), evidence_ids=allowed
    )


def check_against(
    claims: Sequence[Claim],
    *,
    evidence: Mapping[int, Evidence],
    actor_names: Mapping[str, Sequence[str]],
    evidence_ids: Iterable[int],
) -> Checked:
    """`check` with the evidence already gathered (a digest tick gathers it once)."""
    claims = [replace(c, text=clean(c.text)[0].strip()) for c in claims]
    allowed = list(dict.fromkeys(evidence_ids))
    evidence = {i: evidence[i] for i in allowed if i in evidence}
    problems = check_claims(claims, evidence=evidence, actor_names=actor_names)
    stored = [_stored(i, c, evidence, problems) for i, c in enumerate(claims)]
    cited = list(dict.fromkeys(i for c in claims for i in c.citations if i in evidence))
    return Checked(
        body=render(claims),
        claims=stored,
        problems=[p.as_dict() for p in problems],
        citations=cited,
        evidence_ids=allowed,
    )


def joined(parts: Sequence[Checked], *, evidence_ids: Iterable[int]) -> Checked:
    """Claims checked in parts, as one draft: what checking them together gives, since each
    claim is judged alone (a digest tick judges each fact line once for all its builds)."""
    claims: list[dict[str, Any]] = []
    problems: list[dict[str, str]] = []
    for part in (p for p in parts if p.claims):
        problems += [
            p | {"claim": str(int(p["claim"]) + len(claims))} if "claim" in p else p
            for p in part.problems
        ]
        claims += part.claims
    if not claims:
        problems = check_against((), evidence={}, actor_names={}, evidence_ids=()).problems
    return Checked(
        body="\n".join(p.body for p in parts if p.claims),
        claims=claims,
        problems=problems,
        citations=list(dict.fromkeys(i for p in parts for i in p.citations)),
        evidence_ids=list(dict.fromkeys(evidence_ids)),
    )


def problems_text(problems: Sequence[dict[str, str]]) -> list[str]:
    """Each problem in plain words, naming the claim it is about ("Claim 2 …")."""
    lines = []
    for problem in problems:
        where = f"Claim {int(problem['claim']) + 1} " if "claim" in problem else ""
        lines.append(f"{where}{problem['text']}".strip())
    return lines


def _stored(
    index: int, claim: Claim, evidence: Mapping[int, Evidence], problems: Sequence[Problem]
) -> dict[str, Any]:
    return {
        "text": claim.text,
        "citations": list(claim.citations),
        "actor": claim.actor,
        "stance": claim.stance.value if claim.stance else None,
        "evidence": [
            {
                "id": e.position_id,
                "actor": e.actor,
                "stance": LABELS[e.stance],
                "quote": e.quotes[0] if e.quotes else "",
            }
            for e in (evidence[i] for i in dict.fromkeys(claim.citations) if i in evidence)
        ],
        "problems": [p.text for p in problems if p.claim == index],
    }

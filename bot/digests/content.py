"""What a digest says, in what order, and the fact lines it keeps for its deadline.

A digest is grouped by topic (in the order topics were created) and, within a topic, lists
shifts first, then condition changes, then everything else (first statements, restatements,
unclear remarks), each group in the order recorded: a digest too long for one message shows
what moved before what was merely said again. Each fact line's stored claim keeps the kind
of change it reports ("change": "shift", "conditions", "first", "restated" or "remark"),
which also tells the fact lines from an LLM narrative's.
"""

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from sqlmodel import Session

from bot.drafts import Checked, Claim, Evidence, check_against, claim_lines
from bot.positions import ChangeKind, PositionView
from store import DigestRun, DraftContent

_FIRST = {ChangeKind.SHIFT: 0, ChangeKind.CONDITIONS: 1}
_REST = len(_FIRST)


def grouped(changes: Sequence[tuple[int, PositionView]]) -> list[tuple[int, PositionView]]:
    """(topic id, view) pairs recorded in order, grouped by topic, shifts and condition
    changes first (a stable sort: each group keeps the order recorded)."""
    return sorted(changes, key=lambda pair: (pair[0], _FIRST.get(pair[1].change.kind, _REST)))


def fact_checks(
    views: Sequence[PositionView],
    facts: Sequence[Claim],
    *,
    evidence: Mapping[int, Evidence],
    actor_names: Mapping[str, Sequence[str]],
) -> dict[int, Checked]:
    """Each fact line judged alone (against its own position), with its change kind: joined
    (`bot.drafts.joined`), they read exactly as the lines judged together."""
    checks = {}
    for view, fact in zip(views, facts, strict=True):
        checked = check_against(
            [fact], evidence=evidence, actor_names=actor_names, evidence_ids=[view.id]
        )
        kind = {"change": view.change.kind.value}
        checks[view.id] = replace(checked, claims=[checked.claims[0] | kind])
    return checks


def fact_lines(claims: Sequence[Mapping[str, Any]]) -> str:
    """The factual list alone (what a deadline may post unreviewed): the stored fact lines."""
    facts = [
        Claim(text=c["text"], citations=tuple(c["citations"])) for c in claims if c.get("change")
    ]
    return "\n".join(claim_lines(facts))


def run_facts(session: Session, run: DigestRun) -> str:
    """A run's factual list: from the digest as built, or as older runs stored it."""
    if run.content_id is None:
        return run.facts
    content = session.get(DraftContent, run.content_id)
    return fact_lines(content.claims) if content is not None else ""

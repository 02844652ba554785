"""Evidence for the checker's tests: the seed's positions, as the drafter is given them."""

from datetime import UTC, datetime

import pytest

from bot.drafts.evidence import Evidence
from store import Stance

STATED = datetime(2025, 3, 13, tzinfo=UTC)
PUTIN = ("Vladimir Putin", "Putin", "Russian President")
TRUMP = ("Donald Trump", "Trump", "US President")
CEASEFIRE = ("US ceasefire proposal", "ceasefire", "truce")


def evidence(
    position_id: int,
    *,
    actor: tuple[str, ...] = PUTIN,
    stance: Stance = Stance.CONDITIONAL,
    summary: str = "Backs the US ceasefire proposal in principle, but only on Russia's terms.",
    conditions: tuple[str, ...] = ("Guarantees that Ukrainian troops will not regroup",),
    quotes: tuple[str, ...] = ("The idea itself is correct, and we certainly support it.",),
) -> Evidence:
    return Evidence(
        position_id=position_id,
        actor=actor[0],
        actor_names=actor,
        topic_names=CEASEFIRE,
        stance=stance,
        summary=summary,
        conditions=conditions,
        quotes=quotes,
        stated_at=STATED,
        outlet="Reference article",
    )


@pytest.fixture
def given() -> dict[int, Evidence]:
    """Putin's conditional support (#1) and Trump's hope (#3)."""
    return {
        1: evidence(1),
        3: evidence(
            3,
            actor=TRUMP,
            stance=Stance.SUPPORTS,
            summary="Hopes Russia will accept the US ceasefire proposal.",
            conditions=(),
            quotes=("I hope they'll do the right thing",),
        ),
    }


@pytest.fixture
def names() -> dict[str, tuple[str, ...]]:
    return {
        "Vladimir Putin": PUTIN,
        "Donald Trump": TRUMP,
        "Volodymyr Zelensky": ("Volodymyr Zelensky", "Zelensky"),
    }

"""The lock's second stage: a claim is grounded in what its positions say, part by part."""

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.drafts.evidence import Claim, check_claims
from bot.drafts.evidence.meaning import metonyms_for
from store import Stance
from tests.bot.drafts.evidence.conftest import PUTIN, TRUMP, evidence

CONDITIONS = (
    "The ceasefire must lead to long-term peace",
    "Guarantees that Ukrainian troops will not regroup",
)
PUTIN_1 = replace(
    evidence(1, conditions=CONDITIONS), places=tuple(sorted(metonyms_for(["President of Russia"])))
)
TRUMP_3 = replace(
    evidence(
        3,
        actor=TRUMP,
        stance=Stance.SUPPORTS,
        summary="Hopes Russia will accept the US ceasefire proposal.",
        conditions=(),
        quotes=("Hopefully they'll do the right thing",),
    ),
    places=tuple(sorted(metonyms_for(["President of the United States"]))),
)
UKRAINE = ("Ukraine", "Ukrainian government")
YERMAK = ("Andriy Yermak", "Yermak")
UKRAINE_5 = replace(
    evidence(
        5,
        actor=UKRAINE,
        stance=Stance.OPPOSES,
        summary="Ukraine will not agree to a frozen conflict with Russia.",
        conditions=(),
        quotes=("frozen conflict with Russia",),
    ),
    topic_names=("Frozen conflict", "frozen conflict"),
    speaker="Andriy Yermak",
    speaker_names=YERMAK,
    places=tuple(sorted(metonyms_for(UKRAINE))),
)
KURSK_2 = replace(
    evidence(
        2,
        stance=Stance.UNCLEAR,
        summary="Questions what a 30-day truce would mean for Ukrainian troops in Kursk.",
        conditions=(),
        quotes=("If we stop hostilities for 30 days, what does that mean?",),
    ),
    topic_names=("Kursk truce", "Kursk"),
)
GIVEN = {1: PUTIN_1, 2: KURSK_2, 3: TRUMP_3, 5: UKRAINE_5}
NAMES = {
    "Vladimir Putin": PUTIN,
    "Donald Trump": TRUMP,
    "Ukraine": UKRAINE,
    "Andriy Yermak": YERMAK,
}
ACTORS = {1: "Vladimir Putin", 2: "Vladimir Putin", 3: "Donald Trump", 5: "Ukraine"}


def problems(text: str, cited: int) -> list[str]:
    claim = Claim(text=text, citations=(cited,), actor=ACTORS[cited], stance=GIVEN[cited].stance)
    return [p.text for p in check_claims([claim], evidence=GIVEN, actor_names=NAMES)]


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ("Putin backs the US ceasefire proposal in principle, but only on Russia's terms.", 1),
        ("Putin supports the truce provided it leads to long-term peace.", 1),
        ("Putin is willing to accept the ceasefire subject to guarantees.", 1),
        ("The Kremlin backs the ceasefire on conditions.", 1),
        ("Moscow welcomes the truce as long as Ukrainian troops cannot regroup.", 1),
        ("Trump hopes Russia will accept the US ceasefire proposal.", 3),
        ("Washington hopes Russia will accept the ceasefire.", 3),
        ("Kyiv will not agree to a frozen conflict with Russia, Yermak said.", 5),
        ("Speaking for Ukraine, Yermak said it will not agree to a frozen conflict.", 5),
        ("Putin asked what a 30-day truce would mean for Ukrainian troops in Kursk.", 2),
    ],
)
def test_faithful_paraphrase_passes(text: str, cited: int) -> None:
    assert problems(text, cited) == []


@pytest.mark.parametrize(
    ("text", "cited", "named"),
    [
        ("Putin backs the US ceasefire proposal.", 1, "without its conditions"),
        ("Putin has steadily backed the ceasefire on his terms.", 1, "one statement on"),
        ("Putin backs the truce on his terms, aiming to win time.", 1, "reason or motive"),
        ("Putin fervently backs the truce on conditions.", 1, "stronger or weaker"),
        ("Putin backs every truce on his terms.", 1, "widens"),
        ("Putin backs the truce on conditions, so the deal is sealed.", 1, "outcome"),
        ("Trump vowed that Russia will accept the ceasefire.", 3, "more certain"),
        ("Trump is stalling on the ceasefire proposal.", 3, "describes the position"),
        ("Yermak opposes a frozen conflict with Russia.", 5, "Yermak's own"),
        ("Ukraine rejects a frozen conflict, echoing Russia's critics.", 5, "links it to others"),
        ("Putin believes a Kursk truce is certain to fail.", 2, "settled"),
    ],
)
def test_each_unlicensed_part_is_named(text: str, cited: int, named: str) -> None:
    found = problems(text, cited)
    assert any(named in p for p in found), found


def test_a_metonym_is_licensed_only_by_the_actors_country() -> None:
    assert problems("Washington hopes Russia will accept the ceasefire.", 3) == []
    found = problems("Beijing hopes Russia will accept the ceasefire.", 3)
    assert any("Beijing" in p for p in found)


def test_another_topic_is_named_as_a_shift() -> None:
    moved = replace(PUTIN_1, other_topics=("Kursk truce", "Kursk"))
    claim = Claim(
        text="On the Kursk truce, Putin backs a pause on his terms.",
        citations=(1,),
        actor="Vladimir Putin",
        stance=Stance.CONDITIONAL,
    )
    found = check_claims([claim], evidence={1: moved}, actor_names=NAMES)
    assert any("presents it as about Kursk truce" in p.text for p in found)


ADDED = st.sampled_from(
    [
        "aiming to win time",
        "as he has steadily done",
        "unlike every other leader",
        "so the deal is now sealed",
        "vowing to sign it",
        "fervently",
        "across the whole region",
    ]
)


@settings(max_examples=60, deadline=None)
@given(added=ADDED)
def test_any_unlicensed_modifier_added_to_a_faithful_claim_is_caught(added: str) -> None:
    base = "Putin backs the US ceasefire proposal in principle, but only on Russia's terms"
    assert problems(f"{base}.", 1) == []
    assert problems(f"{base}, {added}.", 1) != []


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_the_meaning_check_never_crashes(text: str) -> None:
    for cited in GIVEN:
        claim = Claim(text=text, citations=(cited,), actor=ACTORS[cited], stance=None)
        assert all(p.text for p in check_claims([claim], evidence=GIVEN, actor_names=NAMES))

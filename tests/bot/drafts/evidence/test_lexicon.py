"""Each lexicon entry, tried on a claim: it is flagged where it contradicts, passes where it fits."""

from dataclasses import replace

import pytest

from bot.drafts.evidence import Claim, Evidence, check_claims, sentences
from bot.drafts.evidence.lexicon import (
    ABBREVIATIONS,
    CERTAINTY_WORDS,
    CONDITION_MARKERS,
    META_WORDS,
    MONTHS,
    NEGATIONS,
    NOT_NAMES,
    NOT_THE_ISSUE,
    NUMBER_WORDS,
    RELATIVE_TIME_WORDS,
    SHIFT_MARKERS,
    STANCE_WORDS,
    UNCONDITIONAL_WORDS,
    WEEKDAYS,
)
from store import Stance
from tests.bot.drafts.evidence.conftest import STATED, evidence


def problems(text: str, stance: Stance, **more: object) -> list[str]:
    more.setdefault("quotes", ("We will see about the ceasefire.",))
    given = {1: evidence(1, stance=stance, conditions=(), **more)}  # type: ignore[arg-type]
    names = {"Vladimir Putin": given[1].actor_names}
    found = check_claims([Claim(text, (1,))], evidence=given, actor_names=names)
    # The first stage's word lists alone: the meaning stage has its own tests (test_meaning).
    return [p.text for p in found if p.kind != "meaning"]


@pytest.mark.parametrize("phrase", sorted(STANCE_WORDS))
def test_each_stance_word_fits_its_stances_and_no_other(phrase: str) -> None:
    text = f"Putin {phrase} the ceasefire"
    for stance in Stance:
        found = problems(text, stance, summary="On the ceasefire.")
        flagged = any(f"“{phrase}”, but the position" in p for p in found)
        assert flagged is (stance not in STANCE_WORDS[phrase]), (phrase, stance)


@pytest.mark.parametrize("phrase", sorted(UNCONDITIONAL_WORDS))
def test_each_unconditional_word_is_wrong_on_a_conditional_position(phrase: str) -> None:
    text = f"Putin, {phrase}, is for the ceasefire"
    assert any(phrase in p for p in problems(text, Stance.CONDITIONAL))
    assert not any(phrase in p for p in problems(text, Stance.SUPPORTS))


@pytest.mark.parametrize("phrase", sorted(CERTAINTY_WORDS))
def test_each_certainty_word_needs_the_evidence_to_say_it(phrase: str) -> None:
    text = f"Putin says the ceasefire is {phrase}"
    assert any(phrase in p for p in problems(text, Stance.SUPPORTS, summary="On the ceasefire."))
    said = f"Putin said the ceasefire is {phrase}."
    assert not any(phrase in p for p in problems(text, Stance.SUPPORTS, summary=said))


@pytest.mark.parametrize("phrase", sorted(META_WORDS))
def test_each_word_about_the_draft_is_flagged(phrase: str) -> None:
    assert any(phrase in p for p in problems(f"Putin backs it; {phrase}", Stance.SUPPORTS))


@pytest.mark.parametrize("phrase", sorted(RELATIVE_TIME_WORDS - {"on thursday"}))
def test_each_time_word_needs_the_evidence_to_say_it(phrase: str) -> None:
    text = f"Putin backed the ceasefire {phrase}"
    assert any(phrase in p for p in problems(text, Stance.SUPPORTS))
    said = f"Backed the ceasefire {phrase}."
    assert not any(phrase in p for p in problems(text, Stance.SUPPORTS, summary=said))


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Putin does not support the ceasefire", Stance.OPPOSES),
        ("Putin doesn't back the ceasefire", Stance.OPPOSES),
        ("Putin no longer opposes the ceasefire", Stance.SUPPORTS),
    ],
)
def test_a_negated_stance_word_means_the_opposite(text: str, stance: Stance) -> None:
    assert not any("says" in p for p in problems(text, stance))


def test_a_rejection_inside_a_stated_condition_fits_conditional_support(
    given: dict[int, Evidence],
) -> None:
    claim = Claim("Putin backs the ceasefire, but rejects any pause that lets troops regroup", (1,))
    found = check_claims([claim], evidence=given, actor_names={})
    assert not any(p.kind == "stance" for p in found)


@pytest.mark.parametrize("negation", sorted(NEGATIONS))
def test_each_negation_turns_a_stance_word_around(negation: str) -> None:
    text = f"Putin {negation} supports the ceasefire"
    assert not any("“supports”" in p for p in problems(text, Stance.OPPOSES))
    assert any("“supports”" in p for p in problems(text, Stance.SUPPORTS))


@pytest.mark.parametrize("marker", sorted(CONDITION_MARKERS))
def test_each_condition_marker_lets_a_rejection_describe_a_condition(marker: str) -> None:
    text = f"Putin backs the ceasefire {marker} rejects a pause"
    assert not any("“rejects”" in p for p in problems(text, Stance.CONDITIONAL))
    assert any("“rejects”" in p for p in problems(text, Stance.SUPPORTS))


@pytest.mark.parametrize("target", sorted(NOT_THE_ISSUE))
def test_an_opposition_verb_aimed_at_a_claim_is_not_a_stance(target: str) -> None:
    text = f"Putin dismissed {target} about the ceasefire"
    assert not any("“dismissed”" in p for p in problems(text, Stance.SUPPORTS))


@pytest.mark.parametrize("marker", sorted(SHIFT_MARKERS))
def test_each_shift_marker_lets_a_claim_name_the_previous_stance(marker: str) -> None:
    given = {1: replace(evidence(1, stance=Stance.OPPOSES), previous_stance=Stance.SUPPORTS)}
    names = {"Vladimir Putin": given[1].actor_names}
    with_marker = Claim(f"Putin {marker} supports the ceasefire", (1,))
    without = Claim("Putin supports the ceasefire", (1,))
    assert not check_claims([with_marker], evidence=given, actor_names=names)
    assert check_claims([without], evidence=given, actor_names=names)


@pytest.mark.parametrize("word", sorted(w for w, v in NUMBER_WORDS.items() if v != STATED.day))
def test_each_number_word_must_be_in_the_evidence(word: str) -> None:
    text = f"Putin backs a {word}-day ceasefire"
    assert any("unsupported" in p for p in problems(text, Stance.SUPPORTS))
    said = f"Backs a {word}-day ceasefire."
    assert not any("unsupported" in p for p in problems(text, Stance.SUPPORTS, summary=said))


# Not the statement's own month or weekday (13 March 2025, a Thursday): those are evidence.
@pytest.mark.parametrize("word", sorted({*MONTHS, *WEEKDAYS} - {"may", "mar", "march", "thursday"}))
def test_each_month_and_weekday_must_be_in_the_evidence(word: str) -> None:
    text = f"Putin backed the ceasefire in {word.capitalize()} 14"
    assert any(word.capitalize() in p for p in problems(text, Stance.SUPPORTS))


@pytest.mark.parametrize("abbreviation", sorted(ABBREVIATIONS))
def test_no_abbreviation_ends_a_sentence(abbreviation: str) -> None:
    assert sentences.count(f"Putin met the {abbreviation}. Delegation on it") == 1


@pytest.mark.parametrize("word", sorted(NOT_NAMES))
def test_each_capitalised_common_word_needs_no_evidence(word: str) -> None:
    text = f"{word.capitalize()} Putin backs the ceasefire"
    assert not any("unsupported" in p for p in problems(text, Stance.SUPPORTS))


def test_the_weekday_of_the_statement_needs_no_other_evidence() -> None:
    # STATED, 13 March 2025, was a Thursday.
    assert not problems("On Thursday, Putin backed the ceasefire", Stance.SUPPORTS)
    assert problems("On Friday, Putin backed the ceasefire", Stance.SUPPORTS)

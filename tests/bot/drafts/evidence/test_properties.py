"""Property tests: the checker never crashes, and what is verbatim always verifies."""

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from bot.drafts.drafting import SummaryOut, claims_from
from bot.drafts.evidence import Claim, Evidence, check_claims
from bot.drafts.evidence.marks import find_quotes
from bot.drafts.evidence.quotes import locate
from bot.drafts.evidence.text import clean, fold
from store import Stance
from tests.bot.drafts.evidence.conftest import PUTIN, TRUMP, evidence

GIVEN = {1: evidence(1), 3: evidence(3, actor=TRUMP, stance=Stance.SUPPORTS)}
NAMES = {"Vladimir Putin": PUTIN, "Donald Trump": TRUMP}
HOSTILE = st.sampled_from(["\x00", "\x1b[2J", "\u202e", "\u200b", "\U000e0041", "\ufeff", "\x7f"])
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=300) | st.lists(
    st.one_of(st.text(max_size=20), HOSTILE, st.sampled_from(["“", "”", "'", "[#1]", "…"]))
).map("".join)
CLAIM = st.builds(
    Claim,
    text=TEXT,
    citations=st.lists(st.integers(min_value=-5, max_value=10**12), max_size=4).map(tuple),
    actor=st.none() | st.sampled_from([*NAMES, "Nobody", ""]) | st.text(max_size=30),
    stance=st.none() | st.sampled_from(list(Stance)),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CLAIM, max_size=5))
def test_the_checker_never_crashes(claims: list[Claim]) -> None:
    problems = check_claims(claims, evidence=GIVEN, actor_names=NAMES)
    assert all(p.text for p in problems)
    if not claims:
        assert [p.kind for p in problems] == ["empty"]


@given(TEXT)
def test_hidden_characters_never_survive_cleaning(text: str) -> None:
    cleaned, hidden = clean(text)
    categories = {unicodedata.category(ch) for ch in cleaned if ch not in "\n\t"}
    assert not categories & {"Cc", "Cf", "Cs"}
    if any(unicodedata.category(ch) in {"Cf", "Cs"} for ch in text):
        assert hidden


@given(TEXT)
def test_quotations_lie_inside_the_text_and_never_overlap(text: str) -> None:
    marks = find_quotes(text)
    last = 0
    for quoted in marks.quotes:
        assert last <= quoted.start < quoted.end <= len(text)
        assert text[quoted.start + 1 : quoted.end - 1] == quoted.text
        last = quoted.end


@given(TEXT)
def test_folding_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


STORED = "agreed with the proposals to cease hostilities… The idea itself is correct, and we certainly support it."


@given(st.data())
def test_any_run_of_three_or_more_stored_words_verifies(data: st.DataObject) -> None:
    tokens = STORED.split()
    start = data.draw(st.integers(min_value=0, max_value=len(tokens) - 3))
    end = data.draw(st.integers(min_value=start + 3, max_value=len(tokens)))
    phrase = " ".join(tokens[start:end])
    mark = data.draw(st.sampled_from([("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("„", "“")]))
    claim = Claim(f"Putin said {mark[0]}{phrase}{mark[1]}.", (1,), "Vladimir Putin")
    given_evidence: dict[int, Evidence] = {1: evidence(1, quotes=(STORED,))}
    problems = check_claims([claim], evidence=given_evidence, actor_names=NAMES)
    assert not [p for p in problems if p.kind in {"quote", "unbalanced quote"}], problems
    assert locate(phrase.upper(), [STORED]) is not None


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
ANSWER = st.fixed_dictionaries(
    {
        "claims": st.lists(
            st.fixed_dictionaries(
                {
                    "text": TEXT,
                    "citations": st.lists(
                        st.integers(min_value=-(10**30), max_value=10**30) | TEXT, max_size=4
                    ),
                    "actor": st.none() | TEXT,
                    "stance": st.none() | TEXT | st.sampled_from([s.value for s in Stance]),
                }
            ),
            max_size=5,
        )
    }
) | st.dictionaries(st.text(max_size=8), JSONISH)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(ANSWER)
def test_any_structured_answer_is_refused_or_checked_never_a_crash(answer: object) -> None:
    try:
        parsed = SummaryOut.model_validate(answer)
    except ValidationError:
        return  # the LLM client reports this as "answered in a form we can't use"
    claims = claims_from(parsed)
    problems = check_claims(claims, evidence=GIVEN, actor_names=NAMES)
    assert all(p.text for p in problems)

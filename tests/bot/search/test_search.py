"""Full-text search on the suite's backend (SQLite FTS5, or PostgreSQL in CI's second run)."""

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import Session

from bot.catalog.names import resolve_actor, resolve_topic
from bot.errors import BadCommand, InputTooLong, UserError
from bot.paging import Page
from bot.positions.recording import record_statement
from bot.search import SearchHit, read_terms, search
from store import Position, PositionRetraction, PositionStatus, Stance, unit_of_work

JAN_2026 = datetime(2026, 1, 10, 12, tzinfo=UTC)
MARCH_13 = datetime(2025, 3, 13, 12, tzinfo=UTC)
HOSTILE = [
    "*",
    "-",
    "ceasefire*",
    "-ceasefire",
    "NEAR(ceasefire truce)",
    "ceasefire NEAR truce",
    '"',
    '"no ceasefire',
    'no ceasefire"',
    "summary:ceasefire",
    "{summary quotes}: truce",
    "^ceasefire",
    "AND OR NOT",
    "ceasefire & !truce | (x <-> y)",
    "'; DROP TABLE position; --",
    "%_\\",
    "“”",
    "\x00\x1b[31m",
    "🕊️ 停火",
    "e\u0301",
]


def _record(
    engine: Engine,
    quote: str,
    *,
    actor: str = "putin",
    topic: str = "ceasefire",
    summary: str = "",
    conditions: Sequence[str] = (),
    when: datetime = MARCH_13,
) -> int:
    with unit_of_work(engine) as session:
        position = record_statement(
            session,
            actor_id=resolve_actor(session, query=actor).id,
            topic_id=resolve_topic(session, query=topic).id,
            stance=Stance.OPPOSES,
            quotes=[quote],
            summary=summary,
            conditions=conditions,
            stated_at=when,
            recorded_by="U_TEST",
        )
        assert position.id is not None
        return position.id


def _search(engine: Engine, text: str, **kwargs: object) -> Page[SearchHit]:
    with Session(engine) as session:
        return search(session, terms=read_terms(text), **kwargs)  # type: ignore[arg-type]


def _ids(engine: Engine, text: str, **kwargs: object) -> list[int]:
    return [hit.id for hit in _search(engine, text, **kwargs).items]


def _marked(hit: SearchHit) -> list[str]:
    return [text for piece in hit.pieces for text, matched in piece.segments if matched]


def test_a_word_in_quotes_summaries_and_conditions_is_found(engine: Engine) -> None:
    in_quote = _record(engine, "Sanctions must go first.", actor="trump")
    in_summary = _record(engine, "We will see.", summary="Wants sanctions lifted.", actor="yermak")
    in_condition = _record(engine, "Only then.", conditions=["All sanctions lifted"])
    assert sorted(_ids(engine, "sanctions")) == sorted([in_quote, in_summary, in_condition])


def test_hits_are_ranked_by_how_well_they_match(engine: Engine) -> None:
    weak = _record(
        engine,
        "We discussed many things today, among them energy, grain, prisoners, the border, "
        "shipping in the Black Sea, and tariffs, and much else besides that took hours.",
        actor="trump",
    )
    strong = _record(engine, "Tariffs, tariffs and more tariffs.", actor="yermak")
    assert _ids(engine, "tariffs") == [strong, weak]


def test_every_word_is_required(engine: Engine) -> None:
    both = _record(engine, "Grain exports through the Black Sea must resume.")
    _record(engine, "Grain prices are rising.", actor="trump")
    _record(engine, "The Black Sea fleet stays.", actor="yermak")
    assert _ids(engine, "grain black sea") == [both]


def test_search_ignores_case_and_matches_word_endings(engine: Engine) -> None:
    assert _ids(engine, "KURSK TROOPS") == [
        2,
        1,
    ]  # the seed: Putin on the Kursk truce, on ceasefire
    assert 1 in _ids(engine, "regrouping")  # "…use the pause to regroup…"
    assert _ids(engine, "ceasefires") == _ids(engine, "ceasefire")


def test_a_quoted_phrase_matches_those_words_in_that_order_only(engine: Engine) -> None:
    exact = _record(engine, "There will be no ceasefire on these terms.")
    _record(engine, "No, a ceasefire is not on the table.", actor="trump")
    _record(engine, "Ceasefire? There will be no such thing.", actor="yermak")
    _record(engine, "We want no ceasefires at all.", actor="ukraine", topic="frozen conflict")
    assert _ids(engine, '"no ceasefire"') == [exact]
    assert _ids(engine, "“No Ceasefire”") == [exact]  # curly quotes, any case


def test_phrases_and_words_combine(engine: Engine) -> None:
    wanted = _record(engine, "There will be no ceasefire while troops stay in Kursk.")
    _record(engine, "There will be no ceasefire.", actor="trump")
    assert _ids(engine, '"no ceasefire" kursk') == [wanted]


def test_the_matching_words_are_marked_in_the_piece_shown(engine: Engine) -> None:
    _record(engine, "There will be no ceasefire on these terms.")
    hits = _search(engine, '"no ceasefire"').items
    assert [piece.kind for piece in hits[0].pieces] == ["quote"]
    assert hits[0].pieces[0].text == "There will be no ceasefire on these terms."
    assert " ".join(_marked(hits[0])).casefold().split() == ["no", "ceasefire"]
    seed = _search(engine, "frozen conflict").items[0]
    assert (seed.actor, seed.topic, seed.id) == ("Ukraine", "Frozen conflict", 5)
    assert seed.speaker == "Andriy Yermak"
    assert {text.casefold() for text in _marked(seed)} <= {"frozen", "conflict", "frozen conflict"}


def test_a_long_quote_is_cut_around_the_match(engine: Engine) -> None:
    filler = "word " * 120
    _record(engine, f"{filler}the referendum is off {filler}".strip())
    piece = _search(engine, "referendum").items[0].pieces[0]
    assert piece.text[0] == piece.text[-1] == "…"
    assert len(piece.text) < 300
    assert "referendum" in _marked(_search(engine, "referendum").items[0])


def test_as_of_finds_only_what_had_been_said_by_then(engine: Engine) -> None:
    later = _record(engine, "The sanctions stay until the summer.", when=JAN_2026)
    earlier = _record(engine, "The sanctions stay.", actor="trump")
    assert sorted(_ids(engine, "sanctions")) == sorted([earlier, later])
    assert _ids(engine, "sanctions", as_of=datetime(2025, 12, 31, 23, 59, tzinfo=UTC)) == [earlier]


def test_a_retracted_position_is_found_only_as_it_stood_before(engine: Engine) -> None:
    withdrawn = _record(engine, "The sanctions stay.")
    with unit_of_work(engine) as session:
        position = session.get(Position, withdrawn)
        assert position is not None
        position.status = PositionStatus.RETRACTED
        session.add(position)
        session.add(
            PositionRetraction(
                position_id=withdrawn, by="U_EDITOR", reason="wrong", kind="retracted"
            )
        )
    assert _ids(engine, "sanctions") == []
    # Withdrawn today: an as-of answer from January 2026 shows it, marked, as others do.
    assert _ids(engine, "sanctions", as_of=JAN_2026) == [withdrawn]
    with unit_of_work(engine) as session:
        hits = search(session, terms=read_terms("sanctions"), as_of=JAN_2026).items
    assert [hit.withdrawn_later for hit in hits] == [True]


def test_a_proposed_candidate_is_not_found(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        record_statement(
            session,
            actor_id=resolve_actor(session, query="putin").id,
            topic_id=resolve_topic(session, query="ceasefire").id,
            stance=Stance.OPPOSES,
            quotes=["The sanctions stay."],
            stated_at=MARCH_13,
            recorded_by="U_TEST",
            status=PositionStatus.PROPOSED,
        )
    assert _ids(engine, "sanctions") == []


def test_long_results_come_in_pages_of_twenty(engine: Engine) -> None:
    recorded = {
        _record(engine, f"Grain corridor talk number {n}.", when=MARCH_13.replace(day=n + 1))
        for n in range(25)
    }
    first, second = _search(engine, "grain"), _search(engine, "grain", page=2)
    assert (first.total, len(first.items), len(second.items)) == (25, 20, 5)
    assert {hit.id for hit in [*first.items, *second.items]} == recorded
    with pytest.raises(BadCommand, match="no page 3"):
        _search(engine, "grain", page=3)


def test_nothing_found_is_an_empty_page(engine: Engine) -> None:
    page = _search(engine, "zeppelin")
    assert (page.total, page.items) == (0, ())


def _outcome(engine: Engine, text: str) -> str:
    """What a reader is told: how many statements matched, or the refusal."""
    try:
        page = _search(engine, text)
    except UserError as error:
        return f"refused: {error.message}"
    assert page.total >= len(page.items)
    return f"found {page.total}"


@pytest.mark.parametrize("text", HOSTILE)
def test_operators_and_punctuation_are_searched_as_text_never_as_syntax(
    engine: Engine, text: str
) -> None:
    assert _outcome(engine, text).startswith(("found ", "refused: "))


def test_operator_words_are_plain_words(engine: Engine) -> None:
    near = _record(engine, "Talks are NEAR collapse, NOT over.")
    assert _ids(engine, "NEAR") == [near]
    assert _ids(engine, "not near") == [near]
    assert _ids(engine, "ceasefire*") == _ids(engine, "ceasefire")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=120))
def test_arbitrary_text_is_answered_or_refused_with_a_user_error(engine: Engine, text: str) -> None:
    outcome = _outcome(engine, text)
    assert outcome.startswith(("found ", "refused: "))
    assert outcome != "refused: "


def test_a_100_kb_search_is_refused_before_any_query() -> None:
    with pytest.raises(InputTooLong, match="102,400 characters long; the limit is 300"):
        read_terms("x" * 102_400)


def test_nothing_searchable_is_refused() -> None:
    with pytest.raises(BadCommand, match="Search for which words"):
        read_terms('* - : "" ()')


def test_terms_keep_phrases_and_words_apart() -> None:
    terms = read_terms('Kremlin "No Ceasefire" kremlin “frozen conflict” “open')
    assert terms.words == ("kremlin", "open")
    assert terms.phrases == (("no", "ceasefire"), ("frozen", "conflict"))
    assert terms.shown() == "kremlin open “no ceasefire” “frozen conflict”"


def test_common_words_differ_by_backend_as_documented(engine: Engine) -> None:
    """SQLite searches every word; PostgreSQL drops English stop words unless quoted."""
    if engine.dialect.name == "postgresql":
        with pytest.raises(BadCommand, match="too common") as refused:
            _search(engine, "the")
        assert refused.value.hint == 'Put them in quotes to search for them exactly: search "the"'
    else:
        assert len(_ids(engine, "the")) == 5
    assert len(_ids(engine, '"the"')) == 5

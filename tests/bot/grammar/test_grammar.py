"""The command grammar, and what it refuses."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.errors import BadCommand, InputTooLong
from bot.grammar import (
    ActorQuery,
    AddForm,
    AddStatement,
    Audit,
    Decide,
    DigestCommand,
    EditDraft,
    Help,
    HistoryQuery,
    Ingest,
    PairQuery,
    Pending,
    RetryDraft,
    Review,
    Search,
    Summarize,
    TopicQuery,
    parse_command,
    parse_quick_add,
)
from store import Stance


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Help()),
        ("   ", Help()),
        ("help", Help()),
        ("putin", ActorQuery(actor="putin")),
        ("putin on ceasefire", PairQuery(actor="putin", topic="ceasefire")),
        ("Trump ON attack on US allies", PairQuery(actor="Trump", topic="attack on US allies")),
        ("topic ceasefire", TopicQuery(topic="ceasefire")),
        ("history putin on ceasefire", HistoryQuery(actor="putin", topic="ceasefire")),
        (
            "putin on ceasefire as of 13 March 2025",
            PairQuery(actor="putin", topic="ceasefire", as_of="13 March 2025"),
        ),
        ("topic ceasefire AS OF yesterday", TopicQuery(topic="ceasefire", as_of="yesterday")),
        ("putin as of 2025-03-13", ActorQuery(actor="putin", as_of="2025-03-13")),
        ("add", AddForm()),
        ("summarize ceasefire", Summarize(topic="ceasefire")),
        ("digest", DigestCommand()),
        ("digest now", DigestCommand(action="now")),
        (
            "digest at 07:30 Europe/London",
            DigestCommand(action="at", argument="07:30 Europe/London"),
        ),
        ("pending", Pending()),
        ("approve 7", Decide(verb="approve", draft_id=7)),
        (
            "reject D7 not neutral enough",
            Decide(verb="reject", draft_id=7, reason="not neutral enough"),
        ),
        ("audit 7", Audit(number=7)),
        ("audit D7", Audit(number=7, subject="draft")),
        ("audit #7", Audit(number=7, subject="position")),
        ("edit D7", EditDraft(draft_id=7)),
        ("Retry 7", RetryDraft(draft_id=7)),
        ("confirm 12", Review(verb="confirm", position_id=12)),
        ("confirm 12 on US allies", Review(verb="confirm", position_id=12, topic="US allies")),
        (
            "confirm 12 on truce stated 13 March 2025",
            Review(verb="confirm", position_id=12, stated="13 March 2025", topic="truce"),
        ),
        ("ingest https://example.com/a", Ingest(source="https://example.com/a")),
    ],
)
def test_commands_parse(text: str, expected: object) -> None:
    assert parse_command(text) == expected


def test_quick_add_with_curly_quotes_and_url() -> None:
    parsed = parse_command(
        "add Putin on ceasefire: opposes “We will not accept it” https://example.com/story"
    )
    assert parsed == AddStatement(
        actor="Putin",
        topic="ceasefire",
        stance=Stance.OPPOSES,
        quote="We will not accept it",
        url="https://example.com/story",
    )


def test_quick_add_accepts_stance_synonyms_and_no_url() -> None:
    parsed = parse_command('add trump on ceasefire: conditional support "Only if they sign"')
    assert isinstance(parsed, AddStatement)
    assert parsed.stance is Stance.CONDITIONAL
    assert parsed.url is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('add putin on ceasefire: maybe "x"', "isn't a stance"),
        ("add putin on ceasefire: opposes no quotes here", "couldn't read"),
        ('add putin on ceasefire: opposes "x" ftp://example.com', "isn't a web address"),
        ('add putin on ceasefire: opposes "x" not-a-url', "isn't a web address"),
        ("topic", "Which topic"),
        ("history putin", "needs an actor and a topic"),
        ("approve seven", "Approve which draft?"),
        ("edit", "Edit which draft?"),
        ("retry putin", "Retry which draft?"),
        ("summarize", "Summarize which topic?"),
        ("ingest", "Ingest what?"),
    ],
)
def test_bad_commands_explain_themselves(text: str, message: str) -> None:
    with pytest.raises(BadCommand, match=message):
        parse_command(text)


def test_oversized_input_is_refused_before_parsing() -> None:
    with pytest.raises(InputTooLong, match="10,000 characters"):
        parse_command("putin " + "x" * 9994)


def test_control_characters_are_dropped() -> None:
    assert parse_command("put\x00in\x1b on cease\u202efire") == PairQuery(
        actor="putin", topic="ceasefire"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("history putin on ceasefire page 2", HistoryQuery("putin", "ceasefire", None, 2)),
        ("putin on truce as of 2025-03-13 page 3", PairQuery("putin", "truce", "2025-03-13", 3)),
        (
            "putin on truce page 3 as of 13 March 2025",
            PairQuery("putin", "truce", "13 March 2025", 3),
        ),
        ("topic ceasefire PAGE 2", TopicQuery("ceasefire", None, 2)),
        ("yermak page 4", ActorQuery("yermak", None, 4)),
        ("pending page 2", Pending(page=2)),
        ("larry page", ActorQuery("larry page")),  # "page" without a number is part of a name
    ],
)
def test_any_list_question_can_name_its_page(text: str, expected: object) -> None:
    assert parse_command(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [("topic ceasefire page 0", "Pages start at 1"), ("pending soon", "isn't a page number")],
)
def test_bad_page_numbers_explain_themselves(text: str, message: str) -> None:
    with pytest.raises(BadCommand, match=message):
        parse_command(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("putin on ceasefire as at 13 March 2025", "as at"),
        ("putin on ceasefire on 13 March 2025", "on"),
        ("putin on ceasefire on 2025-03-13", "on"),
        ("topic ceasefire on March 13, 2025", "on"),
        ("history putin on ceasefire on 13/03/2025", "on"),
        ("putin on 2025", "on"),
    ],
)
def test_other_date_words_point_at_as_of(text: str, word: str) -> None:
    with pytest.raises(BadCommand, match=f"use \\*as of\\* rather than “{word}”") as refused:
        parse_command(text)
    assert "as of 13 March 2025" in refused.value.hint


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("putin on attack on US allies", PairQuery(actor="putin", topic="attack on US allies")),
        ("zelensky on may day", PairQuery(actor="zelensky", topic="may day")),
    ],
)
def test_only_a_trailing_date_after_on_is_refused(text: str, expected: object) -> None:
    assert parse_command(text) == expected
    with pytest.raises(BadCommand, match="as of"):
        parse_command(f"{text} on 13 March 2025")


@pytest.mark.parametrize(
    ("text", "url", "stated"),
    [
        (
            'add putin on ceasefire: opposes "No truce." https://example.com/a stated 12 March 2025',
            "https://example.com/a",
            "12 March 2025",
        ),
        ('add putin on ceasefire: opposes "No truce." stated yesterday', None, "yesterday"),
        ("add putin on ceasefire: opposes “No truce.”Stated 2025-03-12", None, "2025-03-12"),
        (
            'add putin on ceasefire: opposes "No truce." https://example.com/a',
            "https://example.com/a",
            None,
        ),
    ],
)
def test_quick_add_takes_the_day_it_was_stated(
    text: str, url: str | None, stated: str | None
) -> None:
    assert parse_command(text) == AddStatement(
        actor="putin",
        topic="ceasefire",
        stance=Stance.OPPOSES,
        quote="No truce.",
        url=url,
        stated=stated,
    )


def test_stated_inside_the_quote_is_part_of_the_quote() -> None:
    parsed = parse_command(
        'add putin on ceasefire: opposes "He stated it was over" stated 12 March 2025'
    )
    assert isinstance(parsed, AddStatement)
    assert (parsed.quote, parsed.stated) == ("He stated it was over", "12 March 2025")


@pytest.mark.parametrize(
    "text",
    [
        'add putin on ceasefire: opposes "No truce." stated',
        'add putin on ceasefire: opposes "No truce." https://example.com/a stated  ',
    ],
)
def test_stated_with_no_day_asks_when(text: str) -> None:
    with pytest.raises(BadCommand, match="Stated when") as refused:
        parse_command(text)
    assert "stated 12 March 2025" in refused.value.hint


_WORD = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12)
_DAY = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789 /-,."), max_size=30).map(
    lambda day: " ".join(day.split())
)


@given(
    actor=_WORD,
    topic=_WORD,
    stance=st.sampled_from(["opposes", "supports", "conditional support", "undecided"]),
    quote=st.text(min_size=1, max_size=300).filter(lambda quote: quote.strip()),
    url=st.none()
    | st.from_regex(r"https://[a-z]{1,12}\.(com|org)/[a-z0-9/?=]{0,20}", fullmatch=True),
    stated=st.none() | _DAY.filter(bool),
)
def test_any_parseable_quick_add_round_trips_its_quote(
    actor: str, topic: str, stance: str, quote: str, url: str | None, stated: str | None
) -> None:
    text = f'{actor} on {topic}: {stance} "{quote}"'
    text += f" {url}" if url else ""
    text += f" stated {stated}" if stated else ""
    parsed = parse_quick_add(text)
    assert (parsed.actor, parsed.topic) == (actor, topic)
    assert parsed.quote == quote.strip()
    assert (parsed.url, parsed.stated) == (url, stated)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('search "no ceasefire" kremlin', Search(words='"no ceasefire" kremlin')),
        (
            "search frozen conflict as of 13 March 2025 page 2",
            Search(words="frozen conflict", as_of="13 March 2025", page=2),
        ),
        ("search troops page 3 as of 2025", Search(words="troops", as_of="2025", page=3)),
    ],
)
def test_search_takes_words_a_date_and_a_page(text: str, expected: object) -> None:
    assert parse_command(text) == expected


def test_a_long_search_is_kept_whole_for_the_search_to_refuse() -> None:
    words = "sanctions " * 40
    parsed = parse_command(f"search {words}")
    assert isinstance(parsed, Search)
    assert parsed.words == words.strip()
